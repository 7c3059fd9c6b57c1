// Against a real redis-server on loopback: two Clasp instances sharing conversations,
// compare-and-set saves, expiry, and an outage Clasp reports and recovers from by itself.
import { Redis } from 'ioredis';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RedisStorage } from '../../bot/state/redis.storage.js';
import { isStorageConflict } from '../../bot/state/storage-errors.js';
import type { MessageReader } from '../../knowledge/reading/read-message.js';
import { createReader } from '../support/reading.js';
import { newConversationId, say, startClasp, type RunningClasp } from '../support/clasp-server.js';
import * as dl from './directline/directline-client.js';
import { requireRedisOrSkip, startRedis, type TestRedis } from '../support/redis-server.js';

const available = requireRedisOrSkip();

describe.runIf(available)('conversations on Redis', () => {
  let redis: TestRedis;
  let client: Redis;
  let reader: MessageReader;
  let a: RunningClasp;
  let b: RunningClasp;

  beforeAll(async () => {
    redis = await startRedis();
    client = new Redis(redis.url);
    // This test client sees the outage too; the test watches Clasp, not it.
    client.on('error', () => undefined);
    reader = createReader();
    const env = { STATE_STORE: 'redis', REDIS_URL: redis.url };
    [a, b] = await Promise.all([startClasp(env, { reader }), startClasp(env, { reader })]);
  });

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    client?.disconnect();
    await redis?.remove();
  });

  it('lets two instances take alternate turns of one tracking conversation', async () => {
    const id = newConversationId();
    expect((await say(a.url, 'kendra-scott-mall', id, 'where is my order'))[0]?.channelData?.support?.awaiting).toBe('orderNumber');
    expect((await say(b.url, 'kendra-scott-mall', id, 'KS-100234'))[0]?.channelData?.support?.awaiting).toBe('email');
    expect((await say(a.url, 'kendra-scott-mall', id, 'shopper@example.com'))[0]?.text).toMatch(/KS-100234 has shipped with UPS/);
  });

  it('answers simultaneous messages to one conversation on both instances without losing either', async () => {
    const id = newConversationId();
    await say(a.url, 'kendra-scott-mall', id, 'where is my order');
    const [first, second] = await Promise.all([
      say(a.url, 'kendra-scott-mall', id, 'how long do refunds take?'),
      say(b.url, 'kendra-scott-mall', id, 'do you ship internationally?'),
    ]);
    expect(first[0]?.text).toMatch(/Refunds/);
    expect(second[0]?.text).toMatch(/ship|international/i);
    const transcript = await b.clasp.conversations.transcript(`kendra-scott-mall/test/conversations/${id}`);
    expect(transcript.filter((line) => line.from === 'shopper')).toHaveLength(3);
  });

  it('refuses a save on a stale eTag, writes a batch whole or not at all, and expires idle items', async () => {
    const storage = new RedisStorage(client, { ttlSeconds: 1, prefix: 'test:cas:' });
    await storage.write({ one: { n: 1 } });
    const { one } = await storage.read(['one']);
    await storage.write({ one: { n: 2, eTag: one?.eTag } });
    await expect(storage.write({ two: { n: 1 }, one: { n: 3, eTag: one?.eTag } })).rejects.toSatisfy(isStorageConflict);
    expect(await storage.read(['one', 'two'])).toEqual({ one: { n: 2, eTag: expect.any(String) } });
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(await storage.read(['one'])).toEqual({});
  });

  it('reports not ready and asks shoppers to retry while Redis is down, and recovers with the conversation intact', { timeout: 60_000 }, async () => {
    const id = newConversationId();
    await say(a.url, 'kendra-scott-mall', id, 'where is my order');
    await redis.stop();
    try {
      await vi.waitFor(async () => expect((await fetch(`${a.url}/readyz`)).status).toBe(503), { timeout: 10_000 });
      const [reply] = await say(a.url, 'kendra-scott-mall', id, 'KS-100234');
      expect(reply?.text).toMatch(/can't reach my records for a moment\. Please send that again/);
    } finally {
      await redis.start();
    }
    await vi.waitFor(async () => expect((await fetch(`${a.url}/readyz`)).status).toBe(200), { timeout: 20_000, interval: 200 });
    // The order number was not taken while Redis was away; the flow still waits for it.
    expect((await say(b.url, 'kendra-scott-mall', id, 'KS-100234'))[0]?.channelData?.support?.awaiting).toBe('email');
  });
});

describe.runIf(available)('limits shared on Redis', () => {
  let redis: TestRedis;
  let instances: RunningClasp[] = [];

  beforeAll(async () => {
    redis = await startRedis();
  });

  afterAll(async () => {
    await Promise.all(instances.map((instance) => instance.close()));
    await redis?.remove();
  });

  it('locks out order guessing across instances and counts messages per client on all of them', async () => {
    const env = { STATE_STORE: 'redis', REDIS_URL: redis.url, VERIFY_FAILURES_PER_CLIENT: '2', MESSAGES_PER_CLIENT: '12' };
    instances = await Promise.all([startClasp(env), startClasp(env)]);
    const [a, b] = instances as [RunningClasp, RunningClasp];
    // One failed guess on each instance spends this client's two.
    for (const instance of [a, b]) {
      const id = newConversationId();
      await say(instance.url, 'kendra-scott-mall', id, 'track KS-100234');
      expect((await say(instance.url, 'kendra-scott-mall', id, 'not-the-owner@example.com'))[0]?.text).toMatch(/couldn't find|don't match|do not match|no order/i);
    }
    const id = newConversationId();
    await say(a.url, 'kendra-scott-mall', id, 'track KS-100234');
    const [locked] = await say(a.url, 'kendra-scott-mall', id, 'shopper@example.com');
    expect(locked?.text).not.toMatch(/has shipped/);
    expect(locked?.text).toMatch(/too many order lookups from here/);

    // Six messages were sent above; six more, alternating instances, and the next is refused.
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      const instance = i % 2 === 0 ? a : b;
      const response = await fetch(`${instance.url}/api/brands/kendra-scott-mall/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: 'hi', deliveryMode: 'expectReplies', channelId: 'test', conversation: { id: newConversationId() }, from: { id: 'u' }, recipient: { id: 'clasp' } }),
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429]);
  });
});

describe.runIf(available)('the widget on two instances sharing Redis', () => {
  let redis: TestRedis;
  let instances: RunningClasp[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    const env = { STATE_STORE: 'redis', REDIS_URL: redis.url, DIRECTLINE_SECRET: 'a-secret-both-instances-share-0123456789' };
    instances = await Promise.all([startClasp(env), startClasp(env)]);
  });

  afterAll(async () => {
    await Promise.all(instances.map((instance) => instance.close()));
    await redis?.remove();
  });

  it('is one conversation whichever instance each poll, post and the WebSocket reach', async () => {
    const [a, b] = instances as [RunningClasp, RunningClasp];
    const chat = await dl.startConversation(a.url);
    // Greeted once, though both instances were asked to start it.
    await dl.call(b.url, 'POST', '/v3/directline/conversations', { token: chat.token });
    const greeting = await dl.pollUntil(b.url, chat, (activities) => dl.botMessages(activities).length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(dl.botMessages((await dl.pollUntil(a.url, chat, () => true)).activities)).toHaveLength(1);

    // The stream on b pushes the reply to a message posted on a.
    const socket = new WebSocket(chat.streamUrl.replace(new URL(a.url).host, new URL(b.url).host).replace(/watermark=\d*/, `watermark=${greeting.watermark}`));
    const pushed: Array<{ activities: Array<{ id: string; type: string; replyToId?: string; text?: string }> }> = [];
    socket.on('message', (data) => pushed.push(JSON.parse(String(data))));
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    try {
      const posted = await dl.say(a.url, chat, 'where is my order');
      await vi.waitFor(() => expect(pushed.flatMap((set) => set.activities).some((activity) => activity.replyToId === posted.body.id && activity.type === 'message')).toBe(true), { timeout: 10_000 });
      const second = await dl.say(b.url, chat, 'KS-100234');
      const replies = await dl.pollUntil(a.url, chat, dl.answered(second.body.id), greeting.watermark);
      const answer = replies.activities.find((activity) => activity.replyToId === second.body.id && activity.type === 'message');
      expect(answer?.text).toMatch(/email/i);
      // Every activity once, with ids that count up across both instances.
      const all = (await dl.pollUntil(b.url, chat, () => true)).activities;
      expect(new Set(all.map((activity) => activity.id)).size).toBe(all.length);
      expect(all.map((activity) => activity.id)).toEqual([...all.map((activity) => activity.id)].sort());
    } finally {
      socket.close();
    }
  });
});
