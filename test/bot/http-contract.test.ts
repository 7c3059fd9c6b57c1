import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityBody, join, newConversationId, postActivity, say, startClasp, type RunningClasp } from '../support/clasp-server.js';

let app: RunningClasp;
beforeAll(async () => {
  app = await startClasp();
});
afterAll(async () => {
  await app.close();
});

describe('POST /api/brands/:brandId/messages', () => {
  it('greets a shopper who joins with the main actions as suggested actions', async () => {
    const [welcome, ...rest] = await join(app.url, 'kendra-scott-mall', newConversationId());
    expect(rest).toEqual([]);
    expect(welcome?.text).toContain('Kendra Scott Mall');
    expect(welcome?.channelData.support).toEqual({ brand: 'kendra-scott-mall', topic: 'greeting', confidence: 1, sources: [], awaiting: null });
    expect(welcome?.suggestedActions?.actions.map((action) => action.title)).toEqual([
      'Track my order',
      'Start a return',
      'Shipping & delivery',
      'Talk to a person',
    ]);
  });

  it('answers on /api/messages for the default brand', async () => {
    const { status, body } = await postActivity(app.url, '/api/messages', activityBody(newConversationId(), { type: 'message', text: 'how long do refunds take?' }));
    expect(status).toBe(200);
    // No DEFAULT_BRAND here: the default is the first brand folder by name.
    expect(app.clasp.defaultBrand).toBe(app.clasp.kb.brandIds[0]);
    expect(body.activities[0].channelData.support).toMatchObject({ brand: 'generic-store', topic: 'refund.timeline' });
  });

  it('answers on /api/messages for DEFAULT_BRAND when it is set', async () => {
    const other = await startClasp({ DEFAULT_BRAND: 'james-avery-malls' });
    try {
      const { status, body } = await postActivity(other.url, '/api/messages', activityBody(newConversationId(), { type: 'message', text: 'how long do refunds take?' }));
      expect(status).toBe(200);
      expect(body.activities[0].channelData.support).toMatchObject({ brand: 'james-avery-malls', topic: 'refund.timeline' });
    } finally {
      await other.close();
    }
  });

  it('gives every message channelData.support in the shape docs/contracts.md gives', async () => {
    const [reply] = await say(app.url, 'generic-store', newConversationId(), 'what is the weather like in paris');
    const support = reply?.channelData.support;
    expect(Object.keys(support).sort()).toEqual(['awaiting', 'brand', 'confidence', 'sources', 'topic']);
    expect(support.topic).toBe('out_of_scope');
    expect(reply?.text).toMatch(/help/i);
  });

  it('answers 404 for an unknown brand', async () => {
    const { status, body } = await postActivity(app.url, '/api/brands/tiffany/messages', activityBody(newConversationId(), { type: 'message', text: 'hi' }));
    expect(status).toBe(404);
    expect(body.error).toBe('unknown_brand');
    expect(body.message).toEqual(expect.any(String));
  });

  it.each([
    ['malformed JSON', '{"type": "message", '],
    ['a body that is not an object', '[1,2,3]'],
    ['an activity without a type', JSON.stringify({ conversation: { id: 'c1' }, deliveryMode: 'expectReplies', text: 'hi' })],
    ['an activity without a conversation id', JSON.stringify({ type: 'message', conversation: {}, deliveryMode: 'expectReplies', text: 'hi' })],
    ['a type that is not a string', JSON.stringify({ type: 42, conversation: { id: 'c1' }, deliveryMode: 'expectReplies' })],
  ])('answers 400, not 500, to %s', async (_name, body) => {
    const response = await postActivity(app.url, '/api/brands/generic-store/messages', body);
    expect(response.status).toBe(400);
  });

  it('ignores an activity type it does not handle', async () => {
    const { status, body } = await postActivity(app.url, '/api/brands/generic-store/messages', activityBody(newConversationId(), { type: 'typing' }));
    expect(status).toBe(200);
    expect(body.activities).toEqual([]);
  });
});

describe('serviceUrl allow-list with auth off', () => {
  let channel: { url: string; received: string[]; close(): Promise<void> };
  beforeAll(async () => {
    const received: string[] = [];
    const server = createServer((req: IncomingMessage, res) => {
      received.push(`${req.method} ${req.url}`);
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: 'reply-1' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    channel = { url: `http://127.0.0.1:${port}`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
  });
  afterAll(async () => {
    await channel.close();
  });

  it('refuses to reply to a serviceUrl outside the allow-list, and calls nobody', async () => {
    const strict = await startClasp({ ALLOWED_SERVICE_URLS: 'https://channel.example.com' });
    try {
      const body = activityBody(newConversationId(), { type: 'message', text: 'hi', serviceUrl: channel.url, id: 'a1' });
      delete body.deliveryMode;
      const response = await postActivity(strict.url, '/api/brands/generic-store/messages', body);
      expect(response.status).toBe(400);
      expect(response.body.error).toBe('service_url_not_allowed');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(channel.received).toEqual([]);
    } finally {
      await strict.close();
    }
  });

  it('posts the replies to an allowed loopback serviceUrl', async () => {
    const conversationId = newConversationId();
    const body = activityBody(conversationId, { type: 'message', text: 'how long does shipping take', serviceUrl: channel.url, id: 'a1' });
    delete body.deliveryMode;
    const response = await postActivity(app.url, '/api/brands/generic-store/messages', body);
    expect(response.status).toBe(200);
    expect(channel.received).toContain(`POST /v3/conversations/${conversationId}/activities/a1`);
  });
});
