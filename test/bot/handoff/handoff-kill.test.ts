// kill -9 in the middle of sending: the tickets the shopper was told about are on disk, the one
// whose transfer was cut off is still pending (it was never accepted), and a new process sends
// each exactly once, under the same Message-ID a receiver can de-duplicate by.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { composeHandoffEmail } from '../../../bot/handoff/handoff-email.js';
import { openHandoffOutbox } from '../../../bot/handoff/handoff-outbox.js';
import { createHandoffSender, type HandoffSender } from '../../../bot/handoff/handoff-sender.js';
import { createSmtpTransport } from '../../../bot/handoff/handoff-transport.js';
import { profileOf, quietLogger, startSmtp, submissionFor, tempDir, waitUntil, type TestSmtp } from './handoff-fixtures.js';

const CHILD = fileURLToPath(new URL('./handoff-child.fixture.ts', import.meta.url));

let smtp: TestSmtp;
let dir: Awaited<ReturnType<typeof tempDir>>;
let child: ChildProcess | undefined;
let sender: HandoffSender | undefined;

beforeEach(async () => {
  smtp = await startSmtp();
  dir = await tempDir();
});

afterEach(async () => {
  if (child !== undefined && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await sender?.stop();
  await smtp.stop();
  await dir.remove();
});

describe('handoff outbox: kill -9 and restart', () => {
  it('resumes after kill -9 mid-transfer and sends every stored ticket once', async () => {
    smtp.mode = 'hang';
    const submissions = [
      submissionFor('james-avery-malls', { category: 'damaged', orderNumber: 'JAM-1001' }),
      submissionFor('kendra-scott-mall', { category: 'missing_package', orderNumber: 'KS-100234' }, { name: 'Sam Lee', email: 'sam@example.com' }),
    ];
    child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir.path, smtp.url], {
      env: { ...process.env, HANDOFF_SUBMISSIONS: JSON.stringify(submissions) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stored: string[] = [];
    let errors = '';
    child.stdout?.on('data', (chunk: Buffer) => stored.push(...[...chunk.toString('utf8').matchAll(/^STORED (\S+)$/gm)].map((m) => m[1] ?? '')));
    child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));

    // Both tickets acknowledged to the "shopper", and at least one transfer under way and unanswered.
    await waitUntil(() => stored.length === 2 && smtp.dataStarted >= 1, 20_000, `the child to store and start sending ${errors}`);
    const exited = new Promise((resolve) => child?.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;

    const outbox = await openHandoffOutbox(dir.path);
    expect((await outbox.list()).map((entry) => entry.ticket.id).sort()).toEqual([...stored].sort());
    // Cut off before the server answered: still pending, never marked sent.
    for (const id of stored) expect((await outbox.state(id)).status).toBe('pending');
    expect(smtp.received).toHaveLength(0);

    smtp.mode = 'accept';
    sender = createHandoffSender({
      outbox,
      transport: createSmtpTransport(smtp.url, 2_000),
      compose: (ticket) => composeHandoffEmail(ticket, profileOf(ticket.brand), 'Clasp <clasp@clasp.example>'),
      retry: { baseDelayMs: 20, maxDelayMs: 100, maxRejections: 3 },
      logger: quietLogger,
    });
    await sender.start();
    await waitUntil(async () => (await outbox.unsent()).length === 0, 10_000, 'resumed deliveries');
    await sender.settled();

    const ids = smtp.received.map((mail) => mail.parsed.messageId).sort();
    // The Message-ID's domain is the From's (bot/handoff/mail-from.ts), fixed when the ticket was stored.
    expect(ids).toEqual(stored.map((id) => `<${id}@clasp.example>`).sort());
    expect(smtp.received.map((mail) => mail.parsed.subject).sort()).toEqual([
      'URGENT: Damaged delivery — order JAM-1001 — Jane Doe',
      'URGENT: Missing shipment — order KS-100234 — Sam Lee',
    ]);
  });
});
