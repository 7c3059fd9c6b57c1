// The email agents receive, sent through a real SMTP server on loopback and read back with
// mailparser: subjects per brand, recipients, Reply-To, Message-ID, the facts at the top, the
// redacted transcript below, and HTML that cannot be broken by what a shopper typed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { BrandId } from '../../../knowledge/brand-ids.js';
import type { HandoffCase } from '../../../knowledge/handoff/handoff-case.types.js';
import type { HandoffTicket } from '../../../knowledge/handoff/handoff-ticket.types.js';
import type { ReturnVerdict } from '../../../knowledge/returns/return-verdict.types.js';
import { composeHandoffEmail } from '../../../bot/handoff/handoff-email.js';
import { openHandoffOutbox, type HandoffOutbox } from '../../../bot/handoff/handoff-outbox.js';
import { createHandoffSender, type HandoffSender } from '../../../bot/handoff/handoff-sender.js';
import { createSmtpTransport } from '../../../bot/handoff/handoff-transport.js';
import {
  deliveredOrder,
  profileOf,
  quietLogger,
  startSmtp,
  submissionFor,
  tempDir,
  ticketFor,
  waitUntil,
  type Received,
  type TestSmtp,
} from './handoff-fixtures.js';

let smtp: TestSmtp;
let dir: Awaited<ReturnType<typeof tempDir>>;
let outbox: HandoffOutbox;
let sender: HandoffSender;

beforeAll(async () => {
  smtp = await startSmtp();
  dir = await tempDir();
  outbox = await openHandoffOutbox(dir.path);
  sender = createHandoffSender({
    outbox,
    transport: createSmtpTransport(smtp.url, 2_000),
    compose: (ticket) => composeHandoffEmail(ticket, profileOf(ticket.brand), 'Clasp <clasp@clasp.example>'),
    retry: { baseDelayMs: 20, maxDelayMs: 100, maxRejections: 3 },
    logger: quietLogger,
  });
});

afterAll(async () => {
  await sender.stop();
  await smtp.stop();
  await dir.remove();
});

/** Stores the ticket, lets the sender deliver it, and returns what the server received. */
async function deliver(ticket: HandoffTicket): Promise<Received> {
  await outbox.store(ticket);
  sender.notify(ticket.id);
  await waitUntil(async () => (await outbox.state(ticket.id)).status === 'sent', 10_000, 'delivery');
  const received = smtp.received.filter((mail) => mail.parsed.messageId === ticket.messageId);
  expect(received).toHaveLength(1);
  return received[0] as Received;
}

const TRANSCRIPT = [
  { at: '2026-11-27T14:58:00Z', from: 'shopper' as const, text: 'my ring arrived bent' },
  { at: '2026-11-27T14:58:01Z', from: 'bot' as const, text: "I'm sorry to hear that. I'll pass this to a person on the team." },
  { at: '2026-11-27T14:59:00Z', from: 'shopper' as const, text: 'I paid with 4111 1111 1111 1111 cvv 123, can you refund it?' },
];

describe('the handoff email, per brand', () => {
  it.each<[BrandId, HandoffCase, string, string]>([
    ['james-avery-malls', { category: 'damaged', orderNumber: 'JAM-1001' }, 'URGENT: Damaged delivery — order JAM-1001 — Jane Doe', 'support@jamesaverymalls.com'],
    ['james-avery-malls', { category: 'late_delivery', orderNumber: 'JAM-1001' }, 'Support request: Late delivery — order JAM-1001 — Jane Doe', 'support@jamesaverymalls.com'],
    ['james-avery-artisan', { category: 'other', shopperSaysUrgent: true, orderNumber: '3310492' }, 'Urgent: General question — order 3310492 — Jane Doe', 'support@james-avery-artisan.example'],
    ['kendra-scott-mall', { category: 'missing_package', orderNumber: 'KS-100234' }, 'URGENT: Missing shipment — order KS-100234 — Jane Doe', 'support@kendrascottmall.com'],
    ['kendra-scott-mall', { category: 'wrong_item' }, 'Support request: Incorrect order — Jane Doe', 'support@kendrascottmall.com'],
    ['generic-store', { category: 'damaged', shopperSaysUrgent: true }, 'Support request: Damaged delivery — Jane Doe', 'support@generic-store.example'],
  ])('%s %j → "%s" to %s', async (brand, handoffCase, subject, to) => {
    const mail = await deliver(ticketFor(submissionFor(brand, handoffCase)));
    expect(mail.parsed.subject).toBe(subject);
    expect(mail.envelope.to).toEqual([to]);
    expect(mail.parsed.to).toMatchObject({ value: [{ address: to }] });
    expect(mail.parsed.replyTo).toMatchObject({ value: [{ address: 'jane@example.com', name: 'Jane Doe' }] });
    const urgent = subject.startsWith('URGENT') || subject.startsWith('Urgent');
    expect(mail.parsed.headers.get('priority') ?? 'normal').toBe(urgent ? 'high' : 'normal');
    expect(mail.raw.toString('utf8')).toMatch(urgent ? /^X-Priority: 1 \(Highest\)$/m : /^(?![\s\S]*X-Priority: 1)/);
  });

  it('goes to the SUPPORT_INBOX_<BRAND> override when one is set', async () => {
    const ticket = ticketFor(submissionFor('kendra-scott-mall', { category: 'other' }), { supportInboxes: { 'kendra-scott-mall': 'agents@ks.example' } });
    const mail = await deliver(ticket);
    expect(mail.envelope.to).toEqual(['agents@ks.example']);
  });

  it('a james-avery-artisan escalation goes to service@jameseavery.com as "Escalation: <summary>"', async () => {
    const mail = await deliver(ticketFor(submissionFor('james-avery-artisan', { category: 'escalation' }, { description: 'The replacement is broken too. Second time.' })));
    expect(mail.parsed.subject).toBe('Escalation: The replacement is broken too');
    expect(mail.envelope.to).toEqual(['service@jameseavery.com']);
    expect(mail.parsed.text).toMatch(/Escalation: +Sent to the escalation address per the Customer Service Policy §6: review within 1 business day/);
  });
});

describe('the handoff email: what the agent reads', () => {
  const verdict: ReturnVerdict = {
    eligible: 'review',
    reasons: [{ code: 'policy_silent', say: 'The policy states no return window, so the team decides.' }],
    nextSteps: ['The store covers return shipping for damaged items.'],
    orderNumber: 'JAM-1001',
    item: { sku: 'RNG-7', name: 'Twisted Wire Ring' },
    condition: 'damaged',
    wish: 'damaged_on_arrival',
    productIssue: true,
  };

  let mail: Received;
  let ticket: HandoffTicket;

  beforeAll(async () => {
    const submission = submissionFor(
      'james-avery-malls',
      { category: 'return', verifiedOrder: deliveredOrder('james-avery-malls'), returnVerdict: verdict },
      { name: 'Jane <b>Doe</b>', description: 'The ring arrived bent. <script>alert(1)</script> Card 4111-1111-1111-1111.' },
      // Friday 9:30 PM in New York: the reply time is counted from then, and the team is offline.
      '2026-11-28T02:30:00Z',
    );
    const wrote = ['it came bent and its a birthday gift for saturday', "my card is 4111 1111 1111 1111 if you need it", 'yes'];
    ticket = ticketFor({ ...submission, shopperWrote: wrote }, { transcript: TRANSCRIPT, now: new Date('2026-11-28T02:30:00Z') });
    mail = await deliver(ticket);
  });

  it('has a stable Message-ID and the creation date, so a resend is the same message', () => {
    // No MAIL_FROM set: the Message-ID takes the default From's domain (bot/handoff/mail-from.ts).
    expect(mail.parsed.messageId).toBe(`<${ticket.id}@clasp.example>`);
    expect(mail.parsed.date?.toISOString()).toBe('2026-11-28T02:30:00.000Z');
    expect(mail.parsed.headers.get('x-clasp-reference')).toBe(ticket.reference);
  });

  it('starts with brand, category, urgency, customer and what the shopper was told', () => {
    const text = mail.parsed.text ?? '';
    expect(text.indexOf('Brand:')).toBeLessThan(text.indexOf('Transcript'));
    expect(text).toMatch(/Brand: +James Avery Malls \(james-avery-malls\)/);
    expect(text).toMatch(/Category: +Return request/);
    expect(text).toMatch(/Urgency: +URGENT: damaged delivery, per the Customer Service Policy §2/);
    expect(text).toMatch(/Customer: +Jane <b>Doe<\/b> <jane@example.com> \(reply to this email to reach them\)/);
    expect(text).toMatch(/Received: +Fri, Nov 27, 2026, 9:30 PM EST/);
    // Friday 9:30 PM ET: offline until Monday; 24-48 business hours → Tuesday.
    expect(text).toMatch(/Shopper was told: a reply within 24-48 business hours, by Tuesday, December 1, 2026; the team was offline until Mon, Nov 30, 2026, 9:00 AM EST\./);
  });

  it('carries the verified order facts: status, carrier, tracking, dates, items', () => {
    const text = mail.parsed.text ?? '';
    expect(text).toMatch(/Order number: +JAM-1001 \(verified: number and email matched in the chat\)/);
    expect(text).toMatch(/Status: +delivered/);
    expect(text).toMatch(/Carrier: +UPS/);
    expect(text).toMatch(/Tracking number: +1Z999AA10123456784/);
    expect(text).toMatch(/Tracking link: +https:\/\/tracking\.example\/1Z999AA10123456784/);
    expect(text).toMatch(/Placed: +Mon, Nov 16, 2026/);
    expect(text).toMatch(/Delivered: +Wed, Nov 25, 2026/);
    expect(text).toContain('Item: 1 × Twisted Wire Ring (RNG-7), $54.00 each');
    expect(text).toContain('Item: 2 × Engraved <Heart> Charm (CHM-3), $30.00 each [final sale, personalized]');
  });

  it('carries the return verdict with its reasons, and what the shopper asked for', () => {
    const text = mail.parsed.text ?? '';
    expect(text).toMatch(/Verdict: +needs review by the team/);
    expect(text).toContain('Reason: The policy states no return window, so the team decides. (store setting)');
    expect(text).toContain('Next step told: The store covers return shipping for damaged items.');
    expect(text).toContain('> The ring arrived bent.');
  });

  it('lists every message the shopper wrote since asking for a person, redacted', () => {
    const text = mail.parsed.text ?? '';
    const section = text.slice(text.indexOf('What the shopper wrote'), text.indexOf('Transcript'));
    expect(section).toContain('> it came bent and its a birthday gift for saturday');
    expect(section).toContain('> my card is [card number removed] if you need it');
    expect(section).toContain('> yes');
  });

  it('redacts card numbers and secrets everywhere, the transcript included', () => {
    const all = `${mail.raw.toString('utf8')}\n${mail.parsed.text ?? ''}\n${String(mail.parsed.html)}`;
    expect(all).not.toMatch(/4111/);
    expect(all).not.toMatch(/cvv 123/);
    expect(mail.parsed.text).toContain('Shopper: I paid with [card number removed] cvv [removed], can you refund it?');
    expect(mail.parsed.text).toMatch(/\[Fri, Nov 27, 2026, 9:58 AM EST\] Shopper: my ring arrived bent/);
  });

  it('escapes the HTML part', () => {
    const html = String(mail.parsed.html);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>Doe</b>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Jane &lt;b&gt;Doe&lt;/b&gt;');
    expect(html).toContain('Engraved &lt;Heart&gt; Charm');
  });
});
