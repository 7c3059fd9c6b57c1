import { describe, expect, it } from 'vitest';

import type { BrandId } from '../../../knowledge/brand-ids.js';
import type { BrandProfileInput } from '../../../knowledge/brands/index.js';
import type { HandoffCase, HandoffCategory } from '../../../knowledge/handoff/handoff-case.types.js';
import { urgencyOf, urgentCasesOf } from '../../../knowledge/handoff/urgency.js';
import { orderSchema, type Order } from '../../../knowledge/orders/order.schema.js';
import type { ReturnVerdict } from '../../../knowledge/returns/return-verdict.types.js';
import { BRAND_PROFILES, demoProfile } from '../../support/brands.js';

const ITEMS = [{ sku: 'CHN-22', name: 'Elisa Pendant Necklace', quantity: 1, unitPrice: 68, finalSale: false, personalized: false }];

function delivered(deliveredAt: string): Order {
  return orderSchema.parse({
    brand: 'kendra-scott-mall',
    orderNumber: 'KS-100234',
    email: 'shopper@example.com',
    status: 'delivered',
    placedAt: '2026-11-02T15:04:00Z',
    shippedAt: '2026-11-04T18:00:00Z',
    deliveredAt,
    carrier: 'UPS',
    trackingNumber: '1Z999AA10123456784',
    items: ITEMS,
  });
}

function verdict(fields: Partial<ReturnVerdict>): ReturnVerdict {
  return {
    eligible: 'review',
    reasons: [],
    nextSteps: [],
    orderNumber: 'KS-100234',
    item: { sku: 'CHN-22', name: 'Elisa Pendant Necklace' },
    condition: 'damaged',
    wish: 'defective',
    productIssue: true,
    ...fields,
  };
}

const urgent = (brand: BrandId, handoffCase: HandoffCase, at?: string) => urgencyOf(demoProfile(brand), handoffCase, at).urgent;
const of = (category: HandoffCategory, more: Partial<HandoffCase> = {}): HandoffCase => ({ category, ...more });

describe('urgencyOf: each brand as its documents (or its operator) say', () => {
  const TABLE: Array<[BrandId, HandoffCase, boolean]> = [
    // james-avery-malls §2: damaged deliveries, incorrect orders, and the shopper marking it urgent
    ['james-avery-malls', of('damaged'), true],
    ['james-avery-malls', of('wrong_item'), true],
    ['james-avery-malls', of('person_requested', { shopperSaysUrgent: true }), true],
    ['james-avery-malls', of('late_delivery'), false],
    ['james-avery-malls', of('defective'), false],
    ['james-avery-malls', of('complaint'), false],
    // james-avery-artisan §2.1: urgent matters as the shopper marks them
    ['james-avery-artisan', of('damaged'), false],
    ['james-avery-artisan', of('other', { shopperSaysUrgent: true }), true],
    ['james-avery-artisan', of('escalation'), false],
    // kendra-scott-mall §2: missing shipments, defective items within the 7-day window; not the shopper's say-so
    ['kendra-scott-mall', of('missing_package'), true],
    ['kendra-scott-mall', of('late_delivery'), true],
    // A piece that arrived broken is a defective item to the 7-day window (no delivery date known: flagged, to be checked).
    ['kendra-scott-mall', of('damaged'), true],
    ['kendra-scott-mall', of('damaged', { daysSinceDelivery: 20 }), false],
    ['kendra-scott-mall', of('person_requested', { shopperSaysUrgent: true }), false],
    // generic-store: no urgent cases unless the operator sets some
    ['generic-store', of('damaged'), false],
    ['generic-store', of('missing_package', { shopperSaysUrgent: true }), false],
  ];

  it.each(TABLE)('%s · %j → %s', (brand, handoffCase, expected) => {
    expect(urgent(brand, handoffCase, '2026-11-27T15:00:00Z')).toBe(expected);
  });

  it('takes the shopper\'s "it\'s urgent" from what the Reading step heard, never from the words again', () => {
    expect(urgent('james-avery-malls', of('other', { shopperSaysUrgent: true, description: 'Please help' }))).toBe(true);
    // The words of the description are the shopper's, for the team: they are not read here.
    expect(urgent('james-avery-malls', of('other', { description: 'Please help, this is urgent' }))).toBe(false);
  });

  it('counts a return for a product issue by what the shopper reported', () => {
    expect(urgent('james-avery-malls', of('return', { returnVerdict: verdict({ wish: 'damaged_on_arrival' }) }))).toBe(true);
    expect(urgent('james-avery-malls', of('return', { returnVerdict: verdict({ wish: 'changed_mind', productIssue: false }) }))).toBe(false);
    expect(urgentCasesOf(of('return', { returnVerdict: verdict({ wish: 'wrong_item' }) }))).toEqual(['wrong_item']);
  });

  it('names the policy section behind an urgent flag and the brand\'s own word', () => {
    const malls = urgencyOf(BRAND_PROFILES['james-avery-malls'], of('damaged'));
    expect(malls).toMatchObject({ urgent: true, because: ['damaged'], word: 'URGENT', basis: { kind: 'policy', source: { document: 'customer-service-policy', section: '2' } } });
    const artisan = urgencyOf(BRAND_PROFILES['james-avery-artisan'], of('other', { shopperSaysUrgent: true }));
    expect(artisan).toMatchObject({ urgent: true, word: 'Urgent', basis: { kind: 'policy', source: { section: '2.1' } } });
    expect(urgencyOf(BRAND_PROFILES['generic-store'], of('damaged'))).toMatchObject({ urgent: false, basis: null, because: [] });
  });

  it('follows an operator who sets urgent cases for a brand whose documents name none', () => {
    const operated: BrandProfileInput = {
      ...BRAND_PROFILES['generic-store'],
      urgency: {
        ...BRAND_PROFILES['generic-store'].urgency,
        cases: { operatorSetting: true, value: ['damaged', 'missing'], note: 'test' },
      },
    };
    expect(urgencyOf(operated, of('damaged'))).toMatchObject({ urgent: true, word: 'URGENT', basis: { kind: 'operator' } });
    expect(urgencyOf(operated, of('wrong_item')).urgent).toBe(false);
    expect(urgencyOf(operated, of('late_delivery')).urgent).toBe(true);
  });
});

describe('kendra-scott-mall: defective items are urgent within the 7-day window', () => {
  const profile = BRAND_PROFILES['kendra-scott-mall'];

  it('within 7 days of delivery (brand time zone, to the end of the 7th day)', () => {
    // Delivered Fri Nov 20 (ET); the 7th day is Fri Nov 27, until 23:59 ET.
    const order = delivered('2026-11-20T20:00:00Z');
    expect(urgencyOf(profile, of('defective', { verifiedOrder: order }), '2026-11-23T15:00:00Z').urgent).toBe(true);
    expect(urgencyOf(profile, of('defective', { verifiedOrder: order }), '2026-11-28T04:30:00Z').urgent).toBe(true); // Nov 27, 11:30 PM ET
    const late = urgencyOf(profile, of('defective', { verifiedOrder: order }), '2026-11-28T05:30:00Z'); // Nov 28, 12:30 AM ET
    expect(late.urgent).toBe(false);
    expect(late.notes.join(' ')).toMatch(/after the 7-day window/);
  });

  it('a piece that arrived broken counts as defective within the window', () => {
    const order = delivered('2026-11-20T20:00:00Z');
    expect(urgencyOf(profile, of('damaged', { verifiedOrder: order }), '2026-11-25T15:00:00Z').urgent).toBe(true);
    expect(urgencyOf(profile, of('damaged', { verifiedOrder: order }), '2026-12-02T15:00:00Z').urgent).toBe(false);
  });

  it('a shipment tracking shows as delivered but the shopper never got is missing; one still being made is not', () => {
    const order = delivered('2026-11-27T20:00:00Z');
    const missing = urgencyOf(profile, of('missing_package', { verifiedOrder: order }), '2026-12-02T15:00:00Z');
    expect(missing).toMatchObject({ urgent: true, because: ['missing'] });
    expect(missing.notes.join(' ')).not.toMatch(/not flagged/);
    const processing = urgencyOf(profile, of('missing_package', { verifiedOrder: { ...order, status: 'processing' } as Order }), '2026-12-02T15:00:00Z');
    expect(processing.urgent).toBe(false);
  });

  it('not when the returns flow found the defect reported late', () => {
    const handoffCase = of('return', { returnVerdict: verdict({ reasons: [{ code: 'defect_report_late', say: 'Reported after 7 days.' }] }) });
    expect(urgencyOf(profile, handoffCase, '2026-11-27T15:00:00Z').urgent).toBe(false);
  });

  it('with no verified delivery date: flagged, with a note asking the agent to check', () => {
    const decision = urgencyOf(profile, of('defective'), '2026-11-27T15:00:00Z');
    expect(decision.urgent).toBe(true);
    expect(decision.notes.join(' ')).toMatch(/not verified/);
  });

  it('with no verified delivery date but the shopper saying when: judged by their words', () => {
    const late = urgencyOf(profile, of('defective', { daysSinceDelivery: 60 }), '2026-11-27T15:00:00Z');
    expect(late).toMatchObject({ urgent: false, because: [] });
    expect(late.notes.join(' ')).toMatch(/about 60 days after delivery, past the 7-day window/);
    expect(urgencyOf(profile, of('defective', { daysSinceDelivery: 3 }), '2026-11-27T15:00:00Z').urgent).toBe(true);
  });
});
