// Against a real redis-server on loopback, through the real service: Redis stops keeping an
// append-only file while Clasp runs (CONFIG SET appendonly no, as an operator or a failover to a
// replica without one would leave it). Clasp notices (at its re-check interval, and when its
// connection comes back), answers /readyz 503, and refuses handoffs so the shopper hears it has not
// reached the team, never "Done" for a ticket Redis could lose; when the file is back, so are
// readiness and handoffs, and a ticket then stored survives a restart of Redis.
import type { Activity } from 'botbuilder';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConfigError, loadConfig } from '../../bot/config.js';
import { createLogger } from '../../bot/logger.js';
import type { MessageReader } from '../../knowledge/reading/read-message.js';
import { newConversationId, say, startClasp, type RunningClasp } from '../support/clasp-server.js';
import { createReader } from '../support/reading.js';
import { requireRedisOrSkip, startRedis, type TestRedis } from '../support/redis-server.js';

const available = requireRedisOrSkip();
const BRAND = 'generic-store';
const TICKETS = 'clasp:handoff:tickets';

describe('REDIS_DURABILITY_CHECK_SECONDS', () => {
  it('defaults to 30 s and takes whole seconds up to a day', () => {
    expect(loadConfig({}).redisDurabilityCheckSeconds).toBe(30);
    expect(loadConfig({ REDIS_DURABILITY_CHECK_SECONDS: '5' }).redisDurabilityCheckSeconds).toBe(5);
    for (const bad of ['0', '1.5', 'soon', '86401']) {
      expect(() => loadConfig({ REDIS_DURABILITY_CHECK_SECONDS: bad })).toThrow(ConfigError);
      expect(() => loadConfig({ REDIS_DURABILITY_CHECK_SECONDS: bad })).toThrow(/REDIS_DURABILITY_CHECK_SECONDS/);
    }
  });
});

const awaiting = (reply: Activity | undefined) => reply?.channelData?.support?.awaiting as string | null | undefined;

describe.runIf(available)('Redis durability drifting while Clasp runs', () => {
  let redis: TestRedis;
  let admin: Redis;
  let reader: MessageReader;
  let app: RunningClasp | undefined;
  let lines: Array<{ level: number; msg: string; problem?: string }> = [];

  beforeAll(async () => {
    redis = await startRedis();
    admin = new Redis(redis.url);
    // The operator's client sees the restart too; the test watches Clasp, not it.
    admin.on('error', () => undefined);
    reader = createReader();
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
    await admin.config('SET', 'appendonly', 'yes');
    await admin.flushall();
  });

  afterAll(async () => {
    admin?.disconnect();
    await redis?.remove();
  });

  async function start(checkSeconds: string): Promise<RunningClasp> {
    lines = [];
    const logger = createLogger({ logLevel: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    app = await startClasp({ STATE_STORE: 'redis', REDIS_URL: redis.url, REDIS_DURABILITY_CHECK_SECONDS: checkSeconds, HANDOFFS_PER_CLIENT: '100' }, { reader, logger });
    return app;
  }

  /** A handoff conversation up to its summary ("Is everything correct?"). */
  async function toSummary(url: string): Promise<string> {
    const id = newConversationId();
    expect(awaiting((await say(url, BRAND, id, 'I want to talk to a person'))[0])).toBe('name');
    expect(awaiting((await say(url, BRAND, id, 'Dana Example'))[0])).toBe('email');
    const afterEmail = (await say(url, BRAND, id, 'dana@example.com')).at(-1);
    const [askDescription] = awaiting(afterEmail) === 'orderNumber' ? await say(url, BRAND, id, "I don't have one") : [afterEmail];
    expect(awaiting(askDescription)).toBe('description');
    const [summary] = await say(url, BRAND, id, 'Can you gift wrap my order?');
    expect(awaiting(summary)).toBe('confirm');
    return id;
  }

  const readyz = async (url: string) => {
    const response = await fetch(`${url}/readyz`);
    return { status: response.status, body: (await response.json()) as { status: string; message?: string } };
  };
  // pino's levels: 40 warn, 30 info.
  const warnings = () => lines.filter((line) => line.level === 40 && /would lose handoff tickets/.test(line.msg));
  const recoveries = () => lines.filter((line) => /durably again/.test(line.msg));

  it('sees it at the re-check interval: refuses the ticket, answers 503, and recovers when the file is back', { timeout: 90_000 }, async () => {
    const { url } = await start('1');
    const id = await toSummary(url);
    expect((await readyz(url)).status).toBe(200);

    await admin.config('SET', 'appendonly', 'no');
    await vi.waitFor(async () => expect((await readyz(url)).status).toBe(503), { timeout: 10_000, interval: 200 });
    expect((await readyz(url)).body.message).toMatch(/durabl/i);

    const [refused] = await say(url, BRAND, id, 'yes');
    expect(refused?.text).toMatch(/has not reached the team/);
    expect(refused?.text).not.toMatch(/reference/i);
    // Nothing stored that a restart of Redis could take away.
    expect(await admin.zcard(TICKETS)).toBe(0);
    // Several re-checks have run by now; the operator is told once.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]?.problem).toMatch(/appendonly is no/);

    await admin.config('SET', 'appendonly', 'yes');
    await vi.waitFor(async () => expect((await readyz(url)).status).toBe(200), { timeout: 10_000, interval: 200 });
    expect(recoveries()).toHaveLength(1);
    const [done] = await say(url, BRAND, id, 'yes');
    expect(done?.text).toMatch(/reference/i);
    expect(await admin.zcard(TICKETS)).toBe(1);

    // Stored once the file was back: a restart of Redis keeps it.
    await redis.stop();
    await redis.start();
    await vi.waitFor(async () => expect(await admin.zcard(TICKETS)).toBe(1), { timeout: 10_000, interval: 200 });
    await vi.waitFor(async () => expect((await readyz(url)).status).toBe(200), { timeout: 20_000, interval: 200 });
    expect(warnings()).toHaveLength(1);
  });

  it('sees it when the connection comes back, long before the next interval', { timeout: 90_000 }, async () => {
    const { url } = await start('3600');
    const id = await toSummary(url);

    // A failover, as Clasp sees it: the connection drops and comes back to a Redis without the file.
    await admin.config('SET', 'appendonly', 'no');
    await admin.client('KILL', 'TYPE', 'normal', 'SKIPME', 'yes');
    await vi.waitFor(() => expect(warnings()).toHaveLength(1), { timeout: 10_000, interval: 100 });
    expect((await readyz(url)).status).toBe(503);
    const [refused] = await say(url, BRAND, id, 'yes');
    expect(refused?.text).toMatch(/has not reached the team/);
    expect(await admin.zcard(TICKETS)).toBe(0);

    await admin.config('SET', 'appendonly', 'yes');
    await admin.client('KILL', 'TYPE', 'normal', 'SKIPME', 'yes');
    await vi.waitFor(() => expect(recoveries()).toHaveLength(1), { timeout: 10_000, interval: 100 });
    expect((await readyz(url)).status).toBe(200);
    const [done] = await say(url, BRAND, id, 'yes');
    expect(done?.text).toMatch(/reference/i);
    expect(await admin.zcard(TICKETS)).toBe(1);
  });
});
