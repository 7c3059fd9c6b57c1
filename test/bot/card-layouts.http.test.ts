// Card numbers whose groups are joined by invisible characters (zero-width space, word joiner,
// soft hyphen) or by punctuation (comma, colon, bullet, "+", ")(") never reach an agent whole,
// through the real service: the handoff's .eml (text and HTML parts, as a mail client reads
// them), the stored ticket and every log line are checked. No SMTP server is set, so the email is
// the .eml file the outbox writes (bot/handoff/handoff-outbox.ts).
import { readFile } from 'node:fs/promises';
import type { Activity } from 'botbuilder';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../bot/logger.js';
import { conversationKeyOf } from '../../bot/state/conversation-store.js';
import { newConversationId, say, startClasp, type RunningClasp } from '../support/clasp-server.js';
import { waitUntil } from './handoff/handoff-fixtures.js';

const BRAND = 'generic-store';
// Tuesday 2026-11-24, 2 pm in New York: the team is in.
const NOW = new Date('2026-11-24T19:00:00Z');

/** Every layout the red team found getting through, each with a card number of its own. */
const LAYOUTS: ReadonlyArray<[string, string, string]> = [
  ['zero-width space', '4111111111111111', '4111\u200b1111\u200b1111\u200b1111'],
  ['zero-width joiner', '5555555555554444', '5555\u200d5555\u200d5555\u200d4444'],
  ['word joiner', '4012888888881881', '4012\u20608888\u20608888\u20601881'],
  ['soft hyphen', '5105105105105100', '5105\u00ad1051\u00ad0510\u00ad5100'],
  ['comma', '6011111111111117', '6011,1111,1111,1117'],
  ['colon', '3530111333300000', '3530:1113:3330:0000'],
  ['plus', '4000056655665556', '4000+0566+5566+5556'],
  ['asterisk', '5200828282828210', '5200*8282*8282*8210'],
  ['pipe', '2223003122003222', '2223|0031|2200|3222'],
  ['bullet', '6011000990139424', '6011•0009•9013•9424'],
  ['middle dot', '378282246310005', '3782·822463·10005'],
  ['apostrophe', '371449635398431', "3714'496353'98431"],
  ['full-width hyphen', '30569309025904', '3056－930902－5904'],
  ['")("', '4222222222222', '4222)(2222)(22222'],
  ['wide spaces', '4917610000000000', '4917    6100    0000    0000'],
];

let app: RunningClasp;
const logLines: string[] = [];

beforeAll(async () => {
  const logger = createLogger({ logLevel: 'trace' }, { write: (line: string) => void logLines.push(line) });
  app = await startClasp({ ADMIN_TOKEN: 'agent-token-0123456789', HANDOFFS_PER_CLIENT: '100' }, { now: () => NOW, logger });
});
afterAll(async () => {
  await app?.close();
});

const awaiting = (reply: Activity | undefined) => reply?.channelData?.support?.awaiting as string | null | undefined;

/**
 * `text` with only its letters and digits, so a card survives in it as its digits in a row
 * whatever joined its groups (and a digit in one word is never run into one in the next).
 */
function lettersAndDigits(text: string): string {
  return text.replace(/[^\p{L}\p{Nd}]/gu, '');
}

/** The layouts whose card number is still in `text`. */
function leaked(text: string, layouts: ReadonlyArray<[string, string, string]>): string[] {
  const plain = lettersAndDigits(text);
  return layouts.filter(([, digits]) => plain.includes(digits)).map(([name]) => name);
}

/** For each place, the layouts whose card number is still in it (all empty when none leaked). */
function leaks(places: Record<string, string>, layouts: ReadonlyArray<[string, string, string]>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(places).map(([place, text]) => [place, leaked(text, layouts)]));
}

const nothingIn = (places: Record<string, string>) => Object.fromEntries(Object.keys(places).map((place) => [place, []]));

interface Handed {
  /** The .eml's plain-text part. */
  text: string;
  /** Its HTML part. */
  html: string;
  /** The .eml as written. */
  raw: string;
  /** The stored ticket (description, shopperWrote, transcript, customer). */
  ticket: string;
  /** The ticket as the agents' API gives it. */
  admin: string;
  /** The conversation's stored transcript (the widget's history reads it). */
  transcript: string;
}

/**
 * Hands a request to the team through the real bot, `opening` said first and then each question
 * answered (`description` when asked for one); what the agent gets, and what is stored.
 */
async function handOff(description: string, opening: readonly string[] = ['talk to a person']): Promise<Handed> {
  const conversation = newConversationId();
  const key = conversationKeyOf(BRAND, { channelId: 'test', conversation: { id: conversation } })!;
  const answers: Record<string, string> = { name: 'Dana Example', email: 'dana@example.com', orderNumber: "I don't have one", description };
  let replies: Activity[] = [];
  for (const text of opening) replies = await say(app.url, BRAND, conversation, text);
  for (let turn = 0; turn < 6 && awaiting(replies.at(-1)) !== 'confirm'; turn += 1) {
    const answer = answers[awaiting(replies.at(-1)) ?? ''];
    expect(answer, `an answer to ${awaiting(replies.at(-1))}`).toBeDefined();
    replies = await say(app.url, BRAND, conversation, answer!);
  }
  expect(awaiting(replies.at(-1))).toBe('confirm');
  const [done] = await say(app.url, BRAND, conversation, 'yes');
  const reference = /reference is ([A-Z0-9-]+)/.exec(done?.text ?? '')?.[1];
  expect(reference).toBeDefined();
  const stored = await app.clasp.handoff.outbox.find(reference!);
  expect(stored).toBeDefined();
  const id = stored!.ticket.id;
  await waitUntil(async () => (await app.clasp.handoff.outbox.state(id)).status === 'sent', 10_000, 'the .eml');
  const state = await app.clasp.handoff.outbox.state(id);
  expect(state.via).toBe('eml');
  const raw = await readFile(state.response!);
  const eml = await simpleParser(raw);
  const admin = await fetch(`${app.url}/api/handoffs/${reference}`, { headers: { authorization: 'Bearer agent-token-0123456789' } });
  expect(admin.status).toBe(200);
  return {
    text: eml.text ?? '',
    html: String(eml.html),
    raw: raw.toString('utf8'),
    ticket: JSON.stringify(await app.clasp.handoff.outbox.get(id)),
    admin: await admin.text(),
    transcript: JSON.stringify(await app.clasp.conversations.transcript(key)),
  };
}

describe('card numbers with invisible or punctuation joiners, through the real service', () => {
  it('keeps 4111\\u200b1111\\u200b1111\\u200b1111 and 4111,1111,1111,1111 out of both parts of the .eml, the stored ticket and the logs', async () => {
    const layouts: ReadonlyArray<[string, string, string]> = [
      ['zero-width space', '4111111111111111', '4111\u200b1111\u200b1111\u200b1111'],
      ['comma', '4111111111111111', '4111,1111,1111,1111'],
    ];
    const handed = await handOff(`Charged twice on 4111\u200b1111\u200b1111\u200b1111 and again on 4111,1111,1111,1111 please refund`);
    const places = { ...handed, log: logLines.join('') };
    expect(leaks(places, layouts)).toEqual(nothingIn(places));
    expect(handed.text).toContain('Charged twice on [card number removed] and again on [card number removed] please refund');
    expect(handed.html).toContain('Charged twice on [card number removed] and again on [card number removed] please refund');
    expect(handed.ticket).toContain('Charged twice on [card number removed] and again on [card number removed] please refund');
  });

  it('keeps every layout the red team listed out of the email, the ticket, the admin API and the transcript', async () => {
    const description = `Refund please: ${LAYOUTS.map(([name, , layout]) => `${name} ${layout}`).join('; ')}. Order KS-100234.`;
    const handed = await handOff(description);
    expect(leaks({ ...handed }, LAYOUTS)).toEqual(nothingIn({ ...handed }));
    // The words around each card and the order number are left for the agent.
    for (const [name] of LAYOUTS) expect(handed.text).toContain(`${name} [card number removed]`);
    expect(handed.text).toContain('Order KS-100234.');
  });

  it('keeps a card typed where the name is asked out of everything (the bot adds it to the message)', async () => {
    const layouts: ReadonlyArray<[string, string, string]> = [['comma', '4111111111111111', '4111,1111,1111,1111']];
    const handed = await handOff('The clasp broke', ['talk to a person', 'Dana Example, card 4111,1111,1111,1111']);
    expect(leaks({ ...handed }, layouts)).toEqual(nothingIn({ ...handed }));
    expect(handed.text).toContain('Dana Example, card [card number removed]');
  });

  it('keeps them out of the log lines too (the request log quotes the conversation id a client sent)', async () => {
    const ids = LAYOUTS.map(([, , layout]) => `${newConversationId()}-card-${layout}`);
    for (const id of ids) await say(app.url, BRAND, id, 'hi');
    // The request line is written once the response has gone: wait for the last one (found by
    // its "test-<uuid>" start, which no redaction touches).
    const last = ids.at(-1)!.slice(0, 41);
    await waitUntil(() => logLines.some((line) => line.includes('"msg":"request"') && line.includes(last)), 5_000, 'the request log lines');
    const log = logLines.join('');
    expect(leaked(log, LAYOUTS)).toEqual([]);
    expect(log.split('[card number removed]').length - 1).toBeGreaterThanOrEqual(LAYOUTS.length);
  });
});
