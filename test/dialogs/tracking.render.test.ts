import { describe, expect, it } from 'vitest';
import type { Activity, HeroCard } from 'botbuilder';

import type { BrandId } from '../../knowledge/brand-ids.js';
import type { BrandProfileInput } from '../../knowledge/brands/index.js';
import type { TrackingStatus } from '../../knowledge/orders/tracking-status.js';
import type { TrackingReply } from '../../machines/tracking.machine.js';
import { renderTrackingReply } from '../../dialogs/tracking.render.js';
import { demoProfile } from '../support/brands.js';

const CSP = 'customer-service-policy';
const ORDER_NUMBER = 'KS-100234';
const TRACKING_NUMBER = '1Z999AA10123456784';
const TRACKING_URL = 'https://tracking.example/1Z999AA10123456784';

function render(brand: BrandId, reply: TrackingReply, profile: BrandProfileInput = demoProfile(brand)): Partial<Activity> {
  return renderTrackingReply(brand, reply, profile);
}

function status(brand: BrandId, tracking: TrackingStatus, profile?: BrandProfileInput): Partial<Activity> {
  return render(brand, { kind: 'tracking.status', status: tracking, orderNumber: ORDER_NUMBER }, profile);
}

function support(activity: Partial<Activity>) {
  return (activity.channelData as { support: Record<string, unknown> }).support;
}

function actionValues(activity: Partial<Activity>): unknown[] {
  return activity.suggestedActions?.actions.map((action) => action.value) ?? [];
}

const shipped = {
  carrier: 'UPS',
  trackingNumber: TRACKING_NUMBER,
  trackingUrl: TRACKING_URL,
  deliveryBetween: { earliest: '2026-12-24', latest: '2026-12-30' },
  basis: { kind: 'policy', source: { document: CSP, section: '3' }, phrase: '6-12 day' },
} as const;

describe('renderTrackingReply: statuses', () => {
  it('processing: the ship-by date in the brand’s words and section', () => {
    const activity = status('james-avery-malls', {
      status: 'processing',
      shipBy: '2026-11-30',
      pastShipBy: false,
      basis: { kind: 'policy', source: { document: CSP, section: '3' }, phrase: '1-3 business days' },
      deliveryBasis: { kind: 'policy', source: { document: CSP, section: '3' }, phrase: '6-12 business days' },
    });

    // "When will it get here?": how long delivery takes once it ships, too.
    expect(activity.text).toBe(
      `Your order ${ORDER_NUMBER} is being prepared. It's expected to ship by Monday, November 30, based on the “1-3 business days” processing time in the Customer Service Policy (§3).` +
        ' Once it ships, delivery takes the “6-12 business days” delivery time in the Customer Service Policy (§3).',
    );
    expect(support(activity)).toEqual({
      brand: 'james-avery-malls',
      topic: 'order.tracking',
      confidence: 1,
      sources: [{ document: CSP, section: '3' }],
      awaiting: null,
    });
  });

  it('processing on an operator setting: worded as the store’s setting, with no policy source', () => {
    const activity = status('james-avery-artisan', {
      status: 'processing',
      shipBy: '2026-12-01',
      pastShipBy: false,
      basis: { kind: 'operator', min: 2, max: 4, unit: 'business_days' },
      deliveryBasis: null,
    });

    expect(activity.text).toContain('expected to ship by Tuesday, December 1');
    expect(activity.text).toContain("the store's usual processing time of 2-4 business days (a store setting rather than a stated policy)");
    expect(activity.text).not.toMatch(/policy \(§|Customer Service Policy/);
    expect(support(activity).sources).toEqual([]);
  });

  it('processing with no stated time: no date, and a person offered', () => {
    const activity = status('james-avery-artisan', { status: 'processing', shipBy: null, pastShipBy: false, basis: null, deliveryBasis: null });

    expect(activity.text).toContain("James Avery Artisan Jewelry's policy doesn't state a processing time");
    expect(actionValues(activity)).toEqual(['talk to a person']);
  });

  it('processing past its ship-by date: apologises and offers a person', () => {
    const activity = status('generic-store', {
      status: 'processing',
      shipBy: '2026-11-27',
      pastShipBy: true,
      basis: { kind: 'policy', source: { document: CSP, section: '1' }, phrase: '1-3 days' },
      deliveryBasis: { kind: 'policy', source: { document: CSP, section: '1' }, phrase: '6-12 days' },
    });

    expect(activity.text).toMatch(/^I'm sorry: your order .* hasn't shipped yet\. It was expected to ship by Friday, November 27/);
    expect(actionValues(activity)).toEqual(['talk to a person']);
  });

  it('shipped: a hero card with a Track package button, and the same facts as text', () => {
    const activity = status('kendra-scott-mall', { status: 'shipped', ...shipped });

    expect(activity.text).toBe(
      `Your order ${ORDER_NUMBER} has shipped with UPS. Expected delivery: between Thursday, December 24 and Wednesday, December 30, ` +
        'based on the “6-12 day” delivery time in the Customer Service Policy (§3).' +
        `\n\nTracking number: ${TRACKING_NUMBER}\nTrack it at ${TRACKING_URL}`,
    );
    const [card] = activity.attachments ?? [];
    expect(card?.contentType).toBe('application/vnd.microsoft.card.hero');
    const hero = card?.content as HeroCard;
    expect(hero.title).toBe(`Order ${ORDER_NUMBER} has shipped`);
    expect(hero.subtitle).toBe(`UPS · Tracking number ${TRACKING_NUMBER}`);
    expect(hero.text).toBe('Expected delivery between Thursday, December 24 and Wednesday, December 30');
    expect(hero.buttons).toEqual([{ type: 'openUrl', title: 'Track package', value: TRACKING_URL }]);
    expect(support(activity)).toMatchObject({ topic: 'order.tracking', awaiting: null, sources: [{ document: CSP, section: '3' }] });
  });

  it('shipped without a link or a stated delivery time: no button, no dates', () => {
    const activity = status('james-avery-artisan', { status: 'shipped', ...shipped, trackingUrl: null, deliveryBetween: null, basis: null });

    expect(activity.text).toContain("doesn't state a delivery time");
    expect(activity.text).not.toContain('Track it at');
    expect((activity.attachments?.[0]?.content as HeroCard).buttons).toEqual([]);
    expect(support(activity).sources).toEqual([]);
  });

  it('late at generic-store: apologises, describes the §4 investigation and offers a person', () => {
    const activity = status('generic-store', {
      status: 'late',
      late: true,
      ...shipped,
      basis: { kind: 'policy', source: { document: CSP, section: '1' }, phrase: '6-12 days' },
    });

    expect(activity.text).toMatch(/^I'm sorry: your order KS-100234 shipped with UPS and was expected to arrive between Thursday, December 24 and Wednesday, December 30/);
    expect(activity.text).toContain("It's running late.");
    expect(activity.text).toContain('the team investigates with the carrier and offers a solution such as reshipment or a refund');
    expect(activity.text).toContain('through the form on the Contact Us page');
    expect(activity.text).toMatch(new RegExp(`\\n\\nTracking number: ${TRACKING_NUMBER}\\nTrack it at ${TRACKING_URL.replace(/[./]/g, '\\$&')}$`));
    expect(actionValues(activity)).toEqual(['talk to a person']);
    expect(support(activity)).toMatchObject({
      topic: 'order.tracking',
      awaiting: null,
      sources: [
        { document: CSP, section: '1' },
        { document: CSP, section: '4' },
        { document: CSP, section: '2' },
      ],
    });
    expect((activity.attachments?.[0]?.content as HeroCard).title).toBe(`Order ${ORDER_NUMBER} is running late`);
  });

  it('late at james-avery-malls: what its documents offer (an explanation and a revised timeline)', () => {
    const activity = status('james-avery-malls', {
      status: 'late',
      late: true,
      ...shipped,
      basis: { kind: 'policy', source: { document: CSP, section: '3' }, phrase: '6-12 business days' },
    });

    expect(activity.text).toContain('a clear explanation and a revised timeline');
    expect(actionValues(activity)).toEqual(['talk to a person']);
  });

  it('delivered at generic-store: the date and the 60-day window, its start worded as the store’s setting', () => {
    const activity = status('generic-store', {
      status: 'delivered',
      deliveredOn: '2026-11-30',
      returnWindow: {
        endsOn: '2027-01-29',
        open: true,
        startsFrom: 'delivery',
        basis: { kind: 'policy', source: { document: CSP, section: '1' }, phrase: '60-day' },
      },
    });

    expect(activity.text).toBe(
      `Your order ${ORDER_NUMBER} was delivered on Monday, November 30. Under the “60-day” return process in the Customer Service Policy (§1), ` +
        "counted from the delivery date (the store's own setting, since the policy doesn't say when it starts), you can start a return until Friday, January 29.",
    );
    expect(support(activity)).toMatchObject({ sources: [{ document: CSP, section: '1' }], awaiting: null });
    expect(actionValues(activity)).toEqual(['start a return']);
  });

  it('delivered with an operator window that has ended', () => {
    const activity = status('kendra-scott-mall', {
      status: 'delivered',
      deliveredOn: '2026-11-30',
      returnWindow: { endsOn: '2026-12-30', open: false, startsFrom: 'delivery', basis: { kind: 'operator', min: 30, max: 30, unit: 'days' } },
    });

    expect(activity.text).toContain("The store's return window is 30 days from the delivery date (a store setting rather than a stated policy), so the return window ended on Wednesday, December 30.");
    expect(support(activity).sources).toEqual([]);
  });

  it('delivered where the brand has no return window: just the date', () => {
    const activity = status('james-avery-malls', { status: 'delivered', deliveredOn: '2026-11-30', returnWindow: null });

    expect(activity.text).toBe(`Your order ${ORDER_NUMBER} was delivered on Monday, November 30.`);
    expect(support(activity).sources).toEqual([]);
  });

  it('cancelled: says so', () => {
    const activity = status('kendra-scott-mall', { status: 'cancelled' });

    expect(activity.text).toContain('was cancelled');
    expect(support(activity)).toMatchObject({ topic: 'order.tracking', awaiting: null, sources: [] });
  });
});
