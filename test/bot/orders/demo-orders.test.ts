import { describe, expect, it } from 'vitest';

import { addCalendarDays, isPastEndOfDay, windowDates } from '../../../knowledge/calendar/business-days.js';
import { createDemoOrders, DEMO_ORDER_KINDS, demoOrderSummaries, type DemoOrderKind } from '../../../bot/orders/demo-orders.js';
import { parseOrdersFile, type Order } from '../../../knowledge/orders/order.schema.js';
import { createJsonOrderSource } from '../../../bot/orders/orders.json-source.js';
import { BRAND_FOLDERS, BRAND_IDS, type DemoBrand } from '../../support/brands.js';

const ET = 'America/New_York';
// Brands that state business days for delivery count them so; the others say "days".
const DELIVERY_UNIT: Record<DemoBrand, 'business' | 'calendar'> = {
  'james-avery-malls': 'business',
  'james-avery-artisan': 'business', // operator setting; business days is the slower reading
  'kendra-scott-mall': 'calendar',
  'generic-store': 'calendar',
};

// Start-up on an ordinary day, across the year-end holidays, at midnight ET, and in summer.
const STARTS = ['2026-11-16T15:00:00Z', '2027-01-04T04:30:00Z', '2027-12-27T05:00:00Z', '2026-07-06T12:00:00Z'];

function byKind(orders: readonly Order[]): Map<string, Order> {
  const summaries = demoOrderSummaries(BRAND_FOLDERS);
  return new Map(orders.map((order, index) => [`${order.brand}/${summaries[index]?.kind ?? ''}`, order]));
}

function deliveryWindow(order: Order) {
  if (order.status !== 'shipped' && order.status !== 'delivered') throw new Error(`${order.orderNumber} has not shipped`);
  return windowDates(order.shippedAt, { min: 6, max: 12, unit: DELIVERY_UNIT[order.brand as DemoBrand] }, ET);
}

describe.each(STARTS)('demo orders created at %s', (start) => {
  const now = new Date(start);
  const orders = createDemoOrders(now, BRAND_FOLDERS);
  const orderOf = (brand: DemoBrand, kind: DemoOrderKind): Order => {
    const order = byKind(orders).get(`${brand}/${kind}`);
    if (!order) throw new Error(`no ${kind} order for ${brand}`);
    return order;
  };

  it('round-trip through the orders-file JSON and the same schema', () => {
    const file = JSON.parse(JSON.stringify({ orders: createDemoOrders(now, BRAND_FOLDERS) })) as unknown;
    expect(parseOrdersFile(file, 'demo')).toEqual(orders);
  });

  it('match their summaries', () => {
    expect(orders.map(({ brand, orderNumber, email, status }) => ({ brand, orderNumber, email, status }))).toEqual(
      demoOrderSummaries(BRAND_FOLDERS).map(({ brand, orderNumber, email, status }) => ({ brand, orderNumber, email, status })),
    );
  });

  it('have dates in order, none in the future', () => {
    for (const order of orders) {
      const dates = [order.placedAt, order.shippedAt, order.deliveredAt].filter((date) => date !== null).map((date) => Date.parse(date));
      expect(dates.length).toBeGreaterThan(0);
      expect(dates).toEqual([...dates].sort((a, b) => a - b));
      expect(Math.max(...dates)).toBeLessThan(now.getTime());
    }
  });

  describe.each(BRAND_IDS)('%s', (brand) => {
    it('has one order of each kind', () => {
      expect(demoOrderSummaries(BRAND_FOLDERS).filter((summary) => summary.brand === brand).map((summary) => summary.kind).sort()).toEqual([...DEMO_ORDER_KINDS].sort());
    });

    it('processing: placed, not shipped', () => {
      const order = orderOf(brand, 'processing');
      expect(order.status).toBe('processing');
      expect(order.shippedAt).toBeNull();
    });

    it('shipped: in transit and not late', () => {
      const order = orderOf(brand, 'shipped');
      expect(order).toMatchObject({ status: 'shipped', deliveredAt: null });
      expect(isPastEndOfDay(now.getTime(), deliveryWindow(order).latest, ET)).toBe(false);
    });

    it('late: in transit and past the end of its 6-12 day window', () => {
      const order = orderOf(brand, 'late');
      expect(order).toMatchObject({ status: 'shipped', deliveredAt: null });
      expect(isPastEndOfDay(now.getTime(), deliveryWindow(order).latest, ET)).toBe(true);
      expect(isPastEndOfDay(now.getTime(), windowDates(order.shippedAt ?? '', { min: 6, max: 12, unit: 'business' }, ET).latest, ET)).toBe(true);
    });

    it('delivered recently: inside a 30-day return window', () => {
      const order = orderOf(brand, 'delivered-recent');
      if (order.status !== 'delivered') throw new Error('expected delivered');
      expect(isPastEndOfDay(now.getTime(), addCalendarDays(order.deliveredAt, 30, ET), ET)).toBe(false);
      expect(order.items.length).toBeGreaterThan(1);
    });

    it('delivered long ago: outside even a 60-day window', () => {
      const order = orderOf(brand, 'delivered-long-ago');
      if (order.status !== 'delivered') throw new Error('expected delivered');
      expect(isPastEndOfDay(now.getTime(), addCalendarDays(order.deliveredAt, 60, ET), ET)).toBe(true);
    });

    it('cancelled', () => {
      expect(orderOf(brand, 'cancelled').status).toBe('cancelled');
    });
  });
});

describe('demo order data', () => {
  const orders = createDemoOrders(new Date('2026-11-16T15:00:00Z'), BRAND_FOLDERS);

  it('has the item flags the returns flow needs', () => {
    const items = (brand: DemoBrand) => orders.filter((order) => order.brand === brand).flatMap((order) => order.items);
    expect(items('kendra-scott-mall').some((item) => item.finalSale)).toBe(true);
    expect(items('james-avery-malls').some((item) => item.personalized)).toBe(true);
  });

  it('uses example domains only, and plausible order numbers per brand', () => {
    const prefixes: Record<DemoBrand, RegExp> = {
      'james-avery-malls': /^JAM-\d{6}$/,
      'james-avery-artisan': /^JAA-\d{6}$/,
      'kendra-scott-mall': /^KS-\d{6}$/,
      'generic-store': /^GS-\d{6}$/,
    };
    for (const order of orders) {
      expect(order.email).toMatch(/@example\.com$/);
      expect(order.orderNumber).toMatch(prefixes[order.brand as DemoBrand]);
      if (order.trackingUrl !== null) expect(new URL(order.trackingUrl).hostname).toBe('tracking.example.com');
    }
  });

  it('can be looked up through the JSON source', async () => {
    const source = createJsonOrderSource(orders);
    expect((await source.findOrder('kendra-scott-mall', '#ks 100234'))?.status).toBe('shipped');
    expect(await source.findOrder('generic-store', 'KS-100234')).toBeUndefined();
  });

  it('refuses an invalid start time', () => {
    expect(() => createDemoOrders(new Date(Number.NaN), BRAND_FOLDERS)).toThrow(RangeError);
  });
});
