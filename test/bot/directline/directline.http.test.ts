import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoggedActivity } from '../../../bot/directline/conversation-log.js';
import { startWidgetServer, type RunningWidget } from '../../support/widget-server.js';
import { activitiesPath, botMessages, call, openStream, pollUntil, say, startConversation, type Started } from './directline-client.js';

// A Friday afternoon in New York; the demo orders are dated from it. Tests move it forward.
let now = new Date('2026-11-20T19:00:00Z');
let app: RunningWidget;

beforeAll(async () => {
  const bundleDir = mkdtempSync(join(tmpdir(), 'clasp-webchat-test-'));
  writeFileSync(join(bundleDir, 'webchat.js'), 'window.WebChat = {};\n');
  app = await startWidgetServer({}, { now: () => now, webChatBundlePath: join(bundleDir, 'webchat.js') });
});
afterAll(async () => {
  await app?.close();
});

const greeted = (activities: LoggedActivity[]) => botMessages(activities).length > 0;

describe('starting a conversation', () => {
  it('gives the page a token bound to a new conversation', async () => {
    const minted = await call(app.url, 'POST', '/api/brands/kendra-scott-mall/token');
    expect(minted.status).toBe(200);
    expect(minted.body).toEqual({ conversationId: expect.any(String), token: expect.any(String), expires_in: 1800 });
    expect(minted.headers.get('cache-control')).toBe('no-store');
  });

  it('starts with a greeting and suggested actions before the visitor types', async () => {
    const minted = await call(app.url, 'POST', '/api/brands/kendra-scott-mall/token');
    const started = await call(app.url, 'POST', '/v3/directline/conversations', { token: minted.body.token });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ conversationId: minted.body.conversationId, token: minted.body.token, expires_in: expect.any(Number) });
    const { port } = new URL(app.url);
    expect(started.body.streamUrl).toMatch(new RegExp(`^ws://127\\.0\\.0\\.1:${port}/v3/directline/conversations/[\\w-]+/stream\\?t=`));

    const { activities, watermark } = await pollUntil(app.url, started.body, greeted);
    const [typing, greeting] = activities;
    expect(typing).toMatchObject({ type: 'typing', from: { role: 'bot' } });
    expect(greeting).toMatchObject({
      type: 'message',
      from: { id: 'clasp', role: 'bot' },
      channelId: 'directline',
      conversation: { id: minted.body.conversationId },
      channelData: { support: { brand: 'kendra-scott-mall', topic: 'greeting' } },
    });
    expect(greeting?.text).toContain('Kendra Scott Mall');
    expect(greeting?.suggestedActions?.actions.map((action) => action.title)).toContain('Track my order');
    for (const activity of activities) {
      expect(activity.id).toMatch(new RegExp(`^${minted.body.conversationId}\\|\\d{7}$`));
      expect(new Date(activity.timestamp).toISOString()).toBe(activity.timestamp);
    }
    expect(watermark).toBe(String(activities.length));

    // Starting again (a second tab with the same token) does not greet twice.
    expect((await call(app.url, 'POST', '/v3/directline/conversations', { token: minted.body.token })).status).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const again = await call(app.url, 'GET', activitiesPath(minted.body.conversationId, watermark), { token: minted.body.token });
    expect(again.body).toEqual({ activities: [], watermark });
  });

  it('answers 404 for an unknown brand', async () => {
    const minted = await call(app.url, 'POST', '/api/brands/acme/token');
    expect(minted.status).toBe(404);
    expect(minted.body).toMatchObject({ error: 'unknown_brand' });
  });
});

describe('posting and polling', () => {
  let chat: Started;
  let watermark: string;
  beforeAll(async () => {
    chat = await startConversation(app.url);
    watermark = (await pollUntil(app.url, chat, greeted)).watermark;
  });

  it('echoes the visitor with its clientActivityID, shows typing, then replies to it', async () => {
    const posted = await say(app.url, chat, 'track my order', 'client-activity-1');
    expect(posted.status).toBe(200);
    expect(posted.body).toEqual({ id: expect.any(String) });

    const { activities, watermark: next } = await pollUntil(app.url, chat, (list) => botMessages(list).length > 0, watermark);
    const [echo, typing, reply] = activities;
    expect(echo).toMatchObject({ id: posted.body.id, type: 'message', text: 'track my order', from: { role: 'user' }, channelData: { clientActivityID: 'client-activity-1' } });
    expect(typing).toMatchObject({ type: 'typing', from: { role: 'bot' }, replyToId: posted.body.id });
    expect(reply).toMatchObject({ type: 'message', from: { role: 'bot' }, replyToId: posted.body.id, channelData: { support: { topic: 'order.tracking', awaiting: 'orderNumber' } } });
    expect(Number(next)).toBe(Number(watermark) + 3);

    const after = await call(app.url, 'GET', activitiesPath(chat.conversationId, next), { token: chat.token });
    expect(after.body).toEqual({ activities: [], watermark: next });
    watermark = next;
  });

  it('runs one conversation’s turns one at a time, in order, up to the tracking card', async () => {
    const ids: string[] = [];
    for (const text of ['KS-100234', 'shopper@example.com']) ids.push((await say(app.url, chat, text)).body.id);
    const { activities } = await pollUntil(app.url, chat, (list) => botMessages(list).length >= 2, watermark);
    const replies = botMessages(activities);
    expect(replies.map((reply) => reply.replyToId)).toEqual(ids);
    expect(replies[0]?.channelData.support).toMatchObject({ awaiting: 'email' });
    expect(replies[1]?.attachments?.[0]).toMatchObject({ contentType: 'application/vnd.microsoft.card.hero', content: { title: 'Order KS-100234 has shipped' } });
  });

  it('reconnects with GET /conversations/:id, giving a stream URL from the watermark', async () => {
    const reconnected = await call(app.url, 'GET', `/v3/directline/conversations/${chat.conversationId}?watermark=3`, { token: chat.token });
    expect(reconnected.status).toBe(200);
    expect(reconnected.body).toMatchObject({ conversationId: chat.conversationId, token: chat.token });
    expect(reconnected.body.streamUrl).toContain('watermark=3');
  });
});

describe('the WebSocket stream', () => {
  it('pushes the greeting, then the echo and the reply as they happen', async () => {
    const chat = await startConversation(app.url);
    const stream = await openStream(chat.streamUrl);
    try {
      await stream.next(greeted);
      const posted = await say(app.url, chat, 'track my order', 'over-the-socket');
      const all = await stream.next((list) => list.some((activity) => activity.replyToId === posted.body.id && activity.type === 'message'));
      expect(all.find((activity) => activity.id === posted.body.id)).toMatchObject({ channelData: { clientActivityID: 'over-the-socket' } });
      // Each activity once, in order, each set's watermark counting past its last activity.
      expect(new Set(all.map((activity) => activity.id)).size).toBe(all.length);
      expect(stream.sets.at(-1)?.watermark).toBe(String(all.length));
    } finally {
      stream.socket.close();
    }
  });

  it('starts from the watermark in the stream URL', async () => {
    const chat = await startConversation(app.url);
    const { watermark } = await pollUntil(app.url, chat, greeted);
    const stream = await openStream(chat.streamUrl.replace(/$/, `&watermark=${watermark}`));
    try {
      await say(app.url, chat, 'hello');
      const all = await stream.next((list) => botMessages(list).length > 0);
      expect(all[0]?.text).toBe('hello');
    } finally {
      stream.socket.close();
    }
  });

  it('refuses a stream without a token or with another conversation’s', async () => {
    const [a, b] = [await startConversation(app.url), await startConversation(app.url)];
    const withoutToken = a.streamUrl.replace(/\?.*$/, '');
    await expect(openStream(withoutToken)).rejects.toThrow('HTTP 401');
    const crossed = b.streamUrl.replace(/\?t=[^&]+/, `?t=${a.token}`);
    await expect(openStream(crossed)).rejects.toThrow('HTTP 403');
  });
});

describe('tokens', () => {
  it('keep a visitor to their own conversation', async () => {
    const [a, b] = [await startConversation(app.url), await startConversation(app.url)];
    expect((await call(app.url, 'GET', activitiesPath(b.conversationId), { token: a.token })).status).toBe(403);
    expect((await say(app.url, { ...b, token: a.token }, 'hi')).status).toBe(403);
    expect((await call(app.url, 'GET', `/v3/directline/conversations/${b.conversationId}`, { token: a.token })).status).toBe(403);
    expect((await call(app.url, 'GET', activitiesPath(b.conversationId))).status).toBe(401);
    expect((await call(app.url, 'GET', activitiesPath(b.conversationId), { token: 'not-a-token' })).status).toBe(401);

    // A token whose payload was edited to name B fails its signature.
    const [header, , signature] = a.token.split('.');
    const claims = JSON.parse(Buffer.from(a.token.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, conv: b.conversationId })).toString('base64url')}.${signature}`;
    const denied = await call(app.url, 'GET', activitiesPath(b.conversationId), { token: forged });
    expect(denied.status).toBe(401);
    expect(denied.body).toMatchObject({ error: 'unauthorized' });
  });

  it('refresh: a new token for the same conversation', async () => {
    const chat = await startConversation(app.url);
    const refreshed = await call(app.url, 'POST', '/v3/directline/tokens/refresh', { token: chat.token });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).toEqual({ conversationId: chat.conversationId, token: expect.any(String), expires_in: 1800 });
    expect(refreshed.body.token).not.toBe(chat.token);
    expect((await call(app.url, 'GET', activitiesPath(chat.conversationId), { token: refreshed.body.token })).status).toBe(200);
  });

  it('expire: 401 once the token is older than its lifetime, refresh included', async () => {
    const chat = await startConversation(app.url);
    const before = now;
    try {
      now = new Date(before.getTime() + 1801 * 1000);
      const expired = await call(app.url, 'GET', activitiesPath(chat.conversationId), { token: chat.token });
      expect(expired.status).toBe(401);
      expect(expired.body).toMatchObject({ error: 'token_expired' });
      expect((await call(app.url, 'POST', '/v3/directline/tokens/refresh', { token: chat.token })).status).toBe(401);
    } finally {
      now = before;
    }
  });
});

describe('bad input', () => {
  let chat: Started;
  beforeAll(async () => {
    chat = await startConversation(app.url);
  });

  it.each([
    ['no type', { text: 'hi' }, /type/],
    ['an unknown type', { type: 'invoke', text: 'hi' }, /type must be/],
    ['text that is not a string', { type: 'message', text: 42 }, /text/],
    ['text too long', { type: 'message', text: 'x'.repeat(2001) }, /at most 2000/],
    ['attachments', { type: 'message', text: 'hi', attachments: [{ contentType: 'image/png', contentUrl: 'http://example.com/x.png' }] }, /attachments are not supported/],
    ['an array', [{ type: 'message' }], /body/],
  ])('400 for an activity with %s', async (_name, body, message) => {
    const posted = await call(app.url, 'POST', activitiesPath(chat.conversationId), { token: chat.token, body });
    expect(posted.status).toBe(400);
    expect(posted.body).toMatchObject({ error: 'invalid_activity' });
    expect(posted.body.message).toMatch(message);
  });

  it('400 for JSON that does not parse, and for a watermark that is not a number', async () => {
    expect((await call(app.url, 'POST', activitiesPath(chat.conversationId), { token: chat.token, rawBody: '{"type":' })).status).toBe(400);
    const polled = await call(app.url, 'GET', activitiesPath(chat.conversationId, 'abc'), { token: chat.token });
    expect(polled.status).toBe(400);
    expect(polled.body).toMatchObject({ error: 'invalid_watermark' });
  });

  it('400 for a token request with a body that is not an object', async () => {
    const minted = await call(app.url, 'POST', '/api/brands/kendra-scott-mall/token', { body: ['x'] });
    expect(minted.status).toBe(400);
    expect(minted.body).toMatchObject({ error: 'invalid_body' });
  });
});

describe('the website', () => {
  it('lists the brands with links to their storefronts', async () => {
    const page = await fetch(`${app.url}/`);
    const body = await page.text();
    for (const [id, name] of [['kendra-scott-mall', 'Kendra Scott Mall'], ['james-avery-malls', 'James Avery Malls'], ['james-avery-artisan', 'James Avery Artisan Jewelry'], ['generic-store', 'Generic Store']]) {
      expect(body).toContain(`href="/brands/${id}"`);
      expect(body).toContain(name);
    }
  });

  it('serves a storefront carrying the chat with the one embed tag, under a strict CSP and security headers', async () => {
    const page = await fetch(`${app.url}/brands/kendra-scott-mall`);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    const body = await page.text();
    expect(body).toContain('<title>Kendra Scott Mall: shop and support</title>');
    // The same tag a store puts on its own site (docs/widget.md): nothing else of the chat is in the page.
    expect(body).toContain('<script src="/embed.js" data-brand="kendra-scott-mall" async></script>');
    expect(body).not.toContain('/webchat.js');
    expect(body).not.toMatch(/<script>(?!<)/);
  });

  it('serves the chat frame, which only Clasp and the brand’s allowed sites may frame', async () => {
    const frame = await fetch(`${app.url}/embed/kendra-scott-mall`);
    expect(frame.status).toBe(200);
    const csp = frame.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    // X-Frame-Options cannot name several sites; frame-ancestors decides.
    expect(frame.headers.get('x-frame-options')).toBeNull();
    const body = await frame.text();
    expect(body).toContain('<title>Chat with Kendra Scott Mall</title>');
    expect(body).toContain('data-initials="KS"');
    expect(body).toContain('<script src="/assets/embed-frame.js" defer></script>');
    expect(body).not.toMatch(/<script>(?!<)/);
    expect((await fetch(`${app.url}/embed/no-such-store`)).status).toBe(404);
  });

  it('serves the embed script to any site', async () => {
    const script = await fetch(`${app.url}/embed.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(await script.text()).toContain('clasp-chat');
  });

  it('answers 404 with an escaped page for an unknown brand', async () => {
    const page = await fetch(`${app.url}/brands/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E`);
    expect(page.status).toBe(404);
    const body = await page.text();
    expect(body).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(body).not.toContain('<img');
  });

  it('shows the offline banner outside a brand’s stated hours only', async () => {
    const banner = async (brand: string) => (await (await fetch(`${app.url}/embed/${brand}`)).text()).includes('data-testid="offline-banner"');
    const before = now;
    try {
      now = new Date('2026-11-20T19:00:00Z'); // Friday 14:00 in New York: open
      expect(await banner('james-avery-malls')).toBe(false);
      now = new Date('2026-11-21T15:00:00Z'); // Saturday
      expect(await banner('james-avery-malls')).toBe(true);
      expect(await banner('james-avery-artisan')).toBe(true);
      const text = await (await fetch(`${app.url}/embed/james-avery-malls`)).text();
      expect(text).toContain('Monday-Friday, 9:00 AM-6:00 PM EST');
      expect(text).toContain('back Monday 9:00 AM EST');
      // Kendra Scott Mall's documents state no hours: never "offline".
      expect(await banner('kendra-scott-mall')).toBe(false);
    } finally {
      now = before;
    }
  });

  it('serves the Web Chat bundle, gzipped when the browser accepts it', async () => {
    const plain = await fetch(`${app.url}/webchat.js`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await plain.text()).toContain('window.WebChat');
    const zipped = await fetch(`${app.url}/webchat.js`);
    expect(await zipped.text()).toContain('window.WebChat');
  });
});

describe('limits', () => {
  let limited: RunningWidget;
  beforeAll(async () => {
    limited = await startWidgetServer({ CONVERSATION_STARTS_PER_CLIENT: '2', CONVERSATION_STARTS_WINDOW_SECONDS: '60' }, { webChatBundlePath: join(tmpdir(), 'clasp-no-such-bundle', 'webchat.js') });
  });
  afterAll(async () => {
    await limited?.close();
  });

  it('429 with Retry-After once a client has started too many conversations', async () => {
    for (let i = 0; i < 2; i += 1) expect((await call(limited.url, 'POST', '/api/brands/generic-store/token')).status).toBe(200);
    const refused = await call(limited.url, 'POST', '/api/brands/generic-store/token');
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ error: 'too_many_conversations' });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('503 with a page saying how to fetch Web Chat when the bundle is missing', async () => {
    const missing = await fetch(`${limited.url}/webchat.js`);
    expect(missing.status).toBe(503);
    expect(await missing.text()).toContain('npm run fetch:webchat');
  });
});
