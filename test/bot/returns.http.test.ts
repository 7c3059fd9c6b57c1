import type { Activity } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newConversationId, say, startClasp, type RunningClasp } from '../support/clasp-server.js';

const NOW = new Date('2026-11-20T19:00:00Z');

let app: RunningClasp;
beforeAll(async () => {
  app = await startClasp({}, { now: () => NOW });
});
afterAll(async () => {
  await app.close();
});

type Step = string;
interface Case {
  name: string;
  brand: string;
  steps: Step[];
  eligible: true | false | 'review';
  reasons: string[];
  says: RegExp;
}

// Each conversation: start, order number, email, then item / condition / reason as asked.
const CASES: Case[] = [
  {
    name: 'eligible: unused ring within 60 days',
    brand: 'generic-store',
    steps: ['I want to return something', 'GS-331043', 'casey@example.com', 'Stackable Ring Set', 'Unused, tags on', 'Changed my mind'],
    eligible: true,
    reasons: [],
    says: /confirm/i,
  },
  {
    name: 'expired window: delivered 90 days ago',
    brand: 'generic-store',
    steps: ['start a return', 'GS-331044', 'morgan@example.com', 'Unused, tags on', 'Changed my mind'],
    eligible: false,
    reasons: ['window_expired'],
    says: /60-day/,
  },
  {
    name: 'worn item',
    brand: 'generic-store',
    steps: ['start a return', 'GS-331043', 'casey@example.com', 'Stackable Ring Set', 'Worn', 'Changed my mind'],
    eligible: false,
    reasons: ['condition'],
    says: /unused/i,
  },
  {
    name: 'final sale',
    brand: 'kendra-scott-mall',
    steps: ['start a return', 'KS-100236', 'casey@example.com', 'Drop Earrings (Final Sale)', 'Unused, tags on', 'Changed my mind'],
    eligible: false,
    reasons: ['final_sale'],
    says: /Final Sale/,
  },
  {
    name: 'custom piece, changed mind',
    brand: 'james-avery-malls',
    steps: ['start a return', 'JAM-204813', 'casey@example.com', 'Custom Engraved Initial Pendant', 'Unused, tags on', 'Changed my mind'],
    eligible: false,
    reasons: ['personalized'],
    says: /non-refundable unless defective/,
  },
  {
    name: 'custom piece, defective',
    brand: 'james-avery-malls',
    steps: ['start a return', 'JAM-204813', 'casey@example.com', 'Custom Engraved Initial Pendant', 'Damaged', 'Defective'],
    eligible: true,
    reasons: [],
    says: /return shipping/i,
  },
  {
    name: 'not yet delivered',
    brand: 'kendra-scott-mall',
    steps: ['start a return', 'KS-100233', 'riley@example.com'],
    eligible: false,
    reasons: ['not_delivered'],
    says: /hasn't shipped yet|hasn't been delivered|not delivered/i,
  },
  {
    name: 'cancelled',
    brand: 'james-avery-artisan',
    steps: ['start a return', 'JAA-530125', 'taylor@example.com'],
    eligible: false,
    reasons: ['cancelled'],
    says: /cancel/i,
  },
];

async function converse(brand: string, steps: Step[]): Promise<Activity[]> {
  const conversation = newConversationId();
  let replies: Activity[] = [];
  for (const step of steps) replies = await say(app.url, brand, conversation, step);
  return replies;
}

describe('returns over HTTP', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const replies = await converse(c.brand, c.steps);
    const verdict = replies.find((reply) => reply.channelData?.returnEligibility !== undefined);
    expect(verdict, `no verdict in: ${replies.map((r) => r.text).join(' | ')}`).toBeDefined();
    expect(verdict!.channelData.returnEligibility.eligible).toBe(c.eligible);
    expect(verdict!.channelData.returnEligibility.reasons).toEqual(c.reasons);
    // A verdict that leaves the return open offers a person, as a yes/no question.
    expect(verdict!.channelData.support).toMatchObject({ brand: c.brand, topic: 'returns.start', awaiting: c.eligible === false ? null : 'confirm' });
    expect(verdict!.text).toMatch(c.says);
  });

  it('asks for the item with the order items as choices, then condition and reason, each with its slot', async () => {
    const conversation = newConversationId();
    await say(app.url, 'kendra-scott-mall', conversation, 'I want to return an item');
    await say(app.url, 'kendra-scott-mall', conversation, 'KS-100236');
    const [item] = await say(app.url, 'kendra-scott-mall', conversation, 'casey@example.com');
    expect(item?.channelData.support.awaiting).toBe('item');
    expect(item?.suggestedActions?.actions.map((a) => a.title)).toEqual(
      expect.arrayContaining(['Elisa Pendant Necklace', 'Drop Earrings (Final Sale)', 'Personalized Initial Necklace']),
    );
    const [condition] = await say(app.url, 'kendra-scott-mall', conversation, 'the pendant necklace');
    expect(condition?.channelData.support.awaiting).toBe('condition');
    const [reason] = await say(app.url, 'kendra-scott-mall', conversation, 'never worn, tags still on');
    expect(reason?.channelData.support.awaiting).toBe('reason');
  });

  it('reuses the order verified while tracking, without asking again', async () => {
    const conversation = newConversationId();
    await say(app.url, 'generic-store', conversation, 'track GS-331043');
    await say(app.url, 'generic-store', conversation, 'casey@example.com');
    const [next] = await say(app.url, 'generic-store', conversation, 'I want to return something');
    expect(next?.channelData.support.awaiting).toBe('item');
  });
});
