// What the bot tells a shopper about urgency and the flag the agents' ticket carries come from
// one rule (knowledge/handoff/urgency.ts): for every brand, a reported problem is offered to the
// team as urgent exactly when the ticket that follows goes out urgent.
import type { Activity } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newConversationId, say, startClasp, type RunningClasp } from '../support/clasp-server.js';

// Wednesday Dec 2 2026, noon in New York.
const NOW = new Date('2026-12-02T17:00:00Z');

let app: RunningClasp;
beforeAll(async () => {
  // Every case ends in a handoff from the same test client.
  app = await startClasp({ HANDOFFS_PER_CLIENT: '100' }, { now: () => NOW });
});
afterAll(async () => {
  await app.close();
});

const WORD: Record<string, string | null> = {
  'james-avery-malls': 'URGENT',
  'james-avery-artisan': 'Urgent',
  'kendra-scott-mall': 'URGENT',
  // generic-store's document names no urgent cases: the operator setting (none) decides, unspoken.
  'generic-store': null,
};

const CASES: Array<[brand: string, report: string, urgent: boolean]> = [
  ['james-avery-malls', 'one of the heart charms came crushed', true],
  ['james-avery-malls', 'I received the wrong item in my order', true],
  ['james-avery-malls', 'the clasp on my bracelet broke', false],
  ['james-avery-malls', "the clasp on my bracelet broke, it's urgent", true],
  ['james-avery-malls', 'my ring arrived damaged but it is not urgent', true],
  ['james-avery-artisan', 'my ring arrived damaged', false],
  ['james-avery-artisan', "my ring arrived damaged and it's urgent", true],
  ['kendra-scott-mall', 'the clasp broke two months after delivery', false],
  ['kendra-scott-mall', 'my necklace broke a few days after it arrived', true],
  // Arrived broken is a defective item to §2's 7-day window; with no delivery date given it is flagged for the team to check.
  ['kendra-scott-mall', 'my necklace arrived damaged', true],
  ['kendra-scott-mall', 'my necklace arrived damaged, it came two months ago', false],
  ['generic-store', 'my ring arrived broken', false],
];

async function talk(brand: string, conversation: string, text: string): Promise<Activity[]> {
  return say(app.url, brand, conversation, text);
}

describe('a reported problem: the urgency the shopper is told is the ticket’s flag', () => {
  it.each(CASES)('%s: "%s" → urgent %s', async (brand, report, urgent) => {
    const conversation = newConversationId();
    const word = WORD[brand] ?? null;
    const answer = (await talk(brand, conversation, report))[0]?.text ?? '';
    const promisesFlag = /count as urgent|since you say it's urgent/i.test(answer) && !/if it's urgent/.test(answer);
    expect(promisesFlag, answer).toBe(urgent);

    const replies = [await talk(brand, conversation, 'talk to a person')];
    for (const next of ['Jane Doe', 'jane@example.com', "I don't have one"]) {
      const last = replies.at(-1)?.at(-1);
      if ((last?.channelData as { support?: { awaiting?: string } } | undefined)?.support?.awaiting === 'confirm') break;
      replies.push(await talk(brand, conversation, next));
    }
    const summary = replies.at(-1)?.at(-1)?.text ?? '';
    expect(summary).toMatch(/Here's what I'll send/);
    expect(summary.includes('It will be marked'), summary).toBe(urgent && word !== null);
    const done = (await talk(brand, conversation, 'yes'))[0]?.text ?? '';
    const reference = /Your reference is ([A-Z]+-[0-9A-Z]{6})/.exec(done)?.[1];

    const ticket = (await app.clasp.handoff.outbox.list()).find((entry) => entry.ticket.reference === reference)?.ticket;
    expect(ticket?.urgency.urgent).toBe(urgent);
    expect(ticket?.subject.startsWith(`${word ?? 'URGENT'}:`)).toBe(urgent);
  });
});
