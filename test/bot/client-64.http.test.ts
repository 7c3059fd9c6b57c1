// Through the real server behind a trusted proxy (TRUST_PROXY, the client in X-Forwarded-For): an
// IPv6 client is its /64, the block one subscriber or one host holds, so stepping through its own
// /64 never buys another allowance. Every per-client limit counts so, in memory and on Redis alike.
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { activityBody, newConversationId, startClasp, type RunningClasp } from '../support/clasp-server.js';
import { requireRedisOrSkip, startRedis, type TestRedis } from '../support/redis-server.js';

const BRAND = 'kendra-scott-mall';
/** Fourteen addresses of one /64, as one host rotating its own addresses would use them. */
const ONE_64 = Array.from({ length: 14 }, (_, index) => `2001:db8:1:2::${(index + 1).toString(16)}`);

async function sayFrom(url: string, address: string, conversationId: string, text: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${url}/api/brands/${BRAND}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify(activityBody(conversationId, { type: 'message', text })),
  });
  const body = (await response.json()) as { activities?: Array<{ type: string; text?: string }> };
  return { status: response.status, text: body.activities?.find((activity) => activity.type === 'message')?.text ?? '' };
}

/** One order-number + email attempt in a fresh conversation: locked out, verified, or not matched. */
async function verifyFrom(url: string, address: string, email: string): Promise<'locked' | 'verified' | 'notMatched'> {
  const id = newConversationId();
  await sayFrom(url, address, id, 'track KS-100234');
  const { text } = await sayFrom(url, address, id, email);
  if (/too many order lookups/.test(text)) return 'locked';
  return /KS-100234 has shipped/.test(text) ? 'verified' : 'notMatched';
}

/** Wrong guesses, one from each address, spread over the instances; the outcome of each. */
async function guessFrom(urls: string[], addresses: string[]): Promise<string[]> {
  const outcomes: string[] = [];
  for (const [index, address] of addresses.entries()) outcomes.push(await verifyFrom(urls[index % urls.length]!, address, `guess-${index}@example.com`));
  return outcomes;
}

const guessesBeforeLockout = (outcomes: string[]) => (outcomes.includes('locked') ? outcomes.indexOf('locked') : outcomes.length);

function limitsPer64(store: string, start: (env?: Record<string, string>) => Promise<RunningClasp[]>) {
  describe(`per-client limits, ${store}`, () => {
    let instances: RunningClasp[] = [];

    afterEach(async () => {
      await Promise.all(instances.map((instance) => instance.close()));
      instances = [];
    });

    it('locks out wrong order guesses from one /64 after the limit, whichever of its addresses they come from', async () => {
      instances = await start();
      const urls = instances.map((instance) => instance.url);
      const outcomes = await guessFrom(urls, ONE_64);
      console.info(`${store}: ${guessesBeforeLockout(outcomes)} of 14 wrong guesses from one /64 were looked up before lockout`);
      expect(outcomes.slice(0, 10)).toEqual(Array(10).fill('notMatched'));
      expect(outcomes.slice(10)).toEqual(Array(4).fill('locked'));
      // Even the right email is refused now from anywhere in that /64, and the IPv6 spelled another way is the same client.
      expect(await verifyFrom(urls[0]!, '2001:db8:1:2:ffff:ffff:ffff:ffff', 'shopper@example.com')).toBe('locked');
      expect(await verifyFrom(urls[0]!, '2001:0DB8:0001:0002:0000:0000:0000:00AA', 'shopper@example.com')).toBe('locked');
      // The neighbouring /64 is another client with its own allowance.
      expect(await verifyFrom(urls[0]!, '2001:db8:1:3::1', 'shopper@example.com')).toBe('verified');
    });

    it('counts an IPv4-mapped IPv6 address as its IPv4 address, and IPv4 addresses one by one', async () => {
      instances = await start();
      const urls = instances.map((instance) => instance.url);
      const outcomes = await guessFrom(urls, [...Array(5).fill('198.51.100.7'), ...Array(6).fill('::ffff:198.51.100.7')]);
      expect(outcomes).toEqual([...Array(10).fill('notMatched'), 'locked']);
      expect(await verifyFrom(urls[0]!, '198.51.100.8', 'shopper@example.com')).toBe('verified');
    });

    it('counts messages per client and widget conversation starts per /64', async () => {
      instances = await start({ MESSAGES_PER_CLIENT: '3', CONVERSATION_STARTS_PER_CLIENT: '4' });
      const urls = instances.map((instance) => instance.url);
      const statuses: number[] = [];
      for (const [index, address] of ONE_64.slice(0, 4).entries()) statuses.push((await sayFrom(urls[index % urls.length]!, address, newConversationId(), 'hi')).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      expect((await sayFrom(urls[0]!, '2001:db8:1:3::1', newConversationId(), 'hi')).status).toBe(200);

      const starts: number[] = [];
      for (const [index, address] of ONE_64.slice(4, 9).entries()) {
        starts.push((await fetch(`${urls[index % urls.length]}/api/brands/${BRAND}/token`, { method: 'POST', headers: { 'x-forwarded-for': address } })).status);
      }
      expect(starts).toEqual([200, 200, 200, 200, 429]);
      expect((await fetch(`${urls[0]}/api/brands/${BRAND}/token`, { method: 'POST', headers: { 'x-forwarded-for': '2001:db8:1:3::1' } })).status).toBe(200);
    });
  });
}

const PROXIED = { TRUST_PROXY: 'true', DIRECTLINE_SECRET: 'test-secret-test-secret-test-secret-0123' };

limitsPer64('in memory', (env: Record<string, string> = {}) => Promise.all([startClasp({ ...PROXIED, ...env })]));

const redisAvailable = requireRedisOrSkip();
let redis: TestRedis | undefined;
describe.runIf(redisAvailable)('on Redis', () => {
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.remove();
  });
  // Two instances on one Redis, the guesses alternating between them: the /64 is one client on both.
  // Each test starts on an empty Redis so no count is carried over.
  limitsPer64('on Redis, two instances', async (env: Record<string, string> = {}) => {
    const flush = new Redis(redis!.url);
    await flush.flushall();
    flush.disconnect();
    const shared = { ...PROXIED, STATE_STORE: 'redis', REDIS_URL: redis!.url, ...env };
    return Promise.all([startClasp(shared), startClasp(shared)]);
  });
});
