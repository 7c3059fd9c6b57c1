import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import type { Topic } from '../../knowledge/topics.js';
import type { Understanding } from '../../knowledge/understanding/understanding.types.js';
import { conversationMachine, pickOffered, type ConversationEvent } from '../../machines/conversation.machine.js';

function understood(ranked: Array<[Topic, number]>): Understanding {
  const [top] = ranked;
  return {
    topic: top?.[0] ?? 'out_of_scope',
    confidence: top?.[1] ?? 0,
    ranked: ranked.map(([topic, confidence]) => ({ topic, confidence })),
    entities: {},
  };
}

function said(text: string, ranked: Array<[Topic, number]>): ConversationEvent {
  return { type: 'user.said', text, understanding: understood(ranked) };
}

function start() {
  const actor = createActor(conversationMachine, { input: { brand: 'kendra-scott-mall', confidenceThreshold: 0.6 } });
  actor.start();
  return actor;
}

describe('conversation machine', () => {
  it('greets when the conversation starts', () => {
    const actor = start();
    actor.send({ type: 'conversation.started' });
    expect(actor.getSnapshot().context.replies).toEqual([{ kind: 'welcome' }]);
  });

  it('answers a confidently understood question', () => {
    const actor = start();
    actor.send(said('how long do refunds take', [['refund.timeline', 0.92], ['refund.status', 0.05]]));
    expect(actor.getSnapshot().value).toBe('idle');
    expect(actor.getSnapshot().context.replies).toEqual([{ kind: 'answer', topic: 'refund.timeline', confidence: 0.92 }]);
  });

  it('offers the likeliest topics below the threshold, and a pick by number answers it', () => {
    const actor = start();
    actor.send(said('money thing', [['refund.status', 0.4], ['payment.issue', 0.3], ['out_of_scope', 0.2], ['refund.timeline', 0.1]]));
    expect(actor.getSnapshot().value).toBe('choosing');
    expect(actor.getSnapshot().context.replies[0]).toMatchObject({
      kind: 'didYouMean',
      options: [{ topic: 'refund.status' }, { topic: 'payment.issue' }, { topic: 'refund.timeline' }],
    });
    actor.send(said('2', [['out_of_scope', 0.3]]));
    expect(actor.getSnapshot().value).toBe('idle');
    expect(actor.getSnapshot().context.replies).toEqual([{ kind: 'answer', topic: 'payment.issue', confidence: 1 }]);
  });

  it('treats a new, clear question while choosing as that question', () => {
    const actor = start();
    actor.send(said('hmm', [['shipping.cost', 0.3], ['shipping.timeline', 0.25]]));
    actor.send(said('do you ship to canada', [['shipping.international', 0.95]]));
    expect(actor.getSnapshot().value).toBe('idle');
    expect(actor.getSnapshot().context.replies).toEqual([{ kind: 'answer', topic: 'shipping.international', confidence: 0.95 }]);
  });

  it('offers a person after repeated misunderstandings', () => {
    const actor = start();
    actor.send(said('blah', [['shipping.cost', 0.3], ['shipping.timeline', 0.25], ['refund.status', 0.2]]));
    actor.send(said('blah blah', [['shipping.cost', 0.3], ['shipping.timeline', 0.25], ['refund.status', 0.2]]));
    const [reply] = actor.getSnapshot().context.replies;
    expect(reply).toMatchObject({ kind: 'didYouMean' });
    expect(reply?.kind === 'didYouMean' && reply.options.map((o) => o.topic)).toContain('handoff.human');
  });

  it('answers out-of-scope questions at once instead of guessing', () => {
    const actor = start();
    actor.send(said("what's the weather", [['out_of_scope', 0.3], ['shipping.timeline', 0.2]]));
    expect(actor.getSnapshot().context.replies).toEqual([{ kind: 'answer', topic: 'out_of_scope', confidence: 0.3 }]);
  });

  it('acknowledges cancel and start over and returns to idle', () => {
    const actor = start();
    actor.send(said('hmm', [['shipping.cost', 0.3]]));
    actor.send({ type: 'user.command', command: 'cancel' });
    expect(actor.getSnapshot().value).toBe('idle');
    expect(actor.getSnapshot().context.replies).toEqual([{ kind: 'cancelled' }]);
    actor.send({ type: 'user.command', command: 'restart' });
    expect(actor.getSnapshot().context.replies).toEqual([{ kind: 'restarted' }]);
  });

  it('survives a persist and restore in the middle of a choice', () => {
    const actor = start();
    actor.send(said('hmm', [['shipping.cost', 0.3], ['shipping.timeline', 0.25]]));
    const persisted = JSON.parse(JSON.stringify(actor.getPersistedSnapshot()));
    actor.stop();
    const restored = createActor(conversationMachine, { snapshot: persisted, input: { brand: 'kendra-scott-mall', confidenceThreshold: 0.6 } });
    restored.start();
    restored.send(said('Shipping cost', [['out_of_scope', 0.1]]));
    expect(restored.getSnapshot().context.replies).toEqual([{ kind: 'answer', topic: 'shipping.cost', confidence: 1 }]);
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
