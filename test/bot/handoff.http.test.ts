import type { Activity } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newConversationId, say, startClasp, type RunningClasp } from '../support/clasp-server.js';
import { startSmtp, waitUntil, type TestSmtp } from './handoff/handoff-fixtures.js';

// Tuesday 2026-11-24, 2 pm in New York: the team is in.
const NOW = new Date('2026-11-24T19:00:00Z');

let smtp: TestSmtp;
let app: RunningClasp;
beforeAll(async () => {
  smtp = await startSmtp();
  app = await startClasp(
    { SMTP_URL: smtp.url, ADMIN_TOKEN: 'agent-token-0123456789', SUPPORT_INBOX_GENERIC_STORE: 'help@generic-store.example', HANDOFFS_PER_CLIENT: '100' },
    { now: () => NOW },
  );
});
afterAll(async () => {
  await app.close();
  await smtp.stop();
});

const awaiting = (reply: Activity | undefined) => reply?.channelData.support.awaiting as string | null;

async function steps(brand: string, conversation: string, texts: string[]): Promise<Activity[]> {
  let replies: Activity[] = [];
  for (const text of texts) replies = await say(app.url, brand, conversation, text);
  return replies;
}

describe('handoff through the real bot, to a real SMTP server', () => {
  it('collects name, email and description, confirms, and mails the brand inbox with Reply-To the shopper', async () => {
    const conversation = newConversationId();
    const [askName] = await say(app.url, 'generic-store', conversation, 'I want to talk to a person');
    expect(awaiting(askName)).toBe('name');
    const [askEmail] = await say(app.url, 'generic-store', conversation, 'Dana Example');
    expect(awaiting(askEmail)).toBe('email');
    const afterEmail = await say(app.url, 'generic-store', conversation, 'dana@example.com');
    const next = afterEmail.at(-1);
    // The order number is optional: say there is none if asked.
    const [askDescription] = awaiting(next) === 'orderNumber' ? await say(app.url, 'generic-store', conversation, "I don't have one") : [next];
    expect(awaiting(askDescription)).toBe('description');
    const [confirm] = await say(app.url, 'generic-store', conversation, 'Can you gift wrap my order? My card is 4111 1111 1111 1111');
    expect(awaiting(confirm)).toBe('confirm');
    expect(confirm?.text).toContain('Dana Example');
    expect(confirm?.text).not.toContain('4111 1111 1111 1111');
    const [done] = await say(app.url, 'generic-store', conversation, 'yes');
    expect(done?.text).toMatch(/reference/i);
    expect(done?.text).toMatch(/24-48 hours/);

    await waitUntil(() => smtp.received.length > 0, 10_000, 'the handoff email');
    const [mail] = smtp.received;
    expect(mail!.envelope.to).toEqual(['help@generic-store.example']);
    expect(mail!.parsed.replyTo?.text).toContain('dana@example.com');
    expect(mail!.parsed.subject).toMatch(/^Support request: /);
    expect(mail!.parsed.text).toContain('gift wrap');
    expect(mail!.parsed.text).not.toContain('4111 1111 1111 1111');

    const list = await fetch(`${app.url}/api/handoffs?brand=generic-store`, { headers: { authorization: 'Bearer agent-token-0123456789' } });
    expect(list.status).toBe(200);
    expect(JSON.stringify(await list.json())).toContain('generic-store');
  });

  it('keeps card numbers written any way out of both parts of the email, the stored ticket and the admin API', async () => {
    const cards = [
      '4111.1111.1111.1111',
      '5555/5555/5555/4444',
      '6011_0009_9013_9424',
      '3782  822463  10005',
      '4222\u00a02222\u00a022222',
      '４１１１ １１１１ １１１１ １１１１',
      '5105 1051\n0510 5100',
    ];
    const conversation = newConversationId();
    const before = smtp.received.length;
    const replies = await steps('generic-store', conversation, ['talk to a person', 'Dana Example', 'dana@example.com']);
    if (awaiting(replies.at(-1)) === 'orderNumber') await say(app.url, 'generic-store', conversation, "I don't have one");
    const [confirm] = await say(app.url, 'generic-store', conversation, `Charged twice on these cards: ${cards.join(' and ')}`);
    expect(awaiting(confirm)).toBe('confirm');
    const [done] = await say(app.url, 'generic-store', conversation, 'yes');
    const reference = /reference is ([A-Z0-9-]+)/.exec(done?.text ?? '')?.[1];
    expect(reference).toBeDefined();
    await waitUntil(() => smtp.received.length > before, 10_000, 'the handoff email');
    const mail = smtp.received.at(-1)!;
    const listed = await fetch(`${app.url}/api/handoffs/${reference}`, { headers: { authorization: 'Bearer agent-token-0123456789' } });
    expect(listed.status).toBe(200);
    const stored = await app.clasp.handoff.outbox.find(reference!);
    const places = { 'the text part': mail.parsed.text ?? '', 'the HTML part': String(mail.parsed.html), 'the admin API': await listed.text(), 'the stored ticket': JSON.stringify(stored) };
    for (const [place, text] of Object.entries(places)) {
      expect(text, place).toContain('Charged twice');
      expect(text, place).not.toMatch(/4111|5555|6011|3782|4222|１１１１|5105/);
    }
  });

  it('hands a late kendra-scott-mall order to the team as URGENT without asking for what tracking verified', async () => {
    const conversation = newConversationId();
    const late = await steps('kendra-scott-mall', conversation, ['track KS-100235', 'jordan@example.com']);
    expect(late.at(-1)?.text).toMatch(/running late/);
    const before = smtp.received.length;
    const [first] = await say(app.url, 'kendra-scott-mall', conversation, 'talk to a person');
    // Name and email come from the verified order: the first question is the description or the summary.
    expect(['description', 'confirm']).toContain(awaiting(first));
    const [confirm] = awaiting(first) === 'description' ? await say(app.url, 'kendra-scott-mall', conversation, 'It still has not arrived') : [first];
    expect(awaiting(confirm)).toBe('confirm');
    await say(app.url, 'kendra-scott-mall', conversation, 'yes');
    await waitUntil(() => smtp.received.length > before, 10_000, 'the urgent email');
    const mail = smtp.received.at(-1)!;
    expect(mail.parsed.subject).toMatch(/^URGENT: /);
    expect(mail.parsed.subject).toContain('KS-100235');
    expect(mail.envelope.to).toEqual(['support@kendrascottmall.com']);
    expect(mail.parsed.text).toContain('1Z999AA10123456815');
  });

  it('files "talk to a person, it arrived broken" as an URGENT damaged delivery for james-avery-malls', async () => {
    const conversation = newConversationId();
    const before = smtp.received.length;
    await steps('james-avery-malls', conversation, ['I need to talk to someone, my bracelet arrived broken', 'Alex Example', 'alex@example.com']);
    const [confirm] = await say(app.url, 'james-avery-malls', conversation, "I don't have one");
    expect(awaiting(confirm)).toBe('confirm');
    await say(app.url, 'james-avery-malls', conversation, 'yes');
    await waitUntil(() => smtp.received.length > before, 10_000, 'the urgent email');
    expect(smtp.received.at(-1)!.parsed.subject).toMatch(/^URGENT: Damaged delivery/);
  });

  it('lets the shopper cancel a handoff, and nothing is sent', async () => {
    const conversation = newConversationId();
    const before = smtp.received.length;
    await steps('james-avery-malls', conversation, ['can I speak to a human', 'Sam Example']);
    const [cancelled] = await say(app.url, 'james-avery-malls', conversation, 'cancel');
    expect(cancelled?.text).toMatch(/nothing was sent/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.received.length).toBe(before);
  });
});
