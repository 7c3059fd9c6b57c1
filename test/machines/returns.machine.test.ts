import { describe, expect, it } from 'vitest';
import type { AnyActorRef } from 'xstate';

import { createDemoOrders } from '../../bot/orders/demo-orders.js';
import { emailsMatch, orderNumbersMatch } from '../../knowledge/orders/order-matching.js';
import type { Order } from '../../knowledge/orders/order.schema.js';
import type { VerifyOrderInput, VerifyOrderResult } from '../../machines/flow-effects.js';
import type { FlowReprompt, UserSaid } from '../../machines/flow-events.js';
import { createReturnsMachine, type Opening, type ReturnsInput, type ReturnsOutput, type ReturnsReply } from '../../machines/returns.machine.js';
import type { VerifyReply } from '../../machines/verify-order.machine.js';
import type { SlotValues } from '../../knowledge/reading/reading.types.js';
import { flowHarness, item, recordingDeps, shopper } from './flow-harness.js';
import { BRAND_FOLDERS } from '../support/brands.js';

// Wednesday Dec 2 2026, noon ET; the demo orders are dated from it.
const NOW = '2026-12-02T17:00:00Z';
const ORDERS = createDemoOrders(new Date(NOW), BRAND_FOLDERS);

function demo(orderNumber: string): Order {
  const order = ORDERS.find((candidate) => candidate.orderNumber === orderNumber);
  if (!order) throw new Error(`no demo order ${orderNumber}`);
  return order;
}

/** The real rule in miniature: the brand's order by number, and only if the email matches. */
async function verifyAgainst({ brand, orderNumber, email }: VerifyOrderInput): Promise<VerifyOrderResult> {
  const order = ORDERS.find((candidate) => candidate.brand === brand && orderNumbersMatch(candidate.orderNumber, orderNumber));
  return order !== undefined && emailsMatch(order.email, email) ? { outcome: 'verified', order } : { outcome: 'notMatched' };
}

const { fill, select, affirm, deny, unclear } = shopper(NOW);
const orderNumber = (number: string) => fill({ orderNumber: number });
const email = (address: string) => fill({ email: address });
/** A message in the shopper's own words giving these values: the words go to the team. */
const says = (text: string, slots: SlotValues, at?: string) => fill(slots, { text, ...(at === undefined ? {} : { at }) });
/** The message that started the flow, as the router hands it over. */
const opening = (text: string, slots: SlotValues, urgent = false): Opening => ({ text, slots, urgent });

const reprompt: FlowReprompt = { type: 'flow.reprompt', at: NOW };

type Reply = ReturnsReply | VerifyReply;

/** The returns flow under a test router, its lookups answered by `verify` and recorded. */
function harness(verify: (input: VerifyOrderInput) => Promise<VerifyOrderResult> = verifyAgainst) {
  const { deps, lookups } = recordingDeps({ verifyOrder: verify });
  return { ...flowHarness<ReturnsInput, Reply, ReturnsOutput>(createReturnsMachine(deps)), calls: lookups };
}

type Harness = ReturnType<typeof harness>;
let current: Harness | undefined;

/** Starts the flow; `turn`, `replies` and `output` then speak to the harness it was started in. */
async function begin(h: Harness, input: Partial<ReturnsInput> = {}) {
  current = h;
  const brand = input.brand ?? input.verifiedOrder?.brand ?? 'kendra-scott-mall';
  return h.begin({ at: NOW, ...input, brand });
}

type ParentActor = Awaited<ReturnType<typeof begin>>;

function harnessOf(): Harness {
  if (current === undefined) throw new Error('begin a flow first');
  return current;
}

const turn = (actor: ParentActor, event: UserSaid | FlowReprompt) => harnessOf().turn(actor, event);
const replies = (actor: ParentActor) => harnessOf().replies(actor);
const output = (actor: ParentActor) => harnessOf().output(actor);

const verifyAsk = (slot: 'orderNumber' | 'email', problem?: string) => ({ kind: 'verify.ask', purpose: 'returns', slot, ...(problem ? { problem } : {}) }) as Partial<Reply>;
const ended = (ending: object) => ({ kind: 'verify.ended', purpose: 'returns', ending });

const CONDITIONS = [
  { title: 'Unused, tags on', value: 'Unused, tags on' },
  { title: 'Unused, no tags', value: 'Unused, no tags' },
  { title: 'Worn', value: 'Worn' },
  { title: 'Damaged', value: 'Damaged' },
];
const REASONS = [
  { title: 'Changed my mind', value: 'Changed my mind' },
  { title: 'Wrong size', value: 'Wrong size' },
  { title: 'Damaged on arrival', value: 'Damaged on arrival' },
  { title: 'Defective', value: 'Defective' },
  { title: 'Wrong item sent', value: 'Wrong item sent' },
];

describe('returns machine: verification, as in tracking', () => {
  it('asks for the order number, then the email, then which item', async () => {
    const h = harness();
    const actor = await begin(h);
    expect(replies(actor)).toEqual([verifyAsk('orderNumber')]);

    expect(await turn(actor, orderNumber('KS-100236'))).toEqual(verifyAsk('email'));
    expect(await turn(actor, email('casey@example.com'))).toEqual({
      kind: 'returns.ask',
      slot: 'item',
      options: [
        { title: 'Elisa Pendant Necklace', value: 'Elisa Pendant Necklace' },
        { title: 'Drop Earrings (Final Sale)', value: 'Drop Earrings (Final Sale)' },
        { title: 'Personalized Initial Necklace', value: 'Personalized Initial Necklace' },
      ],
    });
    expect(h.calls).toEqual([{ brand: 'kendra-scott-mall', orderNumber: 'KS-100236', email: 'casey@example.com' }]);
  });

  it('gives a wrong email and an unknown order the same reply', async () => {
    const wrongEmail = await begin(harness(), { orderNumber: 'KS-100236' });
    const unknownOrder = await begin(harness(), { orderNumber: 'KS-999999' });

    const a = await turn(wrongEmail, email('someone@example.com'));
    const b = await turn(unknownOrder, email('casey@example.com'));

    expect(a).toEqual(verifyAsk('orderNumber', 'notMatched'));
    expect(b).toEqual(a);
  });

  it('stops after 3 failed attempts and offers a person', async () => {
    const actor = await begin(harness(), { orderNumber: 'KS-100236', failedAttempts: 2 });

    expect(await turn(actor, email('wrong@example.com'))).toEqual(ended({ kind: 'gaveUp' }));
    // The last number tried goes along to a handoff.
    expect(output(actor)).toEqual({ offerHandoff: true, handoffCase: { category: 'lookup_failed', orderNumber: 'KS-100236' }, failedAttempts: 3 });
  });

  it('ends politely when locked or when the lookup fails', async () => {
    const locked = await begin(harness(async () => ({ outcome: 'locked', retryAfterSeconds: 600 })), { orderNumber: 'KS-100236' });
    expect(await turn(locked, email('casey@example.com'))).toEqual(ended({ kind: 'locked', retryAfterSeconds: 600 }));
    expect(output(locked)).toMatchObject({ offerHandoff: true, handoffCase: { category: 'lookup_failed' } });

    const down = await begin(harness(async () => Promise.reject(new Error('down'))), { orderNumber: 'KS-100236' });
    expect(await turn(down, email('casey@example.com'))).toEqual(ended({ kind: 'unavailable' }));
    expect(output(down)).toMatchObject({ offerHandoff: true, failedAttempts: 0 });
  });

  it('does not verify again an order the conversation already verified', async () => {
    const h = harness();
    const actor = await begin(h, { verifiedOrder: demo('KS-100236') });

    expect(replies(actor)).toEqual([expect.objectContaining({ kind: 'returns.ask', slot: 'item' })]);
    expect(h.calls).toEqual([]);
  });

  it('verifies a different order number than the one verified before', async () => {
    const h = harness();
    const actor = await begin(h, { verifiedOrder: demo('KS-100236'), orderNumber: 'KS-100237' });

    expect(replies(actor)).toEqual([verifyAsk('email')]);
    await turn(actor, email('morgan@example.com'));
    expect(h.calls).toHaveLength(1);
  });

  it("ignores a verified order of another brand", async () => {
    const actor = await begin(harness(), { brand: 'kendra-scott-mall', verifiedOrder: demo('GS-331043') });

    expect(replies(actor)).toEqual([verifyAsk('email')]);
  });
});

describe('returns machine: item → condition → reason → verdict', () => {
  it('walks through the slots with choices and gives the verdict with a handoff case', async () => {
    const actor = await begin(harness(), { verifiedOrder: demo('KS-100236') });

    expect(await turn(actor, says('the pendant', { item: item('the pendant') }))).toEqual({
      kind: 'returns.ask',
      slot: 'condition',
      options: CONDITIONS,
      itemName: 'Elisa Pendant Necklace',
    });
    expect(await turn(actor, says('never worn, still has the tags', { condition: 'unused_with_tags' }))).toEqual({
      kind: 'returns.ask',
      slot: 'reason',
      options: REASONS,
      itemName: 'Elisa Pendant Necklace',
    });
    const verdict = await turn(actor, says('too big', { reason: 'wrong_size' }));

    expect(verdict).toMatchObject({
      kind: 'returns.verdict',
      verdict: { eligible: 'review', reasons: [{ code: 'policy_silent' }], condition: 'unused_with_tags', wish: 'wrong_size', item: { sku: 'CHN-22' } },
      urgency: { urgent: false },
    });
    const out = output(actor);
    expect(out).toMatchObject({ verifiedOrder: demo('KS-100236'), offerHandoff: true, failedAttempts: 0 });
    expect(out?.handoffCase).toEqual({
      category: 'return',
      verifiedOrder: demo('KS-100236'),
      returnVerdict: out?.verdict,
      orderNumber: 'KS-100236',
      email: 'casey@example.com',
      name: 'Casey Example',
      description: 'never worn, still has the tags\ntoo big',
    });
  });

  it('takes the buttons as answers', async () => {
    const actor = await begin(harness(), { verifiedOrder: demo('GS-331043') });

    await turn(actor, select(0, { text: 'Stackable Ring Set' }));
    await turn(actor, select(0, { text: 'Unused, tags on' }));
    const verdict = await turn(actor, select(0, { text: 'Changed my mind' }));

    expect(verdict).toMatchObject({ kind: 'returns.verdict', verdict: { eligible: true, reasons: [] } });
    expect(output(actor)?.handoffCase).not.toHaveProperty('description');
  });

  it('skips the item question for a one-item order', async () => {
    const actor = await begin(harness(), { verifiedOrder: demo('GS-331044') });

    expect(replies(actor)).toEqual([{ kind: 'returns.ask', slot: 'condition', options: CONDITIONS, itemName: 'Gold-Plated Chain Necklace' }]);
  });

  it('uses what the first message said: item and reason, then asks only the condition', async () => {
    const actor = await begin(harness(), {
      verifiedOrder: demo('JAA-530123'),
      opening: opening('the earrings are too big, can I exchange them', { item: item('the earrings'), reason: 'wrong_size' }),
    });

    expect(replies(actor)).toEqual([{ kind: 'returns.ask', slot: 'condition', options: CONDITIONS, itemName: 'Artisan Drop Earrings' }]);
    expect(await turn(actor, says('I wore them once', { condition: 'worn' }))).toMatchObject({
      kind: 'returns.verdict',
      verdict: { eligible: 'review', condition: 'worn', wish: 'wrong_size', item: { sku: 'JAA-ER-040' } },
    });
  });

  it('reads the first message once the order is verified', async () => {
    const actor = await begin(harness(), {
      brand: 'james-avery-artisan',
      opening: opening('can I send back the cuff I bought', { item: item('the cuff'), orderNumber: 'JAA-530124' }),
      orderNumber: 'JAA-530124',
    });

    // JAA-530124 has one item: its pendant, whatever the first message said.
    expect(await turn(actor, email('morgan@example.com'))).toMatchObject({ kind: 'returns.ask', slot: 'condition', itemName: 'Hammered Silver Pendant' });
  });

  it('"my necklace broke after a week": asks which necklace, then gives the verdict at once', async () => {
    const actor = await begin(harness(), {
      verifiedOrder: demo('KS-100236'),
      opening: opening('my necklace broke after a week', { item: item('my necklace'), condition: 'damaged', reason: 'defective' }),
    });

    expect(replies(actor)).toEqual([
      {
        kind: 'returns.ask',
        slot: 'item',
        problem: 'ambiguous',
        options: [
          { title: 'Elisa Pendant Necklace', value: 'Elisa Pendant Necklace' },
          { title: 'Personalized Initial Necklace', value: 'Personalized Initial Necklace' },
        ],
      },
    ]);
    // "the first one" of the two shown.
    const verdict = await turn(actor, select(0));

    expect(verdict).toMatchObject({
      kind: 'returns.verdict',
      verdict: { eligible: true, condition: 'damaged', wish: 'defective', productIssue: true, item: { sku: 'CHN-22' } },
      urgency: { urgent: true },
    });
    expect(output(actor)).toMatchObject({ offerHandoff: true, handoffCase: { category: 'defective', description: 'my necklace broke after a week' } });
  });

  it('asks about the tags when the shopper says only "never worn"', async () => {
    const actor = await begin(harness(), { verifiedOrder: demo('GS-331044') });

    expect(await turn(actor, says('never worn', { condition: 'unused' }))).toEqual({
      kind: 'returns.ask',
      slot: 'condition',
      problem: 'tags',
      options: [CONDITIONS[0], CONDITIONS[1]],
      itemName: 'Gold-Plated Chain Necklace',
    });
    expect(await turn(actor, deny())).toMatchObject({ kind: 'returns.ask', slot: 'reason' });
    const verdict = await turn(actor, says('changed my mind', { reason: 'changed_mind' }));
    expect(verdict).toMatchObject({ verdict: { condition: 'unused_no_tags', reasons: [{ code: 'window_expired' }, { code: 'condition' }] } });
  });

  it('asks again when it does not understand, and re-asks after a digression', async () => {
    const actor = await begin(harness(), { verifiedOrder: demo('JAM-204813') });

    expect(await turn(actor, unclear({ text: 'hmm' }))).toMatchObject({ kind: 'returns.ask', slot: 'item', problem: 'notUnderstood' });
    expect(await turn(actor, reprompt)).toMatchObject({ kind: 'returns.ask', slot: 'item', options: expect.any(Array) });
    expect(await turn(actor, says('the charm', { item: item('the charm') }))).toMatchObject({ kind: 'returns.ask', slot: 'condition', itemName: 'Sterling Silver Heart Charm' });
    expect(await turn(actor, unclear({ text: 'no clue' }))).toMatchObject({ kind: 'returns.ask', slot: 'condition', problem: 'notUnderstood' });
    expect(await turn(actor, says('worn', { condition: 'worn' }))).toMatchObject({ kind: 'returns.ask', slot: 'reason' });
    expect(await turn(actor, unclear({ text: 'because' }))).toMatchObject({ kind: 'returns.ask', slot: 'reason', problem: 'notUnderstood' });
    expect(await turn(actor, reprompt)).toEqual({ kind: 'returns.ask', slot: 'reason', options: REASONS, itemName: 'Sterling Silver Heart Charm' });
  });

  it('lists multi-quantity lines with their quantity', async () => {
    const actor = await begin(harness(), { verifiedOrder: demo('JAM-204813') });

    expect(replies(actor)[0]).toMatchObject({
      options: [
        { title: 'Custom Engraved Initial Pendant', value: 'Custom Engraved Initial Pendant' },
        { title: 'Sterling Silver Heart Charm ×2', value: 'Sterling Silver Heart Charm' },
        { title: 'Cable Chain Necklace, 18 in.', value: 'Cable Chain Necklace, 18 in.' },
      ],
    });
  });

  it('a custom piece the shopper changed their mind about: not eligible, no handoff offered', async () => {
    const actor = await begin(harness(), {
      brand: 'james-avery-malls',
      verifiedOrder: demo('JAM-204813'),
      opening: opening('I want to return the custom pendant', { item: item('the custom pendant') }),
    });

    await turn(actor, select(0, { text: 'Unused, tags on' }));
    const verdict = await turn(actor, says("I don't like it", { reason: 'changed_mind' }));

    expect(verdict).toMatchObject({ verdict: { eligible: false, reasons: [{ code: 'personalized' }] } });
    expect(output(actor)).toMatchObject({ offerHandoff: false, handoffCase: { category: 'return' } });
  });

  it('a damaged delivery at james-avery-malls: eligible, urgent, a damaged case', async () => {
    const actor = await begin(harness(), {
      brand: 'james-avery-malls',
      verifiedOrder: demo('JAM-204814'),
      opening: opening("it arrived broken, it's urgent", { reason: 'damaged_on_arrival' }, true),
    });

    expect(replies(actor)).toEqual([expect.objectContaining({ kind: 'returns.verdict', urgency: expect.objectContaining({ urgent: true }) })]);
    expect(output(actor)).toMatchObject({
      offerHandoff: true,
      handoffCase: { category: 'damaged', shopperSaysUrgent: true, returnVerdict: { eligible: true, wish: 'damaged_on_arrival', condition: 'damaged' } },
    });
  });

  it('judges by the time of the last answer', async () => {
    const actor = await begin(harness(), { verifiedOrder: demo('KS-100236') });

    await turn(actor, says('the pendant', { item: item('the pendant') }));
    await turn(actor, says('damaged', { condition: 'damaged' }));
    // Delivered Nov 27 (5 days before NOW): two weeks later the 7-day window is over.
    const verdict = await turn(actor, says('defective', { reason: 'defective' }, '2026-12-16T17:00:00Z'));

    expect(verdict).toMatchObject({ verdict: { eligible: 'review', reasons: [{ code: 'defect_report_late' }] }, urgency: { urgent: false } });
  });
});

describe('returns machine: orders with nothing to return', () => {
  it.each([
    ['KS-100238', 'cancelled', 'cancelled'],
    ['KS-100233', 'processing', 'not_delivered'],
    ['KS-100234', 'shipped', 'not_delivered'],
  ] as const)('%s (%s) ends at once with %s', async (orderNumber, status, code) => {
    const actor = await begin(harness(), { verifiedOrder: demo(orderNumber), opening: opening('I want to return the earrings', { item: item('the earrings') }) });

    expect(replies(actor)).toEqual([
      expect.objectContaining({ kind: 'returns.notReturnable', orderNumber, status, reasons: [expect.objectContaining({ code })] }),
    ]);
    expect(actor.getSnapshot().status).toBe('done');
    expect(output(actor)).toEqual({ verifiedOrder: demo(orderNumber), offerHandoff: false, failedAttempts: 0 });
  });
});

describe('returns machine: persistence', () => {
  async function turnFromJson(h: Harness, persisted: string, event: UserSaid | FlowReprompt) {
    const actor = await h.begin({ brand: 'kendra-scott-mall', at: NOW }, JSON.parse(persisted));
    const reply = await h.turn(actor, event);
    const after = JSON.stringify(actor.getPersistedSnapshot());
    const done = actor.getSnapshot().status === 'done';
    actor.stop();
    return { reply, persisted: after, done };
  }

  it('continues a flow restored from JSON at every step', async () => {
    const h = harness();
    const first = await begin(h);
    let persisted = JSON.stringify(first.getPersistedSnapshot());
    first.stop();

    const steps: Array<[UserSaid, Partial<Reply>]> = [
      [orderNumber('KS-100236'), verifyAsk('email')],
      [email('casey@example.com'), { kind: 'returns.ask', slot: 'item' }],
      [says('the final sale earrings', { item: item('the final sale earrings', { finalSale: true }) }), { kind: 'returns.ask', slot: 'condition' }],
      [says('never worn', { condition: 'unused' }), { kind: 'returns.ask', slot: 'condition', problem: 'tags' }],
      [affirm(), { kind: 'returns.ask', slot: 'reason' }],
      [says('changed my mind', { reason: 'changed_mind' }), { kind: 'returns.verdict' }],
    ];
    let done = false;
    for (const [event, expected] of steps) {
      const next = await turnFromJson(h, persisted, event);
      expect(next.reply).toMatchObject(expected);
      persisted = next.persisted;
      done = next.done;
    }
    expect(done).toBe(true);
  });

  it('keeps plain JSON context', async () => {
    const actor = await begin(harness(), {
      verifiedOrder: demo('KS-100236'),
      opening: opening('the pendant is too big', { item: item('the pendant'), reason: 'wrong_size' }),
    });
    const child = actor.getSnapshot().children.flow as AnyActorRef | undefined;

    const persisted = child?.getPersistedSnapshot();

    expect(JSON.parse(JSON.stringify(persisted))).toEqual(persisted);
    expect(child?.getSnapshot().context).toMatchObject({ itemIndex: 0, wish: 'wrong_size', condition: null });
  });
});
