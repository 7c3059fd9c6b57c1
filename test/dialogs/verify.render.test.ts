import { describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';

import type { BrandId } from '../../knowledge/brand-ids.js';
import { renderVerifyReply } from '../../dialogs/verify.render.js';
import type { VerifyPurpose, VerifyReply } from '../../machines/verify-order.machine.js';
import { BRAND_IDS, demoProfile } from '../support/brands.js';

const CSP = 'customer-service-policy';
const ORDER_NUMBER = 'KS-100234';
const TRACKING_NUMBER = '1Z999AA10123456784';
const TOPIC: Record<VerifyPurpose, string> = { tracking: 'order.tracking', returns: 'returns.start' };

function render(brand: BrandId, reply: VerifyReply): Partial<Activity> {
  return renderVerifyReply(brand, reply, demoProfile(brand));
}

function support(activity: Partial<Activity>) {
  return (activity.channelData as { support: Record<string, unknown> }).support;
}

function actionValues(activity: Partial<Activity>): unknown[] {
  return activity.suggestedActions?.actions.map((action) => action.value) ?? [];
}

describe.each(['tracking', 'returns'] as const)('renderVerifyReply for %s', (purpose) => {
  const ask = (slot: 'orderNumber' | 'email', problem?: 'emailInsteadOfNumber' | 'notAnOrderNumber' | 'notMatched' | 'notAnEmail'): VerifyReply => ({
    kind: 'verify.ask',
    purpose,
    slot,
    ...(problem === undefined ? {} : { problem }),
  });
  const ended = (ending: Extract<VerifyReply, { kind: 'verify.ended' }>['ending']): VerifyReply => ({ kind: 'verify.ended', purpose, ending });

  const ASKS: Array<[VerifyReply, 'orderNumber' | 'email', RegExp]> = [
    [ask('orderNumber'), 'orderNumber', /order number/i],
    [ask('orderNumber', 'emailInsteadOfNumber'), 'orderNumber', /looks like an email.*order number first/i],
    [ask('orderNumber', 'notAnOrderNumber'), 'orderNumber', /doesn't look like an order number.*for example/i],
    [ask('orderNumber', 'notMatched'), 'orderNumber', /couldn't find an order.*order number and email/i],
    [ask('email'), 'email', /email address on the order/i],
    [ask('email', 'notAnEmail'), 'email', /doesn't look like an email/i],
  ];

  it.each(ASKS)('%j awaits %s, on the flow topic, with no sources', (reply, awaiting, text) => {
    const activity = render('kendra-scott-mall', reply);

    expect(activity.text).toMatch(text);
    expect(activity.inputHint).toBe('expectingInput');
    expect(support(activity)).toEqual({ brand: 'kendra-scott-mall', topic: TOPIC[purpose], confidence: 1, sources: [], awaiting });
  });

  it('says what the order number is for', () => {
    expect(render('kendra-scott-mall', ask('orderNumber')).text).toMatch(purpose === 'tracking' ? /To look up your order/ : /whether an item can be returned/);
  });

  it('words a wrong email and an unknown order the same for every brand', () => {
    const texts = new Set(BRAND_IDS.map((brand) => render(brand, ask('orderNumber', 'notMatched')).text));
    expect(texts.size).toBe(1);
  });

  it.each([ask('orderNumber'), ask('orderNumber', 'notMatched'), ask('orderNumber', 'emailInsteadOfNumber'), ask('email'), ended({ kind: 'gaveUp' }), ended({ kind: 'locked', retryAfterSeconds: 600 }), ended({ kind: 'unavailable' })])(
    '%j carries nothing about an order',
    (reply) => {
      const json = JSON.stringify(render('kendra-scott-mall', reply));

      for (const detail of [ORDER_NUMBER, 'KS100234', TRACKING_NUMBER, 'UPS', 'shopper@example.com', 'shipped', 'delivered', 'cancelled', 'Pendant']) {
        expect(json).not.toContain(detail);
      }
      expect(json).not.toMatch(/(January|February|March|April|May|June|July|August|September|October|November|December) \d/);
      expect(render('kendra-scott-mall', reply).attachments).toBeUndefined();
    },
  );

  it.each([
    [ended({ kind: 'gaveUp' }), /stop trying/],
    [ended({ kind: 'locked', retryAfterSeconds: 600 }), /too many.*try again in about 10 minutes.*talk to a person/],
    [ended({ kind: 'unavailable' }), /can't look up orders right now/],
  ] as const)('%j offers a person and says how to reach the team', (reply, text) => {
    const activity = render('kendra-scott-mall', reply);

    expect(activity.text).toMatch(text);
    expect(activity.text).toContain('You can also reach Kendra Scott Mall by email at support@kendrascottmall.com.');
    expect(actionValues(activity)).toEqual(['talk to a person']);
    expect(support(activity)).toMatchObject({ topic: TOPIC[purpose], awaiting: null, sources: [{ document: CSP, section: '2' }] });
  });

  it('names generic-store’s Contact Us form, its only official channel', () => {
    expect(render('generic-store', ended({ kind: 'gaveUp' })).text).toContain('through the form on the Contact Us page');
  });
});

it('says what a return check cannot do while lookups are down', () => {
  expect(render('james-avery-malls', { kind: 'verify.ended', purpose: 'returns', ending: { kind: 'unavailable' } }).text).toContain("so I can't check the return");
});
