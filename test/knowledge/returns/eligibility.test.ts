import { describe, expect, it } from 'vitest';

import { createDemoOrders } from '../../../bot/orders/demo-orders.js';
import type { BrandId } from '../../../knowledge/brand-ids.js';
import type { BrandProfileInput } from '../../../knowledge/brands/index.js';
import { orderSchema, type Order, type OrderItem } from '../../../knowledge/orders/order.schema.js';
import {
  assessReturn,
  orderReturnBlock,
  type ReturnEligibilityInput,
} from '../../../knowledge/returns/eligibility.js';
import type { ItemCondition, ReturnReason, ReturnVerdict, ReturnWish } from '../../../knowledge/returns/return-verdict.types.js';
import { BRAND_FOLDERS, BRAND_PROFILES, demoProfile } from '../../support/brands.js';

/** The verdict alone, for the rules that only decide it. */
const verdictOf = (input: ReturnEligibilityInput) => assessReturn(input).verdict;

const CSP = 'customer-service-policy';

// Wednesday Dec 2 2026, noon ET.
const NOW = '2026-12-02T17:00:00Z';
// Monday Nov 30 2026, 10 AM ET.
const DELIVERED = '2026-11-30T15:00:00Z';

const RING: OrderItem = { sku: 'RNG-1', name: 'Twisted Wire Ring', quantity: 1, unitPrice: 58, finalSale: false, personalized: false };
const FINAL_SALE: OrderItem = { ...RING, sku: 'EAR-9', name: 'Drop Earrings', finalSale: true };
const CUSTOM: OrderItem = { ...RING, sku: 'PND-7', name: 'Custom Initial Pendant', personalized: true };
const FINAL_CUSTOM: OrderItem = { ...RING, sku: 'NCK-3', name: 'Engraved Bar Necklace', finalSale: true, personalized: true };
const PAIR: OrderItem = { ...RING, sku: 'CHM-2', name: 'Heart Charm', quantity: 2 };

type Status = 'processing' | 'shipped' | 'delivered' | 'cancelled';

function order(brand: BrandId, status: Status = 'delivered', deliveredAt = DELIVERED, items: OrderItem[] = [RING, FINAL_SALE, CUSTOM, FINAL_CUSTOM, PAIR]): Order {
  const base = { brand, orderNumber: 'AB-123456', email: 'shopper@example.com', placedAt: '2026-11-20T15:00:00Z', items };
  const shipped = { shippedAt: '2026-11-23T15:00:00Z', carrier: 'UPS', trackingNumber: '1Z999AA10123456784' };
  switch (status) {
    case 'processing':
    case 'cancelled':
      return orderSchema.parse({ ...base, status });
    case 'shipped':
      return orderSchema.parse({ ...base, ...shipped, status });
    case 'delivered':
      return orderSchema.parse({ ...base, ...shipped, status, deliveredAt });
  }
}

interface Case {
  brand: BrandId;
  item?: OrderItem;
  condition?: ItemCondition;
  wish?: ReturnWish;
  status?: Status;
  deliveredAt?: string;
  now?: string;
  profile?: BrandProfileInput;
}

function input({ brand, item = RING, condition = 'unused_with_tags', wish = 'changed_mind', status, deliveredAt, now = NOW, profile }: Case): ReturnEligibilityInput {
  return { order: order(brand, status, deliveredAt), item, condition, wish, profile: profile ?? demoProfile(brand), now };
}

function verdict(c: Case): ReturnVerdict {
  return verdictOf(input(c));
}

function codes(v: ReturnVerdict): ReturnReason[] {
  return v.reasons.map((reason) => reason.code);
}

function withReturns(brand: BrandId, returns: Partial<BrandProfileInput['returns']>, extra: Partial<BrandProfileInput> = {}): BrandProfileInput {
  const profile = demoProfile(brand);
  return { ...profile, ...extra, returns: { ...profile.returns, ...returns } };
}

const THIRTY_DAYS = {
  window: { operatorSetting: true as const, value: { min: 30, max: 30, unit: 'days' as const }, note: 'test' },
  windowStart: { operatorSetting: true as const, value: 'delivery' as const, note: 'test' },
};

type Row = [string, Case, ReturnVerdict['eligible'], ReturnReason[]];

describe('checkReturnEligibility: every rule alone', () => {
  const ROWS: Row[] = [
    // generic-store: 60-day return process (§1), return criteria (§5)
    ['generic: unused with tags, changed mind, in the window', { brand: 'generic-store' }, true, []],
    ['generic: wrong size', { brand: 'generic-store', wish: 'wrong_size' }, true, []],
    ['generic: worn', { brand: 'generic-store', condition: 'worn' }, false, ['condition']],
    ['generic: tags removed', { brand: 'generic-store', condition: 'unused_no_tags' }, false, ['condition']],
    ['generic: damaged by the shopper', { brand: 'generic-store', condition: 'damaged', wish: 'wrong_size' }, false, ['condition']],
    ['generic: Final Sale is not in its policy', { brand: 'generic-store', item: FINAL_SALE }, 'review', ['policy_silent']],
    ['generic: personalized is not in its policy', { brand: 'generic-store', item: CUSTOM }, 'review', ['policy_silent']],
    ['generic: past the 60 days', { brand: 'generic-store', now: '2027-02-15T17:00:00Z' }, false, ['window_expired']],
    ['generic: defective and damaged', { brand: 'generic-store', condition: 'damaged', wish: 'defective' }, true, []],
    ['generic: defective after wearing it: the team inspects', { brand: 'generic-store', condition: 'worn', wish: 'defective' }, 'review', ['condition']],
    ['generic: arrived damaged', { brand: 'generic-store', condition: 'damaged', wish: 'damaged_on_arrival' }, true, []],
    ['generic: wrong item sent', { brand: 'generic-store', wish: 'wrong_item' }, true, []],

    // kendra-scott-mall: Final Sale (§4), defect reports within the 7-day window (§2)
    ['kendra: Final Sale', { brand: 'kendra-scott-mall', item: FINAL_SALE }, false, ['final_sale']],
    ['kendra: no window stated or set', { brand: 'kendra-scott-mall' }, 'review', ['policy_silent']],
    ['kendra: defective within the 7-day window', { brand: 'kendra-scott-mall', condition: 'damaged', wish: 'defective' }, true, []],
    ['kendra: defective reported late', { brand: 'kendra-scott-mall', wish: 'defective', now: '2026-12-20T17:00:00Z' }, 'review', ['defect_report_late']],
    ['kendra: arrived damaged (§1)', { brand: 'kendra-scott-mall', condition: 'damaged', wish: 'damaged_on_arrival' }, true, []],
    ['kendra: wrong item (§3)', { brand: 'kendra-scott-mall', wish: 'wrong_item' }, true, []],
    ['kendra: personalized is not in its policy', { brand: 'kendra-scott-mall', item: CUSTOM, wish: 'wrong_size' }, 'review', ['policy_silent', 'policy_silent']],

    // james-avery-malls: custom pieces (§4), damaged/defective/incorrect orders (§3)
    ['malls: custom piece, changed mind', { brand: 'james-avery-malls', item: CUSTOM }, false, ['personalized']],
    ['malls: custom piece, defective', { brand: 'james-avery-malls', item: CUSTOM, wish: 'defective' }, true, []],
    ['malls: custom piece, arrived damaged', { brand: 'james-avery-malls', item: CUSTOM, condition: 'damaged', wish: 'damaged_on_arrival' }, true, []],
    ['malls: no window stated or set', { brand: 'james-avery-malls' }, 'review', ['policy_silent']],
    ['malls: worn is not in its policies', { brand: 'james-avery-malls', condition: 'worn', now: NOW }, 'review', ['policy_silent', 'policy_silent']],
    ['malls: incorrect order, long after delivery', { brand: 'james-avery-malls', wish: 'wrong_item', now: '2027-06-01T17:00:00Z' }, true, []],

    // james-avery-artisan: RA numbers (§1), account portal (§2.2), product concerns (§1)
    ['artisan: no window stated or set', { brand: 'james-avery-artisan' }, 'review', ['policy_silent']],
    ['artisan: defective', { brand: 'james-avery-artisan', wish: 'defective' }, true, []],

    // Orders with nothing to return
    ['processing order', { brand: 'generic-store', status: 'processing' }, false, ['not_delivered']],
    ['shipped, not delivered', { brand: 'james-avery-malls', status: 'shipped' }, false, ['not_delivered']],
    ['cancelled order', { brand: 'kendra-scott-mall', status: 'cancelled' }, false, ['cancelled']],
  ];

  it.each(ROWS)('%s', (_name, c, eligible, expected) => {
    const v = verdict(c);

    expect(v.eligible).toBe(eligible);
    expect(codes(v)).toEqual(expected);
  });
});

describe('checkReturnEligibility: rules in combination', () => {
  const ROWS: Row[] = [
    ['generic: worn and past the window', { brand: 'generic-store', condition: 'worn', now: '2027-02-15T17:00:00Z' }, false, ['window_expired', 'condition']],
    ['generic: Final Sale (a question) and worn (a no): only the no', { brand: 'generic-store', item: FINAL_SALE, condition: 'worn' }, false, ['condition']],
    ['generic: Final Sale and personalized: both questions', { brand: 'generic-store', item: FINAL_CUSTOM }, 'review', ['policy_silent', 'policy_silent']],
    ['generic: defective, worn, past the window', { brand: 'generic-store', condition: 'worn', wish: 'defective', now: '2027-02-15T17:00:00Z' }, false, ['window_expired']],
    ['kendra: Final Sale and defective', { brand: 'kendra-scott-mall', item: FINAL_SALE, wish: 'defective' }, false, ['final_sale']],
    ['kendra: Final Sale, defective, reported late', { brand: 'kendra-scott-mall', item: FINAL_SALE, wish: 'defective', now: '2026-12-20T17:00:00Z' }, false, ['final_sale']],
    [
      'kendra: Final Sale and past a 30-day store window',
      { brand: 'kendra-scott-mall', item: FINAL_SALE, now: '2027-01-15T17:00:00Z', profile: withReturns('kendra-scott-mall', THIRTY_DAYS) },
      false,
      ['final_sale', 'window_expired'],
    ],
    ['kendra: worn, changed mind', { brand: 'kendra-scott-mall', condition: 'worn' }, 'review', ['policy_silent', 'policy_silent']],
    ['malls: custom and worn', { brand: 'james-avery-malls', item: CUSTOM, condition: 'worn' }, false, ['personalized']],
    ['malls: custom and Final Sale', { brand: 'james-avery-malls', item: FINAL_CUSTOM }, false, ['personalized']],
    ['shipped Final Sale at kendra', { brand: 'kendra-scott-mall', status: 'shipped', item: FINAL_SALE }, false, ['not_delivered', 'final_sale']],
    ['shipped custom piece at malls', { brand: 'james-avery-malls', status: 'shipped', item: CUSTOM }, false, ['not_delivered', 'personalized']],
    ['cancelled Final Sale: only the cancellation', { brand: 'kendra-scott-mall', status: 'cancelled', item: FINAL_SALE }, false, ['cancelled']],
  ];

  it.each(ROWS)('%s', (_name, c, eligible, expected) => {
    const v = verdict(c);

    expect(v.eligible).toBe(eligible);
    expect(codes(v)).toEqual(expected);
  });
});

describe('checkReturnEligibility: boundaries', () => {
  // Delivered Monday Nov 30 (ET): day 60 is Friday Jan 29, 2027.
  it.each([
    ['day 60, last second (ET)', '2027-01-30T04:59:59Z', true],
    ['day 61, first second (ET)', '2027-01-30T05:00:00Z', false],
  ] as const)('generic 60-day process: %s', (_name, now, eligible) => {
    const v = verdict({ brand: 'generic-store', now });

    expect(v.eligible).toBe(eligible);
    if (eligible === false) {
      expect(v.reasons).toEqual([
        {
          code: 'window_expired',
          say: "The “60-day” return process ended on Friday, January 29, counting from the delivery date (the store's own setting, since the policy doesn't say when it starts).",
          source: { document: CSP, section: '1' },
        },
      ]);
    }
  });

  // Delivered Monday Nov 30 (ET): the 7th day is Monday Dec 7.
  it.each([
    ['the 7th day, last second (ET)', '2026-12-08T04:59:59Z', true, []],
    ['the 8th day, first second (ET)', '2026-12-08T05:00:00Z', 'review', ['defect_report_late']],
  ] as const)('kendra defect report: %s', (_name, now, eligible, expected) => {
    const v = verdict({ brand: 'kendra-scott-mall', wish: 'defective', now });

    expect(v.eligible).toBe(eligible);
    expect(codes(v)).toEqual(expected);
  });

  it('says when the item was delivered when a defect report is late', () => {
    const v = verdict({ brand: 'kendra-scott-mall', wish: 'defective', now: '2026-12-08T05:00:00Z' });

    expect(v.reasons[0]).toEqual({
      code: 'defect_report_late',
      say: "Defective items are handled as urgent when “reported within the 7-day window”; the Twisted Wire Ring was delivered on Monday, November 30, so this report is past that window and needs a person's review.",
      source: { document: CSP, section: '2' },
    });
  });

  it('counts an operator window in business days when the store sets business days', () => {
    const profile = withReturns('kendra-scott-mall', {
      window: { operatorSetting: true, value: { min: 10, max: 10, unit: 'business_days' }, note: 'test' },
      windowStart: { operatorSetting: true, value: 'delivery', note: 'test' },
    });
    // Mon Nov 30 + 10 business days = Mon Dec 14.
    expect(verdict({ brand: 'kendra-scott-mall', profile, now: '2026-12-15T04:59:59Z' }).eligible).toBe(true);
    expect(codes(verdict({ brand: 'kendra-scott-mall', profile, now: '2026-12-15T05:00:00Z' }))).toEqual(['window_expired']);
  });

  it('counts an operator window from the order date when the store says so', () => {
    const profile = withReturns('kendra-scott-mall', { ...THIRTY_DAYS, windowStart: { operatorSetting: true, value: 'order', note: 'test' } });
    // Placed Fri Nov 20 + 30 days = Sun Dec 20.
    expect(codes(verdict({ brand: 'kendra-scott-mall', profile, now: '2026-12-21T04:59:59Z' }))).toEqual([]);
    expect(verdict({ brand: 'kendra-scott-mall', profile, now: '2026-12-21T05:00:00Z' }).reasons).toEqual([
      { code: 'window_expired', say: "The store's return window of 30 days from the order date ended on Sunday, December 20 (a store setting rather than a stated policy)." },
    ]);
  });

  it('sends the verdict to review when the 60 days have no start set', () => {
    const profile = withReturns('generic-store', { windowStart: { operatorSetting: true, value: null, note: 'test' } });

    const v = verdict({ brand: 'generic-store', profile });

    expect(v.eligible).toBe('review');
    expect(v.reasons).toEqual([
      {
        code: 'policy_silent',
        say: "Generic Store's policy doesn't say when the “60-day” return process starts counting, and the store hasn't set it, so the team has to confirm the return is still in time.",
      },
    ]);
  });
});

describe('checkReturnEligibility: time zones around midnight', () => {
  it('counts from the local delivery date: 10 PM ET on Nov 30 is Nov 30, not Dec 1 (UTC)', () => {
    const deliveredAt = '2026-12-01T03:00:00Z';

    expect(verdict({ brand: 'generic-store', deliveredAt, now: '2027-01-30T04:59:59Z' }).eligible).toBe(true);
    // Jan 30, 7 AM ET: past day 60 counted from Nov 30, though within it counted from Dec 1.
    expect(codes(verdict({ brand: 'generic-store', deliveredAt, now: '2027-01-30T12:00:00Z' }))).toEqual(['window_expired']);
  });

  it('counts from the local delivery date: 12:30 AM ET on Dec 1 is Dec 1', () => {
    const deliveredAt = '2026-12-01T05:30:00Z';

    expect(verdict({ brand: 'generic-store', deliveredAt, now: '2027-01-30T12:00:00Z' }).eligible).toBe(true);
    expect(codes(verdict({ brand: 'generic-store', deliveredAt, now: '2027-01-31T05:00:00Z' }))).toEqual(['window_expired']);
  });

  it("uses the brand's own zone: the same instants give another day in Los Angeles", () => {
    // 11:30 PM Nov 30 in Los Angeles, 2:30 AM Dec 1 in New York.
    const deliveredAt = '2026-12-01T07:30:00Z';
    const pacific = { ...BRAND_PROFILES['kendra-scott-mall'], timeZone: { operatorSetting: true as const, value: 'America/Los_Angeles', note: 'test' } };
    // Dec 8, 1 AM in New York; still Dec 7, 10 PM in Los Angeles.
    const now = '2026-12-08T06:00:00Z';

    expect(codes(verdict({ brand: 'kendra-scott-mall', wish: 'defective', deliveredAt, now }))).toEqual([]);
    expect(codes(verdict({ brand: 'kendra-scott-mall', wish: 'defective', deliveredAt, now, profile: pacific }))).toEqual([]);
    // Dec 8, 9 AM in Los Angeles: past the 7th day there (Dec 7), not in New York (Dec 8).
    const later = '2026-12-08T17:00:00Z';
    expect(codes(verdict({ brand: 'kendra-scott-mall', wish: 'defective', deliveredAt, now: later }))).toEqual([]);
    expect(codes(verdict({ brand: 'kendra-scott-mall', wish: 'defective', deliveredAt, now: later, profile: pacific }))).toEqual(['defect_report_late']);
  });
});

describe('checkReturnEligibility: quantities', () => {
  it('covers the whole line by default', () => {
    const v = verdict({ brand: 'generic-store', item: PAIR });

    expect(v.eligible).toBe(true);
    expect(v.nextSteps).toContain('This covers all 2 units of the Heart Charm on the order.');
  });

  it('says how many of the line go back when only some do', () => {
    const v = verdictOf({ ...input({ brand: 'generic-store', item: PAIR }), quantity: 1 });

    expect(v.item).toEqual({ sku: 'CHM-2', name: 'Heart Charm' });
    expect(v.nextSteps).toContain('This covers 1 of the 2 units of the Heart Charm on the order; the others are not part of this return.');
  });

  it('says nothing about quantity for a single piece', () => {
    expect(verdict({ brand: 'generic-store' }).nextSteps.join(' ')).not.toMatch(/units/);
  });

  it.each([0, 3, 1.5])('refuses quantity %s of a line of 2', (quantity) => {
    expect(() => verdictOf({ ...input({ brand: 'generic-store', item: PAIR }), quantity })).toThrow(RangeError);
  });

  it('refuses an item that is not on the order', () => {
    const stranger = { ...RING, sku: 'ZZZ-0', name: 'Someone Else’s Ring' };
    expect(() => verdict({ brand: 'generic-store', item: stranger })).toThrow(/not on order/);
  });
});

describe('checkReturnEligibility: next steps in the brand’s terms', () => {
  it('generic-store: a pre-check, the deadline, the shopper pays shipping, refund timing', () => {
    const v = verdict({ brand: 'generic-store' });

    expect(v.nextSteps).toEqual([
      "This is a pre-check: the team confirms return eligibility first. Contact them through the form on the Contact Us page before sending anything, and they'll send a return guide with the return shipping address and the documents needed (Customer Service Policy, §5).",
      "Start the return by Friday, January 29, 2027, the end of the “60-day” return process (Customer Service Policy, §1), counted from the delivery date (the store's own setting).",
      "Return shipping is paid by you, since the return is not due to a defect or an error on the store's part (Customer Service Policy, §5).",
      'Refunds are issued within 5-10 days of the returned item being received and inspected (Customer Service Policy, §5).',
    ]);
  });

  it('generic-store: the store pays shipping for a defect and says the team confirms even a no', () => {
    expect(verdict({ brand: 'generic-store', wish: 'defective', condition: 'damaged' }).nextSteps).toContain(
      'Generic Store covers the return shipping, since the item is defective (Customer Service Policy, §5).',
    );
    expect(verdict({ brand: 'generic-store', condition: 'worn' }).nextSteps[0]).toBe(
      'This is a pre-check: the team confirms return eligibility, and you can still ask them through the form on the Contact Us page (Customer Service Policy, §5).',
    );
  });

  it('james-avery-malls: damaged delivery: shipping covered, expedited, urgent', () => {
    const assessment = assessReturn(input({ brand: 'james-avery-malls', condition: 'damaged', wish: 'damaged_on_arrival' }));

    expect(assessment.verdict.nextSteps).toEqual([
      'For an order that arrived damaged, defective or incorrect, James Avery Malls covers all return shipping costs and expedites a replacement or refund (Customer Service Policy, §3).',
      'Refunds are issued within 5-10 business days of the returned item being received and inspected (Customer Service Policy, §3).',
      "Under James Avery Malls' policies, damaged deliveries and incorrect orders are urgent matters, so the team prioritises this one (Customer Service Policy, §2).",
    ]);
    expect(assessment.urgency).toMatchObject({ urgent: true, because: ['damaged'] });
    expect(assessment.sources).toEqual([{ document: CSP, section: '3' }, { document: CSP, section: '2' }]);
  });

  it('james-avery-malls: an ordinary return says who pays is not stated', () => {
    expect(verdict({ brand: 'james-avery-malls' }).nextSteps).toContain(
      "James Avery Malls' policies don't say who pays return shipping for this return; the team will tell you.",
    );
  });

  it('james-avery-artisan: RA number and account portal, no refund time stated', () => {
    const v = verdict({ brand: 'james-avery-artisan' });

    expect(v.nextSteps).toEqual([
      'The team issues a Return Authorization (RA) number for the return (Customer Service Policy, §1).',
      'You can start the return request through your account at www.jameseavery.com (Customer Service Policy, §2.2).',
      "James Avery Artisan Jewelry's policy doesn't say who pays return shipping for this return; the team will tell you.",
      "James Avery Artisan Jewelry's policy doesn't say how long refunds take; the team will tell you.",
    ]);
  });

  it('kendra-scott-mall: defective in the window: shipping reimbursed, refund timeline, urgent', () => {
    const assessment = assessReturn(input({ brand: 'kendra-scott-mall', condition: 'damaged', wish: 'defective' }));

    expect(assessment.verdict.nextSteps).toEqual([
      'The team assists with defective or damaged items and supports replacement requests (Customer Service Policy, §1).',
      'Kendra Scott Mall covers the return shipping, since the item is defective (Customer Service Policy, §3).',
      'Refunds follow the 5-10 day refund timeline (Customer Service Policy, §3).',
      "Under Kendra Scott Mall's policy, missing shipments and defective items reported within the 7-day window are urgent matters, so the team prioritises this one (Customer Service Policy, §2).",
    ]);
    expect(assessment.urgency).toMatchObject({ urgent: true, because: ['defective'] });
  });

  it('kendra-scott-mall: a late defect report is not urgent', () => {
    const assessment = assessReturn(input({ brand: 'kendra-scott-mall', wish: 'defective', now: '2026-12-20T17:00:00Z' }));

    expect(assessment.urgency.urgent).toBe(false);
    expect(assessment.verdict.nextSteps.join(' ')).not.toMatch(/urgent/);
  });

  it('a plain "no" offers a second look; a product issue that is a no still gets the team', () => {
    expect(verdict({ brand: 'kendra-scott-mall', item: FINAL_SALE }).nextSteps).toEqual(['If you think something here is wrong, a person on the team can take a look.']);
    expect(verdict({ brand: 'kendra-scott-mall', item: FINAL_SALE, wish: 'defective' }).nextSteps).toEqual([
      'The team assists with defective or damaged items and supports replacement requests (Customer Service Policy, §1).',
      'A person on the team can still look at the problem with the Drop Earrings.',
    ]);
  });

  it('names the rule and its section for each reason, and nothing for what no document states', () => {
    expect(verdict({ brand: 'kendra-scott-mall', item: FINAL_SALE }).reasons).toEqual([
      { code: 'final_sale', say: 'Items marked “Final Sale” are non-refundable, and the Drop Earrings are marked Final Sale.', source: { document: CSP, section: '4' } },
    ]);
    expect(verdict({ brand: 'james-avery-malls', item: CUSTOM }).reasons).toEqual([
      {
        code: 'personalized',
        say: 'Custom pieces are made to order, so they are non-refundable unless defective, and the Custom Initial Pendant is a custom piece.',
        source: { document: CSP, section: '4' },
      },
    ]);
    expect(verdict({ brand: 'generic-store', condition: 'worn' }).reasons).toEqual([
      { code: 'condition', say: 'Returns must be “unused, in original condition with intact packaging and tags”, and you said it has been worn.', source: { document: CSP, section: '5' } },
    ]);
    expect(verdict({ brand: 'james-avery-artisan' }).reasons).toEqual([
      {
        code: 'policy_silent',
        say: "James Avery Artisan Jewelry's policy doesn't state a return window, and the store hasn't set one, so the team has to confirm the return is still in time.",
      },
    ]);
  });

  it('marks damaged, defective and wrong-item returns as product issues', () => {
    const issues = (['changed_mind', 'wrong_size', 'damaged_on_arrival', 'defective', 'wrong_item'] as const).map(
      (wish) => verdict({ brand: 'generic-store', wish }).productIssue,
    );
    expect(issues).toEqual([false, false, true, true, true]);
  });

  it('echoes the order, item, condition and wish, as plain JSON', () => {
    const v = verdict({ brand: 'generic-store', item: PAIR, condition: 'unused_no_tags', wish: 'wrong_size' });

    expect(v).toMatchObject({ orderNumber: 'AB-123456', item: { sku: 'CHM-2', name: 'Heart Charm' }, condition: 'unused_no_tags', wish: 'wrong_size', productIssue: false });
    expect(JSON.parse(JSON.stringify(v))).toEqual(v);
  });
});

describe('orderReturnBlock', () => {
  it('is null for a delivered order', () => {
    expect(orderReturnBlock(order('generic-store'), BRAND_PROFILES['generic-store'])).toBeNull();
  });

  it('explains a cancelled, an unshipped and an undelivered order', () => {
    expect(orderReturnBlock(order('kendra-scott-mall', 'cancelled'), BRAND_PROFILES['kendra-scott-mall'])).toEqual({
      reasons: [{ code: 'cancelled', say: 'Order AB-123456 was cancelled, so there is nothing to send back.' }],
      nextSteps: ['If you have questions about the cancellation, a person on the team can help.'],
      sources: [],
    });
    expect(orderReturnBlock(order('generic-store', 'processing'), BRAND_PROFILES['generic-store'])).toEqual({
      reasons: [{ code: 'not_delivered', say: "Order AB-123456 hasn't shipped yet, so there is nothing to send back yet." }],
      nextSteps: [
        "If you'd rather not receive it: You can request a cancellation through the Contact Us form; it applies only before the order ships (Customer Service Policy, §1).",
      ],
      sources: [{ document: CSP, section: '1' }],
    });
    expect(orderReturnBlock(order('james-avery-malls', 'shipped'), BRAND_PROFILES['james-avery-malls'])?.reasons).toEqual([
      { code: 'not_delivered', say: 'Order AB-123456 is still on its way, so a return can only start once it has been delivered.' },
    ]);
  });
});

describe('the demo orders: each brand’s verdict for every delivered item', () => {
  const now = new Date('2026-12-02T17:00:00Z');
  const demo = createDemoOrders(now, BRAND_FOLDERS);
  const byNumber = (orderNumber: string) => {
    const found = demo.find((candidate) => candidate.orderNumber === orderNumber);
    if (!found) throw new Error(`no demo order ${orderNumber}`);
    return found;
  };

  // [order, item sku, condition, wish, eligible, reasons]
  const ROWS: Array<[string, string, ItemCondition, ReturnWish, ReturnVerdict['eligible'], ReturnReason[]]> = [
    ['JAM-204813', 'JAM-CU-501', 'unused_with_tags', 'changed_mind', false, ['personalized']],
    ['JAM-204813', 'JAM-CU-501', 'damaged', 'defective', true, []],
    ['JAM-204813', 'JAM-CH-118', 'unused_with_tags', 'wrong_size', 'review', ['policy_silent']],
    ['JAM-204814', 'JAM-ER-145', 'damaged', 'damaged_on_arrival', true, []],
    ['JAA-530123', 'JAA-ER-040', 'unused_with_tags', 'changed_mind', 'review', ['policy_silent']],
    ['JAA-530123', 'JAA-NK-041', 'worn', 'changed_mind', 'review', ['policy_silent', 'policy_silent', 'policy_silent']],
    ['KS-100236', 'EAR-31', 'unused_with_tags', 'changed_mind', false, ['final_sale']],
    ['KS-100236', 'CHN-22', 'damaged', 'defective', true, []],
    ['KS-100237', 'RNG-05', 'worn', 'defective', 'review', ['defect_report_late']],
    ['GS-331043', 'GS-RG-04', 'unused_with_tags', 'changed_mind', true, []],
    ['GS-331043', 'GS-ER-05', 'unused_with_tags', 'changed_mind', 'review', ['policy_silent']],
    ['GS-331043', 'GS-KC-06', 'worn', 'changed_mind', false, ['condition']],
    ['GS-331044', 'GS-NK-01', 'unused_with_tags', 'changed_mind', false, ['window_expired']],
  ];

  it.each(ROWS)('%s %s %s %s → %s %j', (orderNumber, sku, condition, wish, eligible, expected) => {
    const demoOrder = byNumber(orderNumber);
    const item = demoOrder.items.find((candidate) => candidate.sku === sku);
    if (!item) throw new Error(`no item ${sku}`);

    const v = verdictOf({ order: demoOrder, item, condition, wish, profile: demoProfile(demoOrder.brand), now: now.toISOString() });

    expect(v.eligible).toBe(eligible);
    expect(codes(v)).toEqual(expected);
  });
});
