import { describe, expect, it } from 'vitest';

import { OrdersFileError, parseOrdersFile } from '../../../knowledge/orders/order.schema.js';

const item = { sku: 'CHN-22', name: 'Elisa Pendant Necklace', quantity: 1, unitPrice: 68, finalSale: false, personalized: false };
const shipped = {
  brand: 'kendra-scott-mall',
  orderNumber: 'KS-100234',
  email: 'shopper@example.com',
  customerName: 'Sample Shopper',
  placedAt: '2026-11-02T15:04:00Z',
  status: 'shipped',
  shippedAt: '2026-11-04T18:00:00Z',
  deliveredAt: null,
  carrier: 'UPS',
  trackingNumber: '1Z999AA10123456784',
  trackingUrl: 'https://tracking.example.com/ups/1Z999AA10123456784',
  shipTo: { country: 'US', region: 'TX', postalCode: '78701' },
  items: [item],
};
const minimalProcessing = { brand: 'generic-store', orderNumber: 'GS-1', email: 'shopper@example.com', status: 'processing', items: [item] };

function errorOf(json: unknown): OrdersFileError {
  try {
    parseOrdersFile(json, 'orders.json');
  } catch (error) {
    if (error instanceof OrdersFileError) return error;
    throw error;
  }
  throw new Error('expected the orders file to be rejected');
}

describe('parseOrdersFile', () => {
  it("accepts the example of docs/contracts.md, from JSON text or a parsed value", () => {
    const file = { orders: [shipped] };
    const [order] = parseOrdersFile(JSON.stringify(file), 'orders.json');
    expect(order).toMatchObject({ status: 'shipped', orderNumber: 'KS-100234', carrier: 'UPS' });
    expect(parseOrdersFile(file, 'orders.json')).toEqual(parseOrdersFile(JSON.stringify(file), 'orders.json'));
  });

  it('fills absent optional fields with null and trims text', () => {
    const [order] = parseOrdersFile({ orders: [{ ...minimalProcessing, email: ' Shopper@Example.com ', orderNumber: ' GS-1 ' }] }, 'orders.json');
    expect(order).toMatchObject({ orderNumber: 'GS-1', email: 'Shopper@Example.com', customerName: null, placedAt: null, shippedAt: null, trackingUrl: null, shipTo: null });
  });

  it('names the order and the field when a shipped order has no shippedAt', () => {
    const { shippedAt: _omitted, ...noShippedAt } = shipped;
    const error = errorOf({ orders: [minimalProcessing, noShippedAt] });
    expect(error.message).toContain('orders.json');
    expect(error.problems).toEqual(['orders[1] (orderNumber "KS-100234"), field "shippedAt": is required for a shipped order']);
  });

  it('requires deliveredAt on a delivered order, even when null', () => {
    const error = errorOf({ orders: [{ ...shipped, status: 'delivered', deliveredAt: null }] });
    expect(error.problems).toEqual(['orders[0] (orderNumber "KS-100234"), field "deliveredAt": is required for a delivered order']);
  });

  it('names a bad status and what was given', () => {
    const error = errorOf({ orders: [{ ...shipped, status: 'in_transit' }] });
    expect(error.problems).toEqual([
      'orders[0] (orderNumber "KS-100234"), field "status": must be one of processing, shipped, delivered, cancelled (got "in_transit")',
    ]);
  });

  it('names a bad email', () => {
    const error = errorOf({ orders: [{ ...shipped, email: 'shopper at example.com' }] });
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toMatch(/^orders\[0\] \(orderNumber "KS-100234"\), field "email": /);
  });

  // Whether a brand folder of that name exists is checked at start-up (test/bot/orders/orders.json-source.test.ts).
  it('names nested fields and brands that are not brand ids', () => {
    const error = errorOf({ orders: [{ ...shipped, brand: 'Kendra Scott', items: [{ ...item, finalSale: undefined }] }] });
    expect(error.problems).toEqual([
      expect.stringMatching(/^orders\[0\] \(orderNumber "KS-100234"\), field "brand": /),
      'orders[0] (orderNumber "KS-100234"), field "items[0].finalSale": is required',
    ]);
  });

  it('rejects tracking links that are not web addresses and instants without an offset', () => {
    const error = errorOf({ orders: [{ ...shipped, trackingUrl: 'javascript:alert(1)', shippedAt: '2026-11-04T18:00:00' }] });
    expect(error.problems.map((problem) => problem.split(': ')[0])).toEqual([
      'orders[0] (orderNumber "KS-100234"), field "shippedAt"',
      'orders[0] (orderNumber "KS-100234"), field "trackingUrl"',
    ]);
  });

  it('lists every problem in the file, and orders that have no number', () => {
    const error = errorOf({ orders: [{ ...shipped, carrier: '' }, 'not an order', { ...minimalProcessing, orderNumber: 42 }] });
    expect(error.problems).toEqual([
      expect.stringMatching(/^orders\[0\] \(orderNumber "KS-100234"\), field "carrier": /),
      'orders[1] (no orderNumber): each order must be a JSON object',
      expect.stringMatching(/^orders\[2\] \(no orderNumber\), field "orderNumber": /),
    ]);
  });

  it('rejects a file that is not JSON or has no orders array', () => {
    expect(errorOf('{"orders": [').problems[0]).toMatch(/^not valid JSON/);
    expect(errorOf({ order: [] }).problems[0]).toMatch(/"orders"/);
  });

  it('rejects order numbers that are the same after normalisation, naming both', () => {
    const error = errorOf({ orders: [shipped, minimalProcessing, { ...shipped, orderNumber: '#ks 100234' }] });
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toMatch(/^orders\[2\] \(orderNumber "#ks 100234"\), field "orderNumber": same order number as orders\[0\] \(orderNumber "KS-100234"\) for brand "kendra-scott-mall"/);
  });

  it('allows the same order number in two brands', () => {
    expect(parseOrdersFile({ orders: [shipped, { ...shipped, brand: 'generic-store' }] }, 'orders.json')).toHaveLength(2);
  });

  it('rejects an order number with nothing but separators', () => {
    expect(errorOf({ orders: [{ ...minimalProcessing, orderNumber: '# -' }] }).problems[0]).toMatch(/field "orderNumber": must contain letters or digits/);
  });
});
