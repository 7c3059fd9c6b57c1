// Never lost, sent once: the sender against a real SMTP server that goes down, refuses, hangs and
// comes back, and a restart (a new sender over the same outbox directory) with pending tickets.
import { readFile } from 'node:fs/promises';
import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { HandoffTicket } from '../../../knowledge/handoff/handoff-ticket.types.js';
import type { RetryPolicy } from '../../../bot/handoff/handoff-config.js';
import { composeHandoffEmail } from '../../../bot/handoff/handoff-email.js';
import { openHandoffOutbox, type HandoffOutbox } from '../../../bot/handoff/handoff-outbox.js';
import { backoffDelay, createHandoffSender, type HandoffSender } from '../../../bot/handoff/handoff-sender.js';
import { createEmlTransport, createSmtpTransport, type HandoffTransport } from '../../../bot/handoff/handoff-transport.js';
import { profileOf, quietLogger, startSmtp, submissionFor, tempDir, ticketFor, waitUntil, type TestSmtp } from './handoff-fixtures.js';

const RETRY: RetryPolicy = { baseDelayMs: 20, maxDelayMs: 100, maxRejections: 3 };

let smtp: TestSmtp;
let dir: Awaited<ReturnType<typeof tempDir>>;
const senders: HandoffSender[] = [];

beforeEach(async () => {
  smtp = await startSmtp();
  dir = await tempDir();
});

afterEach(async () => {
  await Promise.all(senders.splice(0).map((sender) => sender.stop()));
  await smtp.stop().catch(() => undefined);
  await dir.remove();
});

function senderOver(outbox: HandoffOutbox, options: { transport?: HandoffTransport; timeoutMs?: number; retry?: RetryPolicy } = {}): HandoffSender {
  const sender = createHandoffSender({
    outbox,
    transport: options.transport ?? createSmtpTransport(smtp.url, options.timeoutMs ?? 2_000),
    compose: (ticket) => composeHandoffEmail(ticket, profileOf(ticket.brand), 'Clasp <clasp@clasp.example>'),
    retry: options.retry ?? RETRY,
    logger: quietLogger,
  });
  senders.push(sender);
  return sender;
}

function newTicket(): HandoffTicket {
  return ticketFor(submissionFor('kendra-scott-mall', { category: 'missing_package', orderNumber: 'KS-100234' }));
}

const copiesOf = (ticket: HandoffTicket) => smtp.received.filter((mail) => mail.parsed.messageId === ticket.messageId).length;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('handoff sender: SMTP trouble', () => {
  it('SMTP down, then up: the ticket waits, then goes out exactly once', async () => {
    await smtp.stop();
    const outbox = await openHandoffOutbox(dir.path);
    const sender = senderOver(outbox);
    const ticket = newTicket();
    await outbox.store(ticket);
    sender.notify(ticket.id);

    await waitUntil(async () => (await outbox.state(ticket.id)).attempts >= 3, 10_000, 'failed attempts');
    const waiting = await outbox.state(ticket.id);
    expect(waiting).toMatchObject({ status: 'pending', rejections: 0, sentAt: null });
    expect(waiting.lastError).toMatch(/ECONNREFUSED|ECONNECTION|ESOCKET/);

    await smtp.restart();
    await waitUntil(async () => (await outbox.state(ticket.id)).status === 'sent', 10_000, 'delivery after SMTP is back');
    await pause(3 * RETRY.maxDelayMs);
    expect(copiesOf(ticket)).toBe(1);
    expect(await outbox.state(ticket.id)).toMatchObject({ status: 'sent', via: 'smtp', response: expect.stringMatching(/^250/) });
  });

  it('SMTP refusing for now (451): retried with backoff, sent once when it accepts', async () => {
    smtp.mode = 'refuse-temporarily';
    const outbox = await openHandoffOutbox(dir.path);
    const sender = senderOver(outbox);
    const ticket = newTicket();
    await outbox.store(ticket);
    sender.notify(ticket.id);
    await waitUntil(() => smtp.dataStarted >= 4, 10_000, 'repeated refusals');
    expect(await outbox.state(ticket.id)).toMatchObject({ status: 'pending', rejections: 0, lastError: expect.stringMatching(/451/) });

    smtp.mode = 'accept';
    await waitUntil(async () => (await outbox.state(ticket.id)).status === 'sent', 10_000, 'delivery');
    await pause(3 * RETRY.maxDelayMs);
    expect(copiesOf(ticket)).toBe(1);
  });

  it('SMTP slow (never answers the data): the attempt times out, the ticket stays pending, then goes out once', async () => {
    smtp.mode = 'hang';
    const outbox = await openHandoffOutbox(dir.path);
    const sender = senderOver(outbox, { timeoutMs: 300 });
    const ticket = newTicket();
    await outbox.store(ticket);
    sender.notify(ticket.id);
    await waitUntil(() => smtp.dataStarted >= 1, 5_000, 'a hanging transfer');
    // Mid-transfer, unanswered: not sent.
    expect((await outbox.state(ticket.id)).status).toBe('pending');
    await waitUntil(async () => (await outbox.state(ticket.id)).attempts >= 1, 5_000, 'a timed-out attempt');
    expect((await outbox.state(ticket.id)).lastError).toMatch(/ETIMEDOUT|timeout/i);

    smtp.mode = 'accept';
    await waitUntil(async () => (await outbox.state(ticket.id)).status === 'sent', 10_000, 'delivery');
    expect(copiesOf(ticket)).toBe(1);
  });

  it('a permanent refusal (550) parks the ticket as failed after a few tries; the next start tries again', async () => {
    smtp.mode = 'refuse-permanently';
    const outbox = await openHandoffOutbox(dir.path);
    const sender = senderOver(outbox);
    const ticket = newTicket();
    await outbox.store(ticket);
    sender.notify(ticket.id);
    await waitUntil(async () => (await outbox.state(ticket.id)).status === 'failed', 10_000, 'parking');
    expect(await outbox.state(ticket.id)).toMatchObject({ attempts: 3, rejections: 3, nextAttemptAt: null, lastError: expect.stringMatching(/550/) });
    await pause(3 * RETRY.maxDelayMs);
    expect(smtp.dataStarted).toBe(3);

    // The operator fixes the inbox and restarts.
    smtp.mode = 'accept';
    await sender.stop();
    const restarted = senderOver(await openHandoffOutbox(dir.path));
    await restarted.start();
    await waitUntil(async () => (await outbox.state(ticket.id)).status === 'sent', 10_000, 'delivery after restart');
    expect(copiesOf(ticket)).toBe(1);
  });
});

describe('handoff sender: restarts and duplicates', () => {
  it('a restart resumes every unsent ticket, whatever point it had reached, and leaves sent ones alone', async () => {
    // A process stored these and died: one never tried, one mid-retry, one already sent.
    const before = await openHandoffOutbox(dir.path);
    const fresh = newTicket();
    const retrying = newTicket();
    const done = newTicket();
    for (const ticket of [fresh, retrying, done]) await before.store(ticket);
    const base = await before.state(retrying.id);
    await before.writeState(retrying.id, { ...base, attempts: 2, lastError: 'ECONNREFUSED', nextAttemptAt: '2026-11-27T15:05:00Z' });
    await before.writeState(done.id, { ...base, status: 'sent', sentAt: '2026-11-27T15:00:05Z', via: 'smtp', response: '250 ok' });

    const outbox = await openHandoffOutbox(dir.path);
    expect(await outbox.unsent()).toEqual([fresh.id, retrying.id]);
    const sender = senderOver(outbox);
    await sender.start();
    await waitUntil(async () => (await outbox.unsent()).length === 0, 10_000, 'resumed deliveries');
    await sender.settled();
    expect([copiesOf(fresh), copiesOf(retrying), copiesOf(done)]).toEqual([1, 1, 0]);
    expect(await outbox.state(retrying.id)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('however often it is woken, a ticket is sent once', async () => {
    const outbox = await openHandoffOutbox(dir.path);
    const sender = senderOver(outbox);
    const ticket = newTicket();
    await outbox.store(ticket);
    for (let index = 0; index < 5; index += 1) sender.notify(ticket.id);
    await sender.start();
    sender.notify(ticket.id);
    await waitUntil(async () => (await outbox.state(ticket.id)).status === 'sent', 10_000, 'delivery');
    await sender.settled();
    sender.notify(ticket.id);
    await sender.start();
    await sender.settled();
    await pause(50);
    expect(copiesOf(ticket)).toBe(1);
  });

  it('a second sender over the same outbox after the first finished does not send again', async () => {
    const outbox = await openHandoffOutbox(dir.path);
    const ticket = newTicket();
    await outbox.store(ticket);
    const first = senderOver(outbox);
    first.notify(ticket.id);
    await waitUntil(async () => (await outbox.state(ticket.id)).status === 'sent', 10_000, 'delivery');
    await first.stop();
    const second = senderOver(await openHandoffOutbox(dir.path));
    await second.start();
    await second.settled();
    expect(copiesOf(ticket)).toBe(1);
  });

  it('sends several tickets side by side, each once', async () => {
    const outbox = await openHandoffOutbox(dir.path);
    const sender = senderOver(outbox);
    const tickets = Array.from({ length: 8 }, newTicket);
    for (const ticket of tickets) {
      await outbox.store(ticket);
      sender.notify(ticket.id);
    }
    await waitUntil(async () => (await outbox.unsent()).length === 0, 10_000, 'deliveries');
    expect(tickets.map(copiesOf)).toEqual(tickets.map(() => 1));
  });
});

describe('handoff sender: without SMTP_URL', () => {
  it('writes each email as an .eml file in the outbox, once', async () => {
    const outbox = await openHandoffOutbox(dir.path);
    const sender = senderOver(outbox, { transport: createEmlTransport(outbox) });
    const ticket = newTicket();
    await outbox.store(ticket);
    sender.notify(ticket.id);
    await waitUntil(async () => (await outbox.state(ticket.id)).status === 'sent', 10_000, '.eml');
    const state = await outbox.state(ticket.id);
    expect(state).toMatchObject({ via: 'eml', response: `${dir.path}/eml/${ticket.id}.eml` });
    const parsed = await simpleParser(await readFile(state.response ?? ''));
    expect(parsed.subject).toBe('URGENT: Missing shipment — order KS-100234 — Jane Doe');
    expect(parsed.messageId).toBe(ticket.messageId);
    expect(parsed.to).toMatchObject({ value: [{ address: 'support@kendrascottmall.com' }] });
  });
});

describe('backoffDelay', () => {
  it('doubles from the base and stops at the cap', () => {
    const retry = { baseDelayMs: 2_000, maxDelayMs: 60_000 };
    expect([1, 2, 3, 4, 5, 6, 7, 50].map((n) => backoffDelay(n, retry))).toEqual([2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]);
  });
});
