import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { createDemoOrders } from '../../bot/orders/demo-orders.js';
import { normalizeOrderNumber } from '../../knowledge/orders/order-matching.js';
import type { SlotValues } from '../../knowledge/reading/reading.types.js';
import { createConversationMachine, type ConversationEvent, type ConversationReply } from '../../machines/conversation.machine.js';
import { settled } from '../../machines/settled.js';
import { recordingDeps, shopper } from './flow-harness.js';
import { BRAND_FOLDERS } from '../support/brands.js';

const AT = '2026-11-20T15:00:00.000Z';
const orders = createDemoOrders(new Date(AT), BRAND_FOLDERS);
const shipped = orders.find((order) => order.brand === 'kendra-scott-mall' && order.orderNumber === 'KS-100234')!;

const { start: startFlow, fill, answer, clarify, outOfScope, select, affirm, deny, cancel, restart, smallTalk, person } = shopper(AT);

// A fake order system: the one demo order, matched on number and email.
const { deps } = recordingDeps({
  verifyOrder: async (input) =>
    normalizeOrderNumber(input.orderNumber) === normalizeOrderNumber(shipped.orderNumber) && input.email === shipped.email
      ? { outcome: 'verified', order: shipped }
      : { outcome: 'notMatched' },
});

const machine = createConversationMachine(deps);

function start(snapshot?: unknown) {
  const actor = createActor(machine, { input: { brand: 'kendra-scott-mall' }, snapshot: snapshot as never });
  let replies: ConversationReply[] = [];
  actor.on('reply', (event) => replies.push(event.reply));
  actor.start();
  /** Sends one event, waits for any lookup, and returns that turn's replies. */
  const turn = async (event: ConversationEvent): Promise<ConversationReply[]> => {
    replies = [];
    actor.send(event);
    await settled(actor, 5_000);
    return replies;
  };
  return { actor, turn };
}

describe('conversation machine: answering', () => {
  it('greets when the conversation starts', async () => {
    const { turn } = start();
    expect(await turn({ type: 'conversation.started', at: AT })).toEqual([{ kind: 'welcome' }]);
  });

  it('answers a confidently understood question', async () => {
    const { actor, turn } = start();
    expect(await turn(answer('refund.timeline', 0.92, { text: 'how long do refunds take' }))).toEqual([
      { kind: 'answer', topic: 'refund.timeline', confidence: 0.92 },
    ]);
    expect(actor.getSnapshot().value).toBe('idle');
  });

  it('offers the likeliest topics when unsure, and a pick by number answers it', async () => {
    const { actor, turn } = start();
    const [offer] = await turn(clarify([['refund.status', 0.4], ['payment.issue', 0.3], ['out_of_scope', 0.2], ['refund.timeline', 0.1]], { text: 'money thing' }));
    expect(offer).toMatchObject({ kind: 'didYouMean', options: [{ topic: 'refund.status' }, { topic: 'payment.issue' }, { topic: 'refund.timeline' }] });
    expect(actor.getSnapshot().value).toBe('choosing');
    // Answered as if "money thing" had been understood so: this knowledge base is silent on it, so a person is offered.
    // "2"
    expect(await turn(select(1, { text: '2' }))).toEqual([{ kind: 'answer', topic: 'payment.issue', confidence: 1 }, { kind: 'offer' }]);
    expect(actor.getSnapshot().value).toBe('idle');
  });

  it('asks which one when "yes" answers a "Did you mean…" of several, and takes a pick by its place', async () => {
    const { actor, turn } = start();
    await turn(clarify([['refund.status', 0.4], ['refund.timeline', 0.3]], { text: 'money thing' }));
    expect(await turn(affirm({ text: 'yes please' }))).toEqual([{ kind: 'whichOne', options: ['refund.status', 'refund.timeline'] }]);
    expect(actor.getSnapshot().value).toBe('choosing');
    expect(await turn(select(1, { text: 'the second one' }))).toEqual([{ kind: 'answer', topic: 'refund.timeline', confidence: 1 }]);
  });

  it('takes "yes" to a "Did you mean…" of one choice as that choice, and "no" as letting the guesses go', async () => {
    const { actor, turn } = start();
    await turn(clarify([['refund.timeline', 0.4], ['out_of_scope', 0.3]], { text: 'money thing' }));
    expect(await turn(affirm({ text: 'yep' }))).toEqual([{ kind: 'answer', topic: 'refund.timeline', confidence: 1 }]);
    await turn(clarify([['refund.status', 0.4], ['refund.timeline', 0.3]], { text: 'money thing' }));
    expect(await turn(deny({ text: 'no' }))).toEqual([{ kind: 'declined' }]);
    expect(actor.getSnapshot().value).toBe('idle');
  });

  it('offers the team where only the team can act: a payment gone wrong, a refund not yet seen', async () => {
    const { turn } = start();
    expect(await turn(answer('payment.issue', 0.95, { text: 'the card got billed two times' }))).toEqual([
      { kind: 'answer', topic: 'payment.issue', confidence: 0.95 },
      { kind: 'offer' },
    ]);
    expect(await turn(deny({ text: 'no' }))).toEqual([{ kind: 'declined' }]);
    expect(await turn(answer('refund.status', 0.95, { text: 'still no money back after a month' }))).toEqual([
      { kind: 'answer', topic: 'refund.status', confidence: 0.95 },
      { kind: 'offer' },
    ]);
  });

  it('treats a new, clear question while choosing as that question', async () => {
    const { actor, turn } = start();
    await turn(clarify([['shipping.cost', 0.3], ['shipping.timeline', 0.25]], { text: 'hmm' }));
    expect(await turn(answer('shipping.international', 0.95, { text: 'can a ring be sent to norway' }))).toEqual([
      { kind: 'answer', topic: 'shipping.international', confidence: 0.95 },
    ]);
    expect(actor.getSnapshot().value).toBe('idle');
  });

  it('offers a person after repeated misunderstandings', async () => {
    const { turn } = start();
    await turn(clarify([['shipping.cost', 0.3], ['shipping.timeline', 0.25], ['refund.status', 0.2]], { text: 'blah' }));
    const [reply] = await turn(clarify([['shipping.cost', 0.3], ['shipping.timeline', 0.25], ['refund.status', 0.2]], { text: 'blah blah' }));
    expect(reply?.kind === 'didYouMean' && reply.options.map((o) => o.topic)).toContain('handoff.human');
  });

  it('answers out-of-scope questions at once instead of guessing', async () => {
    const { turn } = start();
    expect(await turn(outOfScope(0.3, { text: "what's the weather" }))).toEqual([
      { kind: 'answer', topic: 'out_of_scope', confidence: 0.3 },
    ]);
  });

  it('survives a persist and restore in the middle of a choice', async () => {
    const first = start();
    await first.turn(clarify([['shipping.cost', 0.3], ['shipping.timeline', 0.25]], { text: 'hmm' }));
    const persisted = JSON.parse(JSON.stringify(first.actor.getPersistedSnapshot()));
    first.actor.stop();
    const second = start(persisted);
    // "Shipping cost": the first choice shown.
    expect(await second.turn(select(0, { text: 'Shipping cost' }))).toEqual([{ kind: 'answer', topic: 'shipping.cost', confidence: 1 }]);
  });
});

describe('conversation machine: the tracking flow inside it', () => {
  const trackIt = (slots: SlotValues = {}) => startFlow('tracking', slots, { text: 'track my order' });

  it('starts tracking and asks for the order number, then the email, then reports', async () => {
    const { actor, turn } = start();
    expect(await turn(trackIt())).toEqual([{ kind: 'verify.ask', purpose: 'tracking', slot: 'orderNumber' }]);
    expect(await turn(fill({ orderNumber: 'KS-100234' }))).toEqual([{ kind: 'verify.ask', purpose: 'tracking', slot: 'email' }]);
    const [report] = await turn(fill({ email: shipped.email }));
    expect(report).toMatchObject({ kind: 'tracking.status', status: { status: 'shipped' } });
    expect(actor.getSnapshot().value).toBe('idle');
    expect(actor.getSnapshot().context.verifiedOrder?.orderNumber).toBe('KS-100234');
  });

  it('answers a policy question mid-flow, then asks again for what it was waiting for', async () => {
    const { actor, turn } = start();
    await turn(trackIt({ orderNumber: 'KS-100234' }));
    expect(await turn(answer('shipping.cost', 0.9, { text: 'wait, is shipping free?' }))).toEqual([
      { kind: 'answer', topic: 'shipping.cost', confidence: 0.9 },
      { kind: 'verify.ask', purpose: 'tracking', slot: 'email' },
    ]);
    expect(actor.getSnapshot().value).toBe('tracking');
    const [report] = await turn(fill({ email: shipped.email }));
    expect(report).toMatchObject({ kind: 'tracking.status' });
  });

  it('explains what it needs on "help" and keeps the flow', async () => {
    const { actor, turn } = start();
    await turn(trackIt());
    expect(await turn(smallTalk('help'))).toEqual([
      { kind: 'flowHelp', flow: 'tracking' },
      { kind: 'verify.ask', purpose: 'tracking', slot: 'orderNumber' },
    ]);
    expect(actor.getSnapshot().value).toBe('tracking');
  });

  it('leaves the flow on cancel, and for the handoff on a request for a person', async () => {
    const { actor, turn } = start();
    await turn(trackIt());
    expect(await turn(cancel())).toEqual([{ kind: 'cancelled', flow: 'tracking' }]);
    expect(actor.getSnapshot().value).toBe('idle');
    await turn(trackIt());
    const [ask] = await turn(person({}, { text: 'talk to a person' }));
    expect(ask).toMatchObject({ kind: 'handoff.ask', slot: 'name' });
    expect(actor.getSnapshot().value).toBe('handoff');
  });

  it('keeps the flow, and what it has, across a persist and restore', async () => {
    const first = start();
    await first.turn(trackIt({ orderNumber: 'KS-100234' }));
    const persisted = JSON.parse(JSON.stringify(first.actor.getPersistedSnapshot()));
    first.actor.stop();
    const second = start(persisted);
    const [report] = await second.turn(fill({ email: shipped.email }));
    expect(report).toMatchObject({ kind: 'tracking.status', orderNumber: 'KS-100234' });
  });

  it('carries failed attempts across "start over", so the limit cannot be reset', async () => {
    const { actor, turn } = start();
    for (let attempt = 1; attempt <= 2; attempt += 1) {
      await turn(trackIt({ orderNumber: 'KS-999999', email: 'nobody@example.com' }));
      await turn(restart());
    }
    expect(actor.getSnapshot().context.failedVerifications).toBe(2);
    expect(await turn(trackIt({ orderNumber: 'KS-999998', email: 'nobody@example.com' }))).toEqual([{ kind: 'verify.ended', purpose: 'tracking', ending: { kind: 'gaveUp' } }, { kind: 'offer' }]);
  });
});

describe('conversation machine: a pick among the guesses', () => {
  it.each([
    [0, 'refund.status'],
    [1, 'payment.issue'],
  ] as const)('choice %i picks the guess shown at that place: %s', async (choice, topic) => {
    const { turn } = start();
    await turn(clarify([['refund.status', 0.4], ['payment.issue', 0.3]], { text: 'money thing' }));
    const [reply] = await turn(select(choice));
    expect(reply).toEqual({ kind: 'answer', topic, confidence: 1 });
  });
});
