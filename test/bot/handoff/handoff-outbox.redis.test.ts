// On a real redis-server and a real SMTP server: with two instances sending from
// one shared outbox every ticket is mailed once, and a ticket claimed by an instance that died
// is sent by the other once the claim runs out.
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHandoff, type Handoff } from '../../../bot/handoff/index.js';
import { openRedisHandoffOutbox } from '../../../bot/handoff/handoff-outbox.redis.js';
import { requireRedisOrSkip, startRedis, type TestRedis } from '../../support/redis-server.js';
import { profileOf, quietLogger, startSmtp, submissionFor, tempDir, testConfig, ticketFor, waitUntil, type TestSmtp } from './handoff-fixtures.js';
import { BRAND_IDS } from '../../support/brands.js';

const available = requireRedisOrSkip();

describe.runIf(available)('shared handoff outbox', () => {
  let redis: TestRedis;
  let client: Redis;
  let smtp: TestSmtp;
  let dirs: Array<Awaited<ReturnType<typeof tempDir>>> = [];
  let instances: Handoff[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    client = new Redis(redis.url);
  });

  afterAll(async () => {
    client?.disconnect();
    await redis?.remove();
  });

  beforeEach(async () => {
    smtp = await startSmtp();
    // Each test starts from an empty shared outbox.
    await client.flushall();
  });

  afterEach(async () => {
    await Promise.all(instances.map((instance) => instance.close()));
    instances = [];
    await smtp.stop();
    await Promise.all(dirs.map((dir) => dir.remove()));
    dirs = [];
  });

  async function instance(options: { claimMs?: number; rescanMs?: number } = {}): Promise<Handoff> {
    const dir = await tempDir();
    dirs.push(dir);
    const handoff = await createHandoff({
      config: testConfig(dir.path, { smtpUrl: smtp.url }),
      transcriptOf: async () => [],
      logger: quietLogger,
      profileOf,
      brandIds: BRAND_IDS,
      shared: { redis: client, claimMs: options.claimMs, rescanMs: options.rescanMs ?? 100 },
    });
    instances.push(handoff);
    return handoff;
  }

  it('mails every ticket exactly once with two senders on one outbox', async () => {
    const [a, b] = await Promise.all([instance(), instance()]);
    const tickets = Array.from({ length: 12 }, (_, i) => ticketFor(submissionFor('kendra-scott-mall', { category: 'missing_package', orderNumber: `KS-10${i}` })));
    for (const [i, ticket] of tickets.entries()) await (i % 2 === 0 ? a : b).outbox.store(ticket);
    await Promise.all([a.start(), b.start()]);
    await waitUntil(async () => (await a.outbox.unsent()).length === 0, 15_000, 'every ticket sent');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const subjects = smtp.received.map((mail) => mail.parsed.subject);
    expect(subjects).toHaveLength(12);
    expect(new Set(subjects).size).toBe(12);
    expect(await b.outbox.list()).toHaveLength(12);
  });

  it('sends a ticket left claimed by an instance that died, once its claim runs out', async () => {
    // The dead instance: it stored the ticket and claimed it, then was gone before sending.
    const deadDir = await tempDir();
    dirs.push(deadDir);
    const deadOutbox = await openRedisHandoffOutbox(client, { dir: deadDir.path, claimMs: 600 });
    const ticket = ticketFor(submissionFor('james-avery-malls', { category: 'damaged', orderNumber: 'JAM-1001' }));
    await deadOutbox.store(ticket);
    expect(await deadOutbox.claim(ticket.id)).toBeDefined();

    const survivor = await instance({ claimMs: 600, rescanMs: 100 });
    await survivor.start();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.received).toHaveLength(0);
    await waitUntil(() => smtp.received.length === 1, 10_000, 'the survivor to send it');
    expect(smtp.received[0]?.parsed.subject).toBe(ticket.subject);
    // The server has the mail a moment before the sender records it as sent.
    await waitUntil(async () => (await survivor.outbox.state(ticket.id)).status === 'sent', 5_000, 'the ticket recorded as sent');
  });
});
