import { MemoryStorage } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOPIC_CHOICES } from '../../knowledge/topics.js';
import { newConversationId, say, startClasp, type RunningClasp } from '../support/clasp-server.js';

// Two instances over one Storage stand in for two servers behind a balancer: whichever
// takes the next turn must find the conversation where the other left it.
const storage = new MemoryStorage();
let first: RunningClasp;
let second: RunningClasp;
beforeAll(async () => {
  [first, second] = await Promise.all([startClasp({}, { storage }), startClasp({}, { storage })]);
});
afterAll(async () => {
  await Promise.all([first.close(), second.close()]);
});

// Vague on purpose: it matches several topics, none confidently.
const VAGUE = 'the metal on my ring';

describe('conversation state', () => {
  it('stops at a "Did you mean" on one instance and finishes the choice on another', async () => {
    const conversation = newConversationId();
    const [offer] = await say(first.url, 'kendra-scott-mall', conversation, VAGUE);
    expect(offer?.text).toMatch(/Did you mean/);
    const choices = offer?.suggestedActions?.actions ?? [];
    expect(choices.length).toBeGreaterThanOrEqual(2);

    const [answer] = await say(second.url, 'kendra-scott-mall', conversation, '2');
    expect(answer?.channelData.support.topic).toBe(answerTopicFor(choices[1]!.value));
    expect(answer?.text).not.toMatch(/Did you mean/);
  });

  it('keeps the same conversation id on two brands as two conversations', async () => {
    const conversation = newConversationId();
    await say(first.url, 'kendra-scott-mall', conversation, 'track my order');
    // Shared, this would be an email given where the order number was asked for.
    const [other] = await say(second.url, 'generic-store', conversation, 'shopper@example.com');
    expect(other?.channelData.support.awaiting).not.toBe('orderNumber');
  });
});

/** The topic a suggested action's value stands for: its entry in the catalog's choices. */
function answerTopicFor(value: unknown): string | undefined {
  return Object.entries(TOPIC_CHOICES).find(([, choice]) => choice.value === value)?.[0];
}
