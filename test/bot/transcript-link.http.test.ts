// The handoff's new settings through the whole service, from the environment to the shopper's
// chat, a real SMTP server on loopback and the agent's browser: MAIL_FROM_<BRAND> sets the
// brand's From and the Message-ID's domain; with TRANSCRIPT_LINK_SECRET and PUBLIC_URL the email
// links to the transcript, which the service shows; a bad link gets the answer any unknown path gets.
import type { Activity } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newConversationId, say, startClasp, type RunningClasp } from '../support/clasp-server.js';
import { startSmtp, waitUntil, type Received, type TestSmtp } from './handoff/handoff-fixtures.js';

// Tuesday 2026-11-24, 2 pm in New York.
const NOW = new Date('2026-11-24T19:00:00Z');
const LINK = /https:\/\/clasp\.example\/transcripts\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/;

let smtp: TestSmtp;
let app: RunningClasp;
let mail: Received;
let reference: string;

const awaiting = (reply: Activity | undefined) => reply?.channelData.support.awaiting as string | null;

beforeAll(async () => {
  smtp = await startSmtp();
  app = await startClasp(
    {
      SMTP_URL: smtp.url,
      SUPPORT_INBOX_GENERIC_STORE: 'help@generic-store.com',
      MAIL_FROM_GENERIC_STORE: 'Generic Store Support <support@generic-store.com>',
      TRANSCRIPT_LINK_SECRET: 'a-transcript-link-secret-for-the-http-test',
      PUBLIC_URL: 'https://clasp.example/',
      HANDOFFS_PER_CLIENT: '100',
    },
    { now: () => NOW },
  );
  const conversation = newConversationId();
  await say(app.url, 'generic-store', conversation, 'I want to talk to a person');
  await say(app.url, 'generic-store', conversation, 'Dana Example');
  const afterEmail = await say(app.url, 'generic-store', conversation, 'dana@example.com');
  if (awaiting(afterEmail.at(-1)) === 'orderNumber') await say(app.url, 'generic-store', conversation, "I don't have one");
  const [confirm] = await say(app.url, 'generic-store', conversation, 'Can you gift wrap my order? <i>please</i>');
  expect(awaiting(confirm)).toBe('confirm');
  const [done] = await say(app.url, 'generic-store', conversation, 'yes');
  reference = /reference is ([A-Z0-9-]+)/.exec(done?.text ?? '')?.[1] ?? '';
  await waitUntil(() => smtp.received.length > 0, 10_000, 'the handoff email');
  mail = smtp.received[0] as Received;
});

afterAll(async () => {
  await app.close();
  await smtp.stop();
});

describe('a handoff with MAIL_FROM_GENERIC_STORE and the transcript link set', () => {
  it("comes from the brand's own address, with a Message-ID on its domain", async () => {
    expect(mail.parsed.from?.value).toEqual([{ name: 'Generic Store Support', address: 'support@generic-store.com' }]);
    const stored = await app.clasp.handoff.outbox.find(reference);
    expect(stored?.ticket.messageId).toMatch(/^<[0-9]{8}-[0-9A-Z]{10}@generic-store\.com>$/);
    expect(mail.parsed.messageId).toBe(stored?.ticket.messageId);
  });

  it('links to a page of the transcript the service shows, private and escaped', async () => {
    const link = LINK.exec(mail.parsed.text ?? '')?.[0];
    expect(link).toBeDefined();
    const response = await fetch(`${app.url}${new URL(link ?? '').pathname}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-robots-tag')).toMatch(/noindex/);
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    const page = await response.text();
    expect(page).toContain(`Transcript of ${reference} (Generic Store)`);
    expect(page).toContain('Can you gift wrap my order? &lt;i&gt;please&lt;/i&gt;');
    expect(page).not.toContain('<i>');
  });

  it('answers a bad link exactly as it answers a path that does not exist', async () => {
    const link = LINK.exec(mail.parsed.text ?? '')?.[0] ?? '';
    const tampered = `${app.url}${new URL(link).pathname.replace(/.$/, (last) => (last === 'A' ? 'B' : 'A'))}`;
    const bad = await fetch(tampered);
    const unknown = await fetch(`${app.url}/no-such-page`);
    expect(bad.status).toBe(404);
    expect(await bad.text()).toBe(await unknown.text());
  });
});
