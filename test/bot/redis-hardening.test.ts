// Against real redis-servers on loopback: Clasp refuses to start on a Redis that would lose an
// acknowledged ticket (no append-only file, or one never synced) unless the operator accepts the
// risk by name, and a burst of order guesses from one client gets no more lookups than its limit,
// however many instances it is spread over.
import { Redis } from 'ioredis';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createClasp, type Clasp } from '../../bot/clasp.js';
import { ConfigError, loadConfig } from '../../bot/config.js';
import { createLogger } from '../../bot/logger.js';
import { redisLimiters } from '../../bot/limiter-store.js';
import { createDemoOrders, demoOrderSummaries } from '../../bot/orders/demo-orders.js';
import { createOrderVerifier } from '../../bot/orders/order-verifier.js';
import { createJsonOrderSource } from '../../bot/orders/orders.json-source.js';
import type { BrandId } from '../../knowledge/brand-ids.js';
import { requireRedisOrSkip, startRedis, type TestRedis } from '../support/redis-server.js';
import { BRAND_FOLDERS } from '../support/brands.js';

const available = requireRedisOrSkip();

describe.runIf(available)('start-up on Redis', () => {
  const servers: TestRedis[] = [];
  const dirs: string[] = [];
  let clasp: Clasp | undefined;

  afterEach(async () => {
    await clasp?.close();
    clasp = undefined;
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.remove()));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  async function start(redisOptions: Parameters<typeof startRedis>[0], env: Record<string, string> = {}): Promise<{ lines: string[] }> {
    const redis = await startRedis(redisOptions);
    servers.push(redis);
    const dir = mkdtempSync(join(tmpdir(), 'clasp-durability-'));
    dirs.push(dir);
    const lines: string[] = [];
    const config = loadConfig({ STATE_STORE: 'redis', REDIS_URL: redis.url, OUTBOX_DIR: dir, LOG_LEVEL: 'warn', ...env });
    clasp = await createClasp(config, { logger: createLogger({ logLevel: 'warn' }, { write: (line: string) => void lines.push(line) }) });
    return { lines };
  }

  it.each([
    ['snapshots only (appendonly no)', { durable: false }, /appendonly is no/],
    ['an append-only file never synced (appendfsync no)', { appendfsync: 'no' as const }, /appendfsync is no/],
  ])('refuses %s, naming the setting and the way out', async (_name, redisOptions, setting) => {
    const refused = await start(redisOptions).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(ConfigError);
    const message = (refused as ConfigError).message;
    expect(message).toMatch(setting);
    expect(message).toContain('--appendonly yes --appendfsync everysec');
    expect(message).toContain('REDIS_ACCEPT_NON_DURABLE=true');
  });

  it.each([
    ['appendfsync always', { appendfsync: 'always' as const }],
    ['appendfsync everysec', { appendfsync: 'everysec' as const }],
  ])('starts on a durable Redis (%s)', async (_name, redisOptions) => {
    const { lines } = await start(redisOptions);
    expect(await clasp?.notReady()).toBeUndefined();
    expect(lines).toEqual([]);
  });

  it('starts on a non-durable Redis when the operator accepts the risk, and says so in the log', async () => {
    const { lines } = await start({ durable: false }, { REDIS_ACCEPT_NON_DURABLE: 'true' });
    expect(await clasp?.notReady()).toBeUndefined();
    const warning = lines.map((line) => JSON.parse(line) as { msg: string; problem?: string }).find((entry) => /not durable/.test(entry.msg));
    expect(warning?.problem).toMatch(/appendonly is no/);
  });
});

describe.runIf(available)('order verification lockout on Redis', () => {
  let redis: TestRedis;
  const clients: Redis[] = [];

  afterAll(async () => {
    for (const client of clients) client.disconnect();
    await redis?.remove();
  });

  it('lets a burst of wrong guesses over two instances look up no more orders than the limit, and gives a match its attempt back', async () => {
    redis = await startRedis();
    const now = new Date('2026-11-20T19:00:00Z');
    const order = demoOrderSummaries(BRAND_FOLDERS).find((summary) => summary.brand === 'kendra-scott-mall')!;
    const demo = createJsonOrderSource(createDemoOrders(now, BRAND_FOLDERS));
    let lookups = 0;
    // The demo orders, a little slower, as an order system answers: guesses in flight overlap.
    const source = {
      findOrder: async (brand: BrandId, orderNumber: string) => {
        lookups += 1;
        await new Promise((resolve) => setTimeout(resolve, 20));
        return demo.findOrder(brand, orderNumber);
      },
    };
    const limits = { failuresPerClient: 10, windowSeconds: 900, lookupTimeoutMs: 5_000 };
    const instances = [0, 1].map(() => {
      const client = new Redis(redis.url);
      clients.push(client);
      return createOrderVerifier(source, limits, { limiters: redisLimiters(client) });
    });
    const guess = (index: number) => instances[index % 2]!.verify('203.0.113.7', { brand: 'kendra-scott-mall', orderNumber: order.orderNumber, email: `guess-${index}@example.com` });

    const outcomes = await Promise.all(Array.from({ length: 40 }, (_, index) => guess(index)));
    expect(lookups).toBe(10);
    expect(outcomes.filter((outcome) => outcome.outcome === 'notMatched')).toHaveLength(10);
    expect(outcomes.filter((outcome) => outcome.outcome === 'locked')).toHaveLength(30);

    // Another client is not affected; the right email gives back the attempt it reserved.
    const other = async (email: string) => instances[0]!.verify('203.0.113.8', { brand: 'kendra-scott-mall', orderNumber: order.orderNumber, email });
    for (let i = 0; i < 9; i += 1) expect((await other(`wrong-${i}@example.com`)).outcome).toBe('notMatched');
    expect((await other(order.email)).outcome).toBe('verified');
    expect((await other('wrong-again@example.com')).outcome).toBe('notMatched');
    expect((await other(order.email)).outcome).toBe('locked');
  });
});
