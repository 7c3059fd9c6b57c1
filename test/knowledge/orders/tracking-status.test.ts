import { describe, expect, it } from 'vitest';

import type { BrandId } from '../../../knowledge/brand-ids.js';
import type { BrandProfileInput } from '../../../knowledge/brands/index.js';
import { orderSchema, type Order } from '../../../knowledge/orders/order.schema.js';
import { describeTracking } from '../../../knowledge/orders/tracking-status.js';
import { BRAND_PROFILES } from '../../support/brands.js';

const CSP = 'customer-service-policy';
const ITEMS = [{ sku: 'SKU-1', name: 'Charm', quantity: 1, unitPrice: 40, finalSale: false, personalized: false }];

function base(brand: BrandId, placedAt: string | null) {
  return { brand, orderNumber: 'T-1000', email: 'shopper@example.com', placedAt, items: ITEMS };
}

function processing(brand: BrandId, placedAt: string | null): Order {
  return orderSchema.parse({ ...base(brand, placedAt), status: 'processing' });
}

function shipped(brand: BrandId, shippedAt: string): Order {
  return orderSchema.parse({
    ...base(brand, '2026-11-01T15:00:00Z'),
    status: 'shipped',
    shippedAt,
    carrier: 'UPS',
    trackingNumber: '1Z999AA10123456784',
    trackingUrl: 'https://tracking.example/1Z999AA10123456784',
  });
}

function delivered(brand: BrandId, deliveredAt: string, placedAt = '2026-11-20T15:00:00Z'): Order {
  return orderSchema.parse({
    ...base(brand, placedAt),
    status: 'delivered',
    shippedAt: '2026-11-23T15:00:00Z',
    deliveredAt,
    carrier: 'USPS',
    trackingNumber: '9400100000000000000000',
  });
}

function withSetting(profile: BrandProfileInput, patch: (profile: BrandProfileInput) => BrandProfileInput): BrandProfileInput {
  return patch(structuredClone(profile));
}

const malls = BRAND_PROFILES['james-avery-malls'];
const artisan = BRAND_PROFILES['james-avery-artisan'];
const kendra = BRAND_PROFILES['kendra-scott-mall'];
const generic = BRAND_PROFILES['generic-store'];

// Thanksgiving 2026 is Thursday Nov 26; Christmas Friday Dec 25; New Year's Day Friday Jan 1 2027.
// All four brands count in America/New_York (EST = UTC-5 in these months).
const TUESDAY_BEFORE_THANKSGIVING = '2026-11-24T15:00:00Z';
const DEC_2 = '2026-12-02T17:00:00Z';

describe('describeTracking: processing', () => {
  it.each([
    // [brand, placedAt, shipBy, why]
    ['james-avery-malls', TUESDAY_BEFORE_THANKSGIVING, '2026-11-30', '1-3 business days: Wed 25, (Thanksgiving), Fri 27, Mon 30'],
    ['kendra-scott-mall', TUESDAY_BEFORE_THANKSGIVING, '2026-11-27', '1-3 day: calendar days, Thanksgiving counts'],
    ['generic-store', TUESDAY_BEFORE_THANKSGIVING, '2026-11-27', '1-3 days: calendar days'],
    ['james-avery-malls', '2026-11-25T04:30:00Z', '2026-11-30', '23:30 ET Tuesday is still Tuesday'],
    ['james-avery-malls', '2026-11-25T05:30:00Z', '2026-12-01', '00:30 ET Wednesday counts from Wednesday'],
    ['kendra-scott-mall', '2026-11-25T04:30:00Z', '2026-11-27', '23:30 ET Tuesday, calendar days'],
    ['kendra-scott-mall', '2026-11-25T05:30:00Z', '2026-11-28', '00:30 ET Wednesday, calendar days'],
    ['james-avery-malls', '2026-12-23T15:00:00Z', '2026-12-29', 'Thu 24, (Christmas, weekend), Mon 28, Tue 29'],
    ['generic-store', '2026-12-23T15:00:00Z', '2026-12-26', 'Christmas counts as a calendar day'],
  ] as const)('%s placed %s ships by %s (%s)', (brand, placedAt, shipBy, _why) => {
    const status = describeTracking(processing(brand, placedAt), BRAND_PROFILES[brand], placedAt);

    expect(status).toMatchObject({ status: 'processing', shipBy });
  });

  it('names the quoted source and the brand’s own words', () => {
    expect(describeTracking(processing('james-avery-malls', TUESDAY_BEFORE_THANKSGIVING), malls, TUESDAY_BEFORE_THANKSGIVING)).toEqual({
      status: 'processing',
      shipBy: '2026-11-30',
      pastShipBy: false,
      basis: { kind: 'policy', source: { document: CSP, section: '3' }, phrase: '1-3 business days' },
      // What "when will it get here?" needs once it ships.
      deliveryBasis: { kind: 'policy', source: { document: CSP, section: '3' }, phrase: '6-12 business days' },
    });
    expect(describeTracking(processing('kendra-scott-mall', TUESDAY_BEFORE_THANKSGIVING), kendra, TUESDAY_BEFORE_THANKSGIVING)).toMatchObject({
      basis: { kind: 'policy', source: { document: CSP, section: '3' }, phrase: '1-3 day' },
    });
    expect(describeTracking(processing('generic-store', TUESDAY_BEFORE_THANKSGIVING), generic, TUESDAY_BEFORE_THANKSGIVING)).toMatchObject({
      basis: { kind: 'policy', source: { document: CSP, section: '1' }, phrase: '1-3 days' },
    });
  });

  it('gives no date when the brand states no processing time and no operator default exists', () => {
    const status = describeTracking(processing('james-avery-artisan', TUESDAY_BEFORE_THANKSGIVING), artisan, TUESDAY_BEFORE_THANKSGIVING);

    expect(status).toEqual({ status: 'processing', shipBy: null, pastShipBy: false, basis: null, deliveryBasis: null });
  });

  it('uses an operator setting, marked as such, when the brand states none', () => {
    const profile = withSetting(artisan, (p) => ({
      ...p,
      timelines: { ...p.timelines, processing: { operatorSetting: true, value: { min: 2, max: 4, unit: 'business_days' }, note: 'test' } },
    }));

    const status = describeTracking(processing('james-avery-artisan', TUESDAY_BEFORE_THANKSGIVING), profile, TUESDAY_BEFORE_THANKSGIVING);

    expect(status).toEqual({
      status: 'processing',
      shipBy: '2026-12-01',
      pastShipBy: false,
      basis: { kind: 'operator', min: 2, max: 4, unit: 'business_days' },
      deliveryBasis: null,
    });
  });

  it('counts business hours as business days (24-48 business hours: one to two business days)', () => {
    const profile = withSetting(artisan, (p) => ({
      ...p,
      timelines: { ...p.timelines, processing: { operatorSetting: true, value: { min: 24, max: 48, unit: 'business_hours' }, note: 'test' } },
    }));

    const status = describeTracking(processing('james-avery-artisan', TUESDAY_BEFORE_THANKSGIVING), profile, TUESDAY_BEFORE_THANKSGIVING);

    expect(status).toMatchObject({ shipBy: '2026-11-27' });
  });

  it('is past its ship-by date only once that whole day has passed in the brand zone', () => {
    const order = processing('james-avery-malls', TUESDAY_BEFORE_THANKSGIVING);

    expect(describeTracking(order, malls, '2026-12-01T04:59:59Z')).toMatchObject({ shipBy: '2026-11-30', pastShipBy: false });
    expect(describeTracking(order, malls, '2026-12-01T05:00:00Z')).toMatchObject({ shipBy: '2026-11-30', pastShipBy: true });
  });

  it('gives no date for an order without a placed time, but keeps the basis', () => {
    expect(describeTracking(processing('james-avery-malls', null), malls, DEC_2)).toMatchObject({ shipBy: null, pastShipBy: false, basis: { kind: 'policy' } });
  });
});

describe('describeTracking: shipped and late', () => {
  // Shipped Friday Dec 18, 3 PM ET.
  const SHIPPED_AT = '2026-12-18T20:00:00Z';

  it('gives carrier, tracking and the delivery window in business days across Christmas and New Year', () => {
    const status = describeTracking(shipped('james-avery-malls', SHIPPED_AT), malls, '2026-12-20T12:00:00Z');

    expect(status).toEqual({
      status: 'shipped',
      carrier: 'UPS',
      trackingNumber: '1Z999AA10123456784',
      trackingUrl: 'https://tracking.example/1Z999AA10123456784',
      // 6: Dec 21-24, 28, 29; 12: Dec 30, 31, (Jan 1), Jan 4-7.
      deliveryBetween: { earliest: '2026-12-29', latest: '2027-01-07' },
      basis: { kind: 'policy', source: { document: CSP, section: '3' }, phrase: '6-12 business days' },
    });
  });

  it.each([
    ['kendra-scott-mall', { document: CSP, section: '3' }, '6-12 day'],
    ['generic-store', { document: CSP, section: '1' }, '6-12 days'],
  ] as const)('%s counts calendar days: Christmas counts', (brand, source, phrase) => {
    const status = describeTracking(shipped(brand, SHIPPED_AT), BRAND_PROFILES[brand], '2026-12-20T12:00:00Z');

    expect(status).toMatchObject({ status: 'shipped', deliveryBetween: { earliest: '2026-12-24', latest: '2026-12-30' }, basis: { kind: 'policy', source, phrase } });
  });

  it('is late only after the end of the window’s last day in the brand zone (business days)', () => {
    const order = shipped('james-avery-malls', SHIPPED_AT);

    // Jan 7 2027, 23:59:59 ET is still on time; midnight ET is late.
    expect(describeTracking(order, malls, '2027-01-08T04:59:59Z')).toMatchObject({ status: 'shipped' });
    expect(describeTracking(order, malls, '2027-01-08T05:00:00Z')).toEqual({
      status: 'late',
      late: true,
      carrier: 'UPS',
      trackingNumber: '1Z999AA10123456784',
      trackingUrl: 'https://tracking.example/1Z999AA10123456784',
      deliveryBetween: { earliest: '2026-12-29', latest: '2027-01-07' },
      basis: { kind: 'policy', source: { document: CSP, section: '3' }, phrase: '6-12 business days' },
    });
  });

  it.each(['kendra-scott-mall', 'generic-store'] as const)('%s is late from midnight ET after Dec 30 (calendar days)', (brand) => {
    const order = shipped(brand, SHIPPED_AT);

    expect(describeTracking(order, BRAND_PROFILES[brand], '2026-12-31T04:59:59Z')).toMatchObject({ status: 'shipped' });
    expect(describeTracking(order, BRAND_PROFILES[brand], '2026-12-31T05:00:00Z')).toMatchObject({ status: 'late', late: true });
  });

  it('counts a shipment from its local date around midnight ET', () => {
    // 23:30 ET Tuesday Nov 24 vs 00:30 ET Wednesday Nov 25 (both Nov 25 in UTC).
    expect(describeTracking(shipped('james-avery-malls', '2026-11-25T04:30:00Z'), malls, DEC_2)).toMatchObject({
      deliveryBetween: { earliest: '2026-12-03', latest: '2026-12-11' },
    });
    expect(describeTracking(shipped('james-avery-malls', '2026-11-25T05:30:00Z'), malls, DEC_2)).toMatchObject({
      deliveryBetween: { earliest: '2026-12-04', latest: '2026-12-14' },
    });
  });

  it('never calls an order late when the brand states no delivery time (james-avery-artisan)', () => {
    const status = describeTracking(shipped('james-avery-artisan', SHIPPED_AT), artisan, '2027-06-01T12:00:00Z');

    expect(status).toMatchObject({ status: 'shipped', carrier: 'UPS', deliveryBetween: null, basis: null });
  });

  it('uses a delivery operator setting when one is set', () => {
    const profile = withSetting(artisan, (p) => ({
      ...p,
      timelines: { ...p.timelines, delivery: { operatorSetting: true, value: { min: 3, max: 5, unit: 'days' }, note: 'test' } },
    }));

    expect(describeTracking(shipped('james-avery-artisan', SHIPPED_AT), profile, '2026-12-20T12:00:00Z')).toMatchObject({
      status: 'shipped',
      deliveryBetween: { earliest: '2026-12-21', latest: '2026-12-23' },
      basis: { kind: 'operator', min: 3, max: 5, unit: 'days' },
    });
    expect(describeTracking(shipped('james-avery-artisan', SHIPPED_AT), profile, '2026-12-24T05:00:00Z')).toMatchObject({ status: 'late' });
  });
});

describe('describeTracking: delivered', () => {
  // 10 PM ET Monday Nov 30 (Dec 1 in UTC).
  const DELIVERED_AT = '2026-12-01T03:00:00Z';

  it('gives the local delivery date and the 60-day window from delivery (generic-store)', () => {
    const status = describeTracking(delivered('generic-store', DELIVERED_AT), generic, DEC_2);

    expect(status).toEqual({
      status: 'delivered',
      deliveredOn: '2026-11-30',
      returnWindow: {
        endsOn: '2027-01-29',
        open: true,
        startsFrom: 'delivery',
        basis: { kind: 'policy', source: { document: CSP, section: '1' }, phrase: '60-day' },
      },
    });
  });

  it('closes the return window after the end of its last day in the brand zone', () => {
    const order = delivered('generic-store', DELIVERED_AT);

    expect(describeTracking(order, generic, '2027-01-30T04:59:59Z')).toMatchObject({ returnWindow: { open: true } });
    expect(describeTracking(order, generic, '2027-01-30T05:00:00Z')).toMatchObject({ returnWindow: { open: false } });
  });

  it.each(['james-avery-malls', 'james-avery-artisan', 'kendra-scott-mall'] as const)('%s has no return window to report', (brand) => {
    expect(describeTracking(delivered(brand, DELIVERED_AT), BRAND_PROFILES[brand], DEC_2)).toEqual({
      status: 'delivered',
      deliveredOn: '2026-11-30',
      returnWindow: null,
    });
  });

  it('uses an operator window counted from the order when the store sets that', () => {
    const profile = withSetting(kendra, (p) => ({
      ...p,
      returns: {
        ...p.returns,
        window: { operatorSetting: true, value: { min: 30, max: 30, unit: 'days' }, note: 'test' },
        windowStart: { operatorSetting: true, value: 'order', note: 'test' },
      },
    }));

    expect(describeTracking(delivered('kendra-scott-mall', DELIVERED_AT), profile, DEC_2)).toMatchObject({
      returnWindow: { endsOn: '2026-12-20', open: true, startsFrom: 'order', basis: { kind: 'operator', min: 30, max: 30, unit: 'days' } },
    });
  });

  it('counts from delivery when a window is set but its start is not', () => {
    const profile = withSetting(generic, (p) => ({
      ...p,
      returns: { ...p.returns, windowStart: { operatorSetting: true, value: null, note: 'test' } },
    }));

    expect(describeTracking(delivered('generic-store', DELIVERED_AT), profile, DEC_2)).toMatchObject({
      returnWindow: { endsOn: '2027-01-29', startsFrom: 'delivery' },
    });
  });
});

describe('describeTracking: cancelled', () => {
  it.each(['james-avery-malls', 'james-avery-artisan', 'kendra-scott-mall', 'generic-store'] as const)('%s says cancelled and nothing else', (brand) => {
    const order = orderSchema.parse({ ...base(brand, '2026-11-20T15:00:00Z'), status: 'cancelled' });

    expect(describeTracking(order, BRAND_PROFILES[brand], DEC_2)).toEqual({ status: 'cancelled' });
  });
});
