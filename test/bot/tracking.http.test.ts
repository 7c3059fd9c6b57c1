import type { Activity } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoOrderSummaries } from '../../bot/orders/demo-orders.js';
import { newConversationId, say, startClasp, type RunningClasp } from '../support/clasp-server.js';
import { BRAND_FOLDERS } from '../support/brands.js';

// A Friday afternoon in New York; the demo orders are dated from it.
const NOW = new Date('2026-11-20T19:00:00Z');

let app: RunningClasp;
beforeAll(async () => {
  app = await startClasp({}, { now: () => NOW });
});
afterAll(async () => {
  await app.close();
});

function support(reply: Activity | undefined) {
  return reply?.channelData.support as { topic: string; awaiting: string | null; sources: Array<{ section: string }> };
}

const EXPECTED = {
  processing: /is being prepared\. It's expected to ship by \w+day, \w+ \d+/,
  shipped: /has shipped with \w+\. Expected delivery: between \w+day, \w+ \d+ and \w+day, \w+ \d+/,
  late: /I'm sorry: your order .* running late/s,
  'delivered-recent': /was delivered on \w+day, \w+ \d+/,
  'delivered-long-ago': /was delivered on \w+day, \w+ \d+/,
  cancelled: /cancelled/i,
};

// james-avery-artisan's documents state no processing or delivery time and no operator default
// is set, so the bot says so instead of inventing dates, and cannot call a shipment late.
const ARTISAN: Partial<Record<keyof typeof EXPECTED, RegExp>> = {
  processing: /being prepared and hasn't shipped yet\. .*doesn't state a processing time/,
  shipped: /has shipped with \w+\. .*doesn't state a delivery time/,
  late: /has shipped with \w+\. .*doesn't state a delivery time/,
};

function expectedText(brand: string, kind: keyof typeof EXPECTED): RegExp {
  return (brand === 'james-avery-artisan' ? ARTISAN[kind] : undefined) ?? EXPECTED[kind];
}

describe.each(['james-avery-malls', 'james-avery-artisan', 'kendra-scott-mall', 'generic-store'])('tracking for %s', (brand) => {
  const orders = demoOrderSummaries(BRAND_FOLDERS).filter((order) => order.brand === brand);

  it.each(orders.map((order) => [order.orderNumber, order.kind, order] as const))('%s (%s): number, then email, then the status', async (_n, _s, order) => {
    const conversation = newConversationId();
    const [ask] = await say(app.url, brand, conversation, 'where is my order?');
    expect(support(ask)).toMatchObject({ topic: 'order.tracking', awaiting: 'orderNumber' });

    const [askEmail] = await say(app.url, brand, conversation, order.orderNumber.toLowerCase());
    expect(support(askEmail)).toMatchObject({ topic: 'order.tracking', awaiting: 'email' });
    expect(askEmail?.text).not.toContain(order.orderNumber);

    const [status] = await say(app.url, brand, conversation, `  ${order.email.toUpperCase()} `);
    // A late order offers a person, as a yes/no question (james-avery-artisan states no delivery
    // time, so its orders are never late).
    const late = order.kind === 'late' && brand !== 'james-avery-artisan';
    // So does a cancelled one ("if you didn't expect that, a person can look into it").
    expect(support(status)).toMatchObject({ topic: 'order.tracking', awaiting: late || order.kind === 'cancelled' ? 'confirm' : null });
    expect(status?.text).toMatch(expectedText(brand, order.kind));
  });
});

describe('verification', () => {
  const [order] = demoOrderSummaries(BRAND_FOLDERS).filter((o) => o.brand === 'kendra-scott-mall' && o.status === 'shipped');

  it('takes the number from the first message and never shows an order before the email matches', async () => {
    const conversation = newConversationId();
    const [askEmail] = await say(app.url, 'kendra-scott-mall', conversation, `hi, can you track #${order!.orderNumber} for me`);
    expect(support(askEmail)).toMatchObject({ topic: 'order.tracking', awaiting: 'email' });
    const [wrong] = await say(app.url, 'kendra-scott-mall', conversation, 'someone.else@example.com');
    expect(wrong?.text).not.toMatch(/shipped|UPS|FedEx|USPS|deliver/i);
    expect(wrong?.attachments ?? []).toEqual([]);
    expect(support(wrong)).toMatchObject({ awaiting: 'orderNumber' });
  });

  it('gives an unknown order and a wrong email exactly the same reply', async () => {
    const wrongEmail = newConversationId();
    await say(app.url, 'kendra-scott-mall', wrongEmail, `track ${order!.orderNumber}`);
    const [afterWrongEmail] = await say(app.url, 'kendra-scott-mall', wrongEmail, 'not-the-owner@example.com');

    const unknownOrder = newConversationId();
    await say(app.url, 'kendra-scott-mall', unknownOrder, 'track KS-999111');
    const [afterUnknown] = await say(app.url, 'kendra-scott-mall', unknownOrder, order!.email);

    expect(afterWrongEmail?.text).toBe(afterUnknown?.text);
    expect(afterWrongEmail?.channelData).toEqual(afterUnknown?.channelData);
  });

  it("never finds another brand's order", async () => {
    const conversation = newConversationId();
    await say(app.url, 'generic-store', conversation, `track ${order!.orderNumber}`);
    const [reply] = await say(app.url, 'generic-store', conversation, order!.email);
    expect(reply?.text).toMatch(/couldn't find/);
  });

  it('stops after 3 failed attempts in a conversation and offers a person', async () => {
    const conversation = newConversationId();
    let last: Activity | undefined;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await say(app.url, 'generic-store', conversation, attempt === 0 ? 'track my order GS-000001' : 'GS-000001');
      [last] = await say(app.url, 'generic-store', conversation, 'guess@example.com');
    }
    expect(last?.text).toMatch(/stop trying.*Would you like me to pass this to a person on the team\?/s);
    expect(last?.channelData.support.awaiting).toBe('confirm');
    expect(last?.suggestedActions?.actions.map((a) => a.value)).toEqual(['yes', 'no']);
  });

  it('limits failed attempts per client across conversations', async () => {
    const strict = await startClasp({ VERIFY_FAILURES_PER_CLIENT: '2' }, { now: () => NOW });
    try {
      for (let conversationNo = 0; conversationNo < 2; conversationNo += 1) {
        const conversation = newConversationId();
        await say(strict.url, 'generic-store', conversation, 'track GS-000002');
        await say(strict.url, 'generic-store', conversation, 'guess@example.com');
      }
      const conversation = newConversationId();
      const [demo] = demoOrderSummaries(BRAND_FOLDERS).filter((o) => o.brand === 'generic-store');
      await say(strict.url, 'generic-store', conversation, `track ${demo!.orderNumber}`);
      const [locked] = await say(strict.url, 'generic-store', conversation, demo!.email);
      expect(locked?.text).toMatch(/too many order lookups/);
      expect(locked?.text).not.toContain(demo!.orderNumber);
    } finally {
      await strict.close();
    }
  });

  it('uses the verified order again later in the same conversation, but never in another', async () => {
    const conversation = newConversationId();
    await say(app.url, 'kendra-scott-mall', conversation, `track ${order!.orderNumber}`);
    await say(app.url, 'kendra-scott-mall', conversation, order!.email);
    const [again] = await say(app.url, 'kendra-scott-mall', conversation, 'where is my order?');
    expect(again?.text).toContain(order!.orderNumber);

    const [other] = await say(app.url, 'kendra-scott-mall', newConversationId(), 'where is my order?');
    expect(support(other)).toMatchObject({ awaiting: 'orderNumber' });
  });
});

describe('a conversation that behaves like a person', () => {
  it('answers a policy question mid-flow and then asks again for the order number', async () => {
    const conversation = newConversationId();
    await say(app.url, 'kendra-scott-mall', conversation, 'track my order');
    const [answer, reprompt] = await say(app.url, 'kendra-scott-mall', conversation, 'wait, how long do refunds take?');
    expect(support(answer)).toMatchObject({ topic: 'refund.timeline' });
    expect(support(reprompt)).toMatchObject({ topic: 'order.tracking', awaiting: 'orderNumber' });
  });

  it('re-prompts specifically when an email comes before the number, and keeps it', async () => {
    const conversation = newConversationId();
    const [order] = demoOrderSummaries(BRAND_FOLDERS).filter((o) => o.brand === 'generic-store' && o.status === 'processing');
    await say(app.url, 'generic-store', conversation, 'track my order');
    const [reprompt] = await say(app.url, 'generic-store', conversation, order!.email);
    expect(reprompt?.text).toMatch(/looks like an email/);
    expect(support(reprompt)).toMatchObject({ awaiting: 'orderNumber' });
    const [status] = await say(app.url, 'generic-store', conversation, order!.orderNumber);
    expect(status?.text).toMatch(EXPECTED.processing!);
  });

  it('leaves the flow on "cancel" and starts again on "start over"', async () => {
    const conversation = newConversationId();
    await say(app.url, 'james-avery-malls', conversation, 'track my order');
    const [cancelled] = await say(app.url, 'james-avery-malls', conversation, 'never mind');
    expect(cancelled?.text).toMatch(/stopped/);
    expect(support(cancelled)).toMatchObject({ awaiting: null });
    const [restarted] = await say(app.url, 'james-avery-malls', conversation, 'start over');
    expect(restarted?.suggestedActions?.actions.map((a) => a.title)).toContain('Track my order');
  });

  it('explains what it needs on "help" without losing the flow', async () => {
    const conversation = newConversationId();
    await say(app.url, 'james-avery-artisan', conversation, 'track my order');
    const replies = await say(app.url, 'james-avery-artisan', conversation, 'help');
    expect(replies[0]?.text).toMatch(/order number/);
    expect(support(replies.at(-1))).toMatchObject({ awaiting: 'orderNumber' });
  });
});
