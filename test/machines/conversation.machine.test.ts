import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { createDemoOrders } from '../../bot/orders/demo-orders.js';
import { normalizeOrderNumber } from '../../knowledge/orders/order-matching.js';
import type { Topic } from '../../knowledge/topics.js';
import type { Understanding } from '../../knowledge/understanding/understanding.types.js';
import { createConversationMachine, pickOffered, type ConversationEvent, type ConversationReply } from '../../machines/conversation.machine.js';
import { settled } from '../../machines/settled.js';
import { recordingDeps } from './flow-harness.js';

const AT = '2026-11-20T15:00:00.000Z';
const orders = createDemoOrders(new Date(AT));
const shipped = orders.find((order) => order.brand === 'kendra-scott-mall' && order.orderNumber === 'KS-100234')!;

function understood(ranked: Array<[Topic, number]>, entities: Understanding['entities'] = {}): Understanding {
  const [top] = ranked;
  return {
    topic: top?.[0] ?? 'out_of_scope',
    confidence: top?.[1] ?? 0,
    ranked: ranked.map(([topic, confidence]) => ({ topic, confidence })),
    entities,
  };
}

function said(text: string, ranked: Array<[Topic, number]>, entities: Understanding['entities'] = {}): ConversationEvent {
  return { type: 'user.said', text, understanding: understood(ranked, entities), at: AT };
}

// A fake order system: the one demo order, matched on number and email.
const { deps } = recordingDeps({
  verifyOrder: async (input) =>
    normalizeOrderNumber(input.orderNumber) === normalizeOrderNumber(shipped.orderNumber) && input.email === shipped.email
      ? { outcome: 'verified', order: shipped }
      : { outcome: 'notMatched' },
});

const machine = createConversationMachine(deps);

function start(snapshot?: unknown) {
  const actor = createActor(machine, { input: { brand: 'kendra-scott-mall', confidenceThreshold: 0.6 }, snapshot: snapshot as never });
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
    expect(await turn(said('how long do refunds take', [['refund.timeline', 0.92], ['refund.status', 0.05]]))).toEqual([
      { kind: 'answer', topic: 'refund.timeline', confidence: 0.92 },
    ]);
    expect(actor.getSnapshot().value).toBe('idle');
  });

  it('offers the likeliest topics below the threshold, and a pick by number answers it', async () => {
    const { actor, turn } = start();
    const [offer] = await turn(said('money thing', [['refund.status', 0.4], ['payment.issue', 0.3], ['out_of_scope', 0.2], ['refund.timeline', 0.1]]));
    expect(offer).toMatchObject({ kind: 'didYouMean', options: [{ topic: 'refund.status' }, { topic: 'payment.issue' }, { topic: 'refund.timeline' }] });
    expect(actor.getSnapshot().value).toBe('choosing');
    // Answered as if "money thing" had been understood so: this knowledge base is silent on it, so a person is offered.
    expect(await turn(said('2', [['out_of_scope', 0.3]]))).toEqual([{ kind: 'answer', topic: 'payment.issue', confidence: 1 }, { kind: 'offer' }]);
    expect(actor.getSnapshot().value).toBe('idle');
  });

  it('asks which one when "yes" answers a "Did you mean…" of several, and takes a pick by its place', async () => {
    const { actor, turn } = start();
    await turn(said('money thing', [['refund.status', 0.4], ['refund.timeline', 0.3]]));
    expect(await turn(said('yes please', [['out_of_scope', 0.9]]))).toEqual([{ kind: 'whichOne', options: ['refund.status', 'refund.timeline'] }]);
    expect(actor.getSnapshot().value).toBe('choosing');
    expect(await turn(said('the second one', [['order.change', 0.5]]))).toEqual([{ kind: 'answer', topic: 'refund.timeline', confidence: 1 }]);
  });

  it('takes "yes" to a "Did you mean…" of one choice as that choice, and "no" as letting the guesses go', async () => {
    const { actor, turn } = start();
    await turn(said('money thing', [['refund.status', 0.4], ['out_of_scope', 0.3]]));
    expect(await turn(said('yep', [['out_of_scope', 0.9]]))).toEqual([{ kind: 'answer', topic: 'refund.status', confidence: 1 }]);
    await turn(said('money thing', [['refund.status', 0.4], ['refund.timeline', 0.3]]));
    expect(await turn(said('no', [['out_of_scope', 0.9]]))).toEqual([{ kind: 'declined' }]);
    expect(actor.getSnapshot().value).toBe('idle');
  });

  it('treats a new, clear question while choosing as that question', async () => {
    const { actor, turn } = start();
    await turn(said('hmm', [['shipping.cost', 0.3], ['shipping.timeline', 0.25]]));
    expect(await turn(said('do you ship to canada', [['shipping.international', 0.95]]))).toEqual([
      { kind: 'answer', topic: 'shipping.international', confidence: 0.95 },
    ]);
    expect(actor.getSnapshot().value).toBe('idle');
  });

  it('offers a person after repeated misunderstandings', async () => {
    const { turn } = start();
    await turn(said('blah', [['shipping.cost', 0.3], ['shipping.timeline', 0.25], ['refund.status', 0.2]]));
    const [reply] = await turn(said('blah blah', [['shipping.cost', 0.3], ['shipping.timeline', 0.25], ['refund.status', 0.2]]));
    expect(reply?.kind === 'didYouMean' && reply.options.map((o) => o.topic)).toContain('handoff.human');
  });

  it('answers out-of-scope questions at once instead of guessing', async () => {
    const { turn } = start();
    expect(await turn(said("what's the weather", [['out_of_scope', 0.3], ['shipping.timeline', 0.2]]))).toEqual([
      { kind: 'answer', topic: 'out_of_scope', confidence: 0.3 },
    ]);
  });

  it('survives a persist and restore in the middle of a choice', async () => {
    const first = start();
    await first.turn(said('hmm', [['shipping.cost', 0.3], ['shipping.timeline', 0.25]]));
    const persisted = JSON.parse(JSON.stringify(first.actor.getPersistedSnapshot()));
    first.actor.stop();
    const second = start(persisted);
    expect(await second.turn(said('Shipping cost', [['out_of_scope', 0.1]]))).toEqual([{ kind: 'answer', topic: 'shipping.cost', confidence: 1 }]);
  });
});

describe('conversation machine: the tracking flow inside it', () => {
  const trackIt = (entities: Understanding['entities'] = {}) => said('track my order', [['order.tracking', 0.9]], entities);

  it('starts tracking and asks for the order number, then the email, then reports', async () => {
    const { actor, turn } = start();
    expect(await turn(trackIt())).toEqual([{ kind: 'verify.ask', purpose: 'tracking', slot: 'orderNumber' }]);
    expect(await turn(said('KS-100234', [['out_of_scope', 1]], { orderNumber: 'KS-100234' }))).toEqual([{ kind: 'verify.ask', purpose: 'tracking', slot: 'email' }]);
    const [report] = await turn(said(shipped.email, [['out_of_scope', 1]], { email: shipped.email }));
    expect(report).toMatchObject({ kind: 'tracking.status', status: { status: 'shipped' } });
    expect(actor.getSnapshot().value).toBe('idle');
    expect(actor.getSnapshot().context.verifiedOrder?.orderNumber).toBe('KS-100234');
  });

  it('answers a policy question mid-flow, then asks again for what it was waiting for', async () => {
    const { actor, turn } = start();
    await turn(trackIt({ orderNumber: 'KS-100234' }));
    expect(await turn(said('wait, is shipping free?', [['shipping.cost', 0.9]]))).toEqual([
      { kind: 'answer', topic: 'shipping.cost', confidence: 0.9 },
      { kind: 'verify.ask', purpose: 'tracking', slot: 'email' },
    ]);
    expect(actor.getSnapshot().value).toBe('tracking');
    const [report] = await turn(said(shipped.email, [['out_of_scope', 1]], { email: shipped.email }));
    expect(report).toMatchObject({ kind: 'tracking.status' });
  });

  it('explains what it needs on "help" and keeps the flow', async () => {
    const { actor, turn } = start();
    await turn(trackIt());
    expect(await turn({ type: 'user.command', command: 'help', at: AT })).toEqual([
      { kind: 'flowHelp', flow: 'tracking' },
      { kind: 'verify.ask', purpose: 'tracking', slot: 'orderNumber' },
    ]);
    expect(actor.getSnapshot().value).toBe('tracking');
  });

  it('leaves the flow on cancel, and for the handoff on a request for a person', async () => {
    const { actor, turn } = start();
    await turn(trackIt());
    expect(await turn({ type: 'user.command', command: 'cancel', at: AT })).toEqual([{ kind: 'cancelled', flow: 'tracking' }]);
    expect(actor.getSnapshot().value).toBe('idle');
    await turn(trackIt());
    const [ask] = await turn(said('talk to a person', [['handoff.human', 0.9]]));
    expect(ask).toMatchObject({ kind: 'handoff.ask', slot: 'name' });
    expect(actor.getSnapshot().value).toBe('handoff');
  });

  it('keeps the flow, and what it has, across a persist and restore', async () => {
    const first = start();
    await first.turn(trackIt({ orderNumber: 'KS-100234' }));
    const persisted = JSON.parse(JSON.stringify(first.actor.getPersistedSnapshot()));
    first.actor.stop();
    const second = start(persisted);
    const [report] = await second.turn(said(shipped.email, [['out_of_scope', 1]], { email: shipped.email }));
    expect(report).toMatchObject({ kind: 'tracking.status', orderNumber: 'KS-100234' });
  });

  it('carries failed attempts across "start over", so the limit cannot be reset', async () => {
    const { actor, turn } = start();
    for (let attempt = 1; attempt <= 2; attempt += 1) {
      await turn(trackIt({ orderNumber: 'KS-999999', email: 'nobody@example.com' }));
      await turn({ type: 'user.command', command: 'restart', at: AT });
    }
    expect(actor.getSnapshot().context.failedVerifications).toBe(2);
    expect(await turn(trackIt({ orderNumber: 'KS-999998', email: 'nobody@example.com' }))).toEqual([{ kind: 'verify.ended', purpose: 'tracking', ending: { kind: 'gaveUp' } }, { kind: 'offer' }]);
  });
});

describe('pickOffered', () => {
  const offered: Topic[] = ['refund.status', 'payment.issue'];
  it.each([
    ['1', 'refund.status'],
    ['2.', 'payment.issue'],
    ['Refund status', 'refund.status'],
    ['my payment failed', 'payment.issue'],
    ['3', undefined],
    ['something else entirely', undefined],
  ])('%s → %s', (text, expected) => {
    expect(pickOffered(offered, text)).toBe(expected);
  });
});
