// Strangers cannot fill the widget, through the real app (TRUST_PROXY, so each X-Forwarded-For
// address is a client, as behind the one proxy an operator runs): a conversation whose visitor
// sent no message within DIRECTLINE_FIRST_MESSAGE_SECONDS stops counting and is dropped, a client
// (an IPv4 address, an IPv6 /64) holds at most DIRECTLINE_CONVERSATIONS_PER_CLIENT, a full log
// drops conversations nobody spoke in before refusing anyone, and a conversation whose shopper
// has spoken is never dropped. In memory (one instance) and on a real Redis (several).
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { requireRedisOrSkip, startRedis, type TestRedis } from '../support/redis-server.js';
import { startWidgetServer, type RunningWidget } from '../support/widget-server.js';
import { botMessages, call, openStream, pollUntil, say, startConversation, type Started } from './directline/directline-client.js';

const from = (address: string) => ({ 'x-forwarded-for': address });
const floodAddress = (wave: number, index: number) => `198.18.${wave}.${index}`;

/** A sample of /metrics; a counter never counted has no line, which is 0. */
async function metric(url: string, line: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const row = text.split('\n').find((entry) => entry.startsWith(`${line} `));
  return row === undefined ? 0 : Number(row.slice(line.length + 1));
}

/**
 * `addresses` clients each ask for `perAddress` tokens, all at once; every other token is also
 * started (the bot greets), as a script that opens the widget's page would. Returns the answers.
 */
async function flood(url: string, addresses: string[], perAddress: number): Promise<{ issued: number; refused: number }> {
  let issued = 0;
  let refused = 0;
  await Promise.all(
    addresses.map(async (address) => {
      for (let i = 0; i < perAddress; i += 1) {
        const minted = await call(url, 'POST', '/api/brands/generic-store/token', { headers: from(address) });
        if (minted.status !== 200) {
          refused += 1;
          continue;
        }
        issued += 1;
        if (i % 2 === 0) await call(url, 'POST', '/v3/directline/conversations', { token: minted.body.token, headers: from(address) });
      }
    }),
  );
  return { issued, refused };
}

/** A new shopper from a fresh address: a token, the greeting, a question, its answer. */
async function visit(url: string, address: string): Promise<'served' | string> {
  let chat: Started;
  try {
    chat = await startConversation(url, 'kendra-scott-mall', from(address));
  } catch (error) {
    return String(error);
  }
  const greeted = await pollUntil(url, chat, (list) => botMessages(list).length > 0);
  const posted = await say(url, chat, 'how long do refunds take?', undefined, from(address));
  if (posted.status !== 200) return `say: ${posted.status} ${JSON.stringify(posted.body)}`;
  const { activities } = await pollUntil(url, chat, (list) => list.some((activity) => activity.replyToId === posted.body.id && activity.type === 'message'), greeted.watermark);
  const reply = activities.find((activity) => activity.replyToId === posted.body.id && activity.type === 'message');
  return /refund/i.test(reply?.text ?? '') ? 'served' : `reply: ${reply?.text}`;
}

/** One message and its answer in a conversation already going. */
async function answered(url: string, chat: Started, text: string, address: string): Promise<string | undefined> {
  const posted = await say(url, chat, text, undefined, from(address));
  expect(posted.status).toBe(200);
  const { activities } = await pollUntil(url, chat, (list) => list.some((activity) => activity.replyToId === posted.body.id && activity.type === 'message'));
  return activities.find((activity) => activity.replyToId === posted.body.id && activity.type === 'message')?.text;
}

describe('the widget in memory under a flood of tokens', () => {
  let app: RunningWidget | undefined;
  let now = new Date();
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('still serves every new visitor from a fresh address, and keeps the shoppers already talking', { timeout: 120_000 }, async () => {
    // A small widget (60 conversations, 120 kept by the bot) so a short flood fills it many times over.
    app = await startWidgetServer({ TRUST_PROXY: 'true', DIRECTLINE_MAX_CONVERSATIONS: '60', STATE_MAX_CONVERSATIONS: '120' });
    const talking = await startConversation(app.url, 'kendra-scott-mall', from('192.0.2.1'));
    expect(await answered(app.url, talking, 'where is my order?', '192.0.2.1')).toMatch(/order number/);

    const first = await flood(app.url, Array.from({ length: 40 }, (_, i) => floodAddress(1, i)), 20);
    // Each address may start 20 a minute, and hold 10 of them.
    expect(first.issued).toBe(800);
    expect(await metric(app.url, 'clasp_conversations_kept{holder="widget"}')).toBeLessThanOrEqual(60);

    const outcomes: string[] = [];
    for (let i = 0; i < 5; i += 1) outcomes.push(await visit(app.url, `203.0.113.${i + 1}`));
    console.log(`new visitors served after a flood of ${first.issued} tokens (${first.refused} refused): ${outcomes.filter((outcome) => outcome === 'served').length}/5`);
    expect(outcomes).toEqual(Array(5).fill('served'));

    // A visitor whose page opened just before another wave, and who types once it has passed.
    const late = await startConversation(app.url, 'kendra-scott-mall', from('203.0.113.50'));
    const greeted = await pollUntil(app.url, late, (list) => botMessages(list).length > 0);
    await flood(app.url, Array.from({ length: 40 }, (_, i) => floodAddress(2, i)), 20);
    // The wave made its room from conversations nobody had spoken in: the late visitor's among them.
    expect(await app.widget.log.get(late.conversationId)).toBeUndefined();
    const posted = await say(app.url, late, 'how long do refunds take?', undefined, from('203.0.113.50'));
    expect(posted.status).toBe(200);
    const reply = await pollUntil(app.url, late, (list) => list.some((activity) => activity.replyToId === posted.body.id && activity.type === 'message'), greeted.watermark);
    expect(botMessages(reply.activities).at(-1)?.text).toMatch(/refund/i);

    // The shopper who spoke before the flood goes on where they were.
    expect(await answered(app.url, talking, 'KS-100234', '192.0.2.1')).toMatch(/email/i);
    expect(await metric(app.url, 'clasp_conversations_refused_total{holder="state"}')).toBe(0);
    expect(await metric(app.url, 'clasp_conversations_refused_total{holder="widget"}')).toBe(0);
  });

  it('lets one client (an IPv4 address, an IPv6 /64) hold only DIRECTLINE_CONVERSATIONS_PER_CLIENT', async () => {
    app = await startWidgetServer({ TRUST_PROXY: 'true', DIRECTLINE_CONVERSATIONS_PER_CLIENT: '10' });
    for (let i = 0; i < 20; i += 1) expect((await call(app.url, 'POST', '/api/brands/generic-store/token', { headers: from('198.51.100.7') })).status).toBe(200);
    expect(await metric(app.url, 'clasp_conversations_kept{holder="widget"}')).toBe(10);
    // Every address of one /64 is one client, and so is its IPv4-mapped form.
    for (let i = 1; i <= 20; i += 1) expect((await call(app.url, 'POST', '/api/brands/generic-store/token', { headers: from(`2001:db8:7:7::${i.toString(16)}`) })).status).toBe(200);
    expect(await metric(app.url, 'clasp_conversations_kept{holder="widget"}')).toBe(20);
    await call(app.url, 'POST', '/api/brands/generic-store/token', { headers: from('::ffff:198.51.100.7') });
    expect(await metric(app.url, 'clasp_conversations_kept{holder="widget"}')).toBe(20);
  });

  it('refuses a client whose every conversation has a shopper talking, with 429 and Retry-After', async () => {
    app = await startWidgetServer({ TRUST_PROXY: 'true', DIRECTLINE_CONVERSATIONS_PER_CLIENT: '2' });
    const address = '198.51.100.8';
    const chats = [await startConversation(app.url, 'kendra-scott-mall', from(address)), await startConversation(app.url, 'kendra-scott-mall', from(address))];
    for (const chat of chats) expect(await answered(app.url, chat, 'hello', address)).toBeTruthy();
    const refused = await call(app.url, 'POST', '/api/brands/generic-store/token', { headers: from(address) });
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ error: 'too_many_conversations' });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another client is not held back by this one.
    expect((await call(app.url, 'POST', '/api/brands/generic-store/token', { headers: from('198.51.100.9') })).status).toBe(200);
    for (const chat of chats) expect(await answered(app.url, chat, 'thanks', address)).toBeTruthy();
  });

  it('drops a conversation with no message after DIRECTLINE_FIRST_MESSAGE_SECONDS; its visitor typing later is still answered', async () => {
    now = new Date();
    app = await startWidgetServer({ TRUST_PROXY: 'true' }, { now: () => now });
    const talking = await startConversation(app.url, 'kendra-scott-mall', from('192.0.2.1'));
    expect(await answered(app.url, talking, 'hello', '192.0.2.1')).toBeTruthy();
    const silent = await startConversation(app.url, 'kendra-scott-mall', from('192.0.2.2'));
    const greeted = await pollUntil(app.url, silent, (list) => botMessages(list).length > 0);
    for (let i = 0; i < 4; i += 1) await call(app.url, 'POST', '/api/brands/generic-store/token', { headers: from(`192.0.2.${10 + i}`) });
    expect(await metric(app.url, 'clasp_conversations_kept{holder="widget"}')).toBe(6);

    now = new Date(now.getTime() + 119_000);
    expect(await metric(app.url, 'clasp_conversations_kept{holder="widget"}')).toBe(6);
    now = new Date(now.getTime() + 2_000);
    // Only the conversation someone spoke in still counts.
    expect(await metric(app.url, 'clasp_conversations_kept{holder="widget"}')).toBe(1);
    // The silent page still polls and reconnects with its token; watching holds no room.
    const polled = await call(app.url, 'GET', `/v3/directline/conversations/${silent.conversationId}/activities?watermark=${greeted.watermark}`, { token: silent.token });
    expect(polled).toMatchObject({ status: 200, body: { activities: [], watermark: greeted.watermark } });
    expect((await call(app.url, 'GET', `/v3/directline/conversations/${silent.conversationId}`, { token: silent.token })).status).toBe(200);
    expect(await metric(app.url, 'clasp_conversations_kept{holder="widget"}')).toBe(1);

    // The silent visitor's page is still open: what they type now is answered in the same window,
    // on the stream it (re)opens and on the polls alike.
    const stream = await openStream(silent.streamUrl);
    const posted = await say(app.url, silent, 'how long do refunds take?', undefined, from('192.0.2.2'));
    expect(posted.status).toBe(200);
    try {
      const pushed = await stream.next((all) => all.some((activity) => activity.replyToId === posted.body.id && activity.type === 'message'));
      expect(pushed.find((activity) => activity.replyToId === posted.body.id && activity.type === 'message')?.text).toMatch(/refund/i);
    } finally {
      stream.socket.close();
    }
    const { activities } = await pollUntil(app.url, silent, (list) => list.some((activity) => activity.replyToId === posted.body.id && activity.type === 'message'), greeted.watermark);
    expect(Number((await call(app.url, 'GET', `/v3/directline/conversations/${silent.conversationId}/activities`, { token: silent.token })).body.watermark)).toBeGreaterThan(Number(greeted.watermark));
    expect(botMessages(activities).at(-1)?.text).toMatch(/refund/i);
    expect(await metric(app.url, 'clasp_conversations_kept{holder="widget"}')).toBe(2);
    expect(await answered(app.url, talking, 'thanks', '192.0.2.1')).toBeTruthy();
  });
});

const redisAvailable = requireRedisOrSkip();

describe.runIf(redisAvailable)('the widget on Redis under a flood of tokens', () => {
  let redis: TestRedis;
  let client: Redis;
  let app: RunningWidget;
  const FIRST_MESSAGE_SECONDS = 3;

  beforeAll(async () => {
    redis = await startRedis();
    client = new Redis(redis.url);
    app = await startWidgetServer({ STATE_STORE: 'redis', REDIS_URL: redis.url, TRUST_PROXY: 'true', DIRECTLINE_FIRST_MESSAGE_SECONDS: String(FIRST_MESSAGE_SECONDS) });
  });

  afterAll(async () => {
    await app?.close();
    client?.disconnect();
    await redis?.remove();
  });

  /** The widget conversations Redis holds, each with the milliseconds it has left. */
  async function held(): Promise<Map<string, number>> {
    const keys = new Map<string, number>();
    let cursor = '0';
    do {
      const [next, batch] = await client.scan(cursor, 'MATCH', 'clasp:dl:*:info', 'COUNT', 1000);
      cursor = next;
      for (const key of batch) keys.set(key, await client.pttl(key));
    } while (cursor !== '0');
    return keys;
  }

  it('holds ten conversations per client, each for seconds until its visitor speaks, and serves every new visitor', { timeout: 120_000 }, async () => {
    const talking = await startConversation(app.url, 'kendra-scott-mall', from('192.0.2.1'));
    expect(await answered(app.url, talking, 'where is my order?', '192.0.2.1')).toMatch(/order number/);

    const wave = await flood(app.url, Array.from({ length: 20 }, (_, i) => floodAddress(3, i)), 20);
    expect(wave.issued).toBe(400);
    const during = await held();
    // 20 clients × 10 each, and the shopper talking.
    expect(during.size).toBeLessThanOrEqual(20 * 10 + 1);
    const pending = [...during.values()].filter((ttl) => ttl <= FIRST_MESSAGE_SECONDS * 1000);
    expect(pending.length).toBeGreaterThanOrEqual(during.size - 1);

    const outcomes: string[] = [];
    for (let i = 0; i < 5; i += 1) outcomes.push(await visit(app.url, `203.0.113.${i + 1}`));
    console.log(`Redis: new visitors served after a flood of ${wave.issued} tokens: ${outcomes.filter((outcome) => outcome === 'served').length}/5`);
    expect(outcomes).toEqual(Array(5).fill('served'));

    await new Promise((resolve) => setTimeout(resolve, FIRST_MESSAGE_SECONDS * 1000 + 300));
    // What is left: the conversations someone spoke in, kept for the idle hour.
    const after = await held();
    expect(after.size).toBe(1 + 5);
    for (const ttl of after.values()) expect(ttl).toBeGreaterThan(FIRST_MESSAGE_SECONDS * 1000);
    expect(await answered(app.url, talking, 'KS-100234', '192.0.2.1')).toMatch(/email/i);
  });
});
