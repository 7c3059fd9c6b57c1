// Through the real app on loopback: rate limits per conversation, per client address
// (X-Forwarded-For only with TRUST_PROXY, and then only what the trusted proxies wrote) and per
// client for handoffs; a full conversation store refusing newcomers; JSON too deep for anything
// to serialize; restify's own log lines; Bot Framework JWT auth once MicrosoftAppId is set.
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../bot/logger.js';
import { activityBody, join, newConversationId, postActivity, say, startClasp, type RunningClasp } from '../support/clasp-server.js';

let app: RunningClasp | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function post(url: string, conversationId: string, text: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}/api/brands/kendra-scott-mall/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(activityBody(conversationId, { type: 'message', text })),
  });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as any };
}

describe('rate limits', () => {
  it('answers 429 with Retry-After once one conversation sends too many messages, and other conversations go on', async () => {
    app = await startClasp({ MESSAGES_PER_CONVERSATION: '3', MESSAGES_WINDOW_SECONDS: '60' });
    const chatty = newConversationId();
    for (let i = 0; i < 3; i += 1) expect((await post(app.url, chatty, 'how long do refunds take?')).status).toBe(200);
    const refused = await post(app.url, chatty, 'how long do refunds take?');
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(refused.body).toMatchObject({ error: 'rate_limited' });
    expect((await say(app.url, 'kendra-scott-mall', newConversationId(), 'how long do refunds take?'))[0]?.text).toMatch(/Refunds/);
  });

  it('counts messages per client address across conversations, trusting X-Forwarded-For only with TRUST_PROXY', async () => {
    app = await startClasp({ MESSAGES_PER_CLIENT: '2' });
    // Without TRUST_PROXY a forged header changes nothing: all three come from this socket.
    const statuses = [];
    for (const forwarded of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) statuses.push((await post(app.url, newConversationId(), 'hi', { 'x-forwarded-for': forwarded })).status);
    expect(statuses).toEqual([200, 200, 429]);
    await app.close();

    app = await startClasp({ MESSAGES_PER_CLIENT: '2', TRUST_PROXY: 'true' });
    const proxied = [];
    for (const forwarded of ['10.0.0.1', '10.0.0.1', '10.0.0.1', '10.0.0.2']) proxied.push((await post(app.url, newConversationId(), 'hi', { 'x-forwarded-for': forwarded })).status);
    expect(proxied).toEqual([200, 200, 429, 200]);
  });

  it('behind an appending proxy, counts the address the proxy saw, not the one the client wrote', async () => {
    // The client forges X-Forwarded-For; the proxy (this socket, one hop) appends the real address.
    app = await startClasp({ TRUST_PROXY: 'true', DIRECTLINE_SECRET: 'test-secret-test-secret-test-secret-0123' });
    let issued = 0;
    for (let i = 0; i < 60; i += 1) {
      const response = await fetch(`${app.url}/api/brands/generic-store/token`, { method: 'POST', headers: { 'x-forwarded-for': `203.0.113.${i}, 198.51.100.9` } });
      if (response.status === 200) issued += 1;
    }
    expect(issued).toBe(20);
    // Another real client behind the same proxy has its own allowance.
    expect((await fetch(`${app.url}/api/brands/generic-store/token`, { method: 'POST', headers: { 'x-forwarded-for': '198.51.100.10' } })).status).toBe(200);
    await app.close();

    // Two proxies (a CDN, then a load balancer), given as addresses: the first address neither wrote.
    app = await startClasp({ TRUST_PROXY: 'loopback, 10.0.0.0/8', MESSAGES_PER_CLIENT: '2' });
    const statuses = [];
    for (const forged of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) {
      statuses.push((await post(app.url, newConversationId(), 'hi', { 'x-forwarded-for': `${forged}, 198.51.100.9, 10.1.2.3` })).status);
    }
    expect(statuses).toEqual([200, 200, 429]);
  });

  it('keeps a handoff over the limit instead of sending it, and says so politely', async () => {
    app = await startClasp({ HANDOFFS_PER_CLIENT: '1', HANDOFFS_WINDOW_SECONDS: '3600' });
    const handOff = async () => {
      const id = newConversationId();
      // Name, email, then the order number if asked (there is none), then the description.
      for (const text of ['talk to a person', 'Jane Doe', 'jane@example.com']) await say(app!.url, 'kendra-scott-mall', id, text);
      const asked = await say(app!.url, 'kendra-scott-mall', id, "I don't have one");
      if (asked.at(-1)?.channelData?.support?.awaiting === 'description') await say(app!.url, 'kendra-scott-mall', id, 'A question about my ring size');
      return { id, done: await say(app!.url, 'kendra-scott-mall', id, 'yes') };
    };
    expect((await handOff()).done[0]?.text).toMatch(/^Done: /);
    const second = await handOff();
    expect(second.done[0]?.text).toMatch(/I've kept it: say yes in about \d+ minutes? and I'll send it/);
    expect(second.done[0]?.channelData?.support?.awaiting).toBe('confirm');
    expect(await app.clasp.handoff.outbox.list()).toHaveLength(1);
  });
});

describe('a full conversation store', () => {
  it('refuses new conversations with 503 and Retry-After and keeps every conversation already there', async () => {
    app = await startClasp({ STATE_MAX_CONVERSATIONS: '3' });
    const kept = [newConversationId(), newConversationId(), newConversationId()];
    for (const id of kept) expect((await say(app.url, 'kendra-scott-mall', id, 'where is my order?'))[0]?.channelData?.support?.awaiting).toBe('orderNumber');
    for (const refused of [newConversationId(), newConversationId()]) {
      const started = await post(app.url, refused, 'hi');
      expect(started.status).toBe(503);
      expect(started.retryAfter).toBe('60');
      expect(started.body).toMatchObject({ error: 'busy', message: expect.stringMatching(/try again/) });
    }
    await expect(join(app.url, 'kendra-scott-mall', newConversationId())).rejects.toThrow(/503/);
    // Each conversation already kept goes on where it was.
    for (const id of kept) expect((await say(app.url, 'kendra-scott-mall', id, 'KS-100234'))[0]?.channelData?.support?.awaiting).toBe('email');
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toContain('clasp_conversations_kept{holder="state"} 3');
    expect(metrics).toContain('clasp_conversations_refused_total{holder="state"} 3');
    expect(metrics).toMatch(/clasp_conversations_kept_bytes\{holder="state"\} [1-9]\d{3,}/);
  });

  it('counts the JSON it keeps against STATE_MAX_MB', async () => {
    app = await startClasp({ STATE_MAX_MB: '1', MESSAGES_PER_CLIENT: '100000' });
    // Each long message adds about 2 KB of transcript: a few hundred fill a megabyte.
    const long = `${'please help me with my order '.repeat(68)}`;
    let refusedAt = -1;
    for (let i = 0; i < 700 && refusedAt < 0; i += 1) {
      const response = await post(app.url, `fill-${i}`, long);
      if (response.status === 503) refusedAt = i;
      else expect(response.status).toBe(200);
    }
    expect(refusedAt).toBeGreaterThan(100);
    expect((await say(app.url, 'kendra-scott-mall', 'fill-0', 'hi')).length).toBeGreaterThan(0);
  });
});

describe('JSON nested deeper than any activity', () => {
  it.each(['conversation', 'from', 'channelData', 'value'])('is a 400 in %s, not a 500, and the conversation keeps answering', async (field) => {
    app = await startClasp();
    const id = newConversationId();
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    const body = JSON.stringify(activityBody(id, { type: 'message', text: 'hi' }));
    const nested = field === 'conversation' ? body.replace('"conversation":{', `"conversation":{"x":${deep},`) : `${body.slice(0, -1)},"${field}":${field === 'from' ? `{"id":"a","x":${deep}}` : deep}}`;
    const { status, body: answer } = await postActivity(app.url, '/api/brands/kendra-scott-mall/messages', nested);
    expect(status).toBe(400);
    expect(answer).toEqual({ error: 'too_deep', message: 'The JSON body is nested more than 64 levels deep.' });
    expect((await say(app.url, 'kendra-scott-mall', id, 'hi')).length).toBeGreaterThan(0);
  });
});

describe("restify's own log lines", () => {
  it("go through Clasp's logger: scrubbed, with no request headers, query or body", async () => {
    const lines: string[] = [];
    app = await startClasp({}, { logger: createLogger({ logLevel: 'info' }, { write: (line: string) => void lines.push(line) }) });
    // restify logs with req.log (a handler's discarded value, a reply it cannot format); this
    // route makes it log the way it does then, with the request.
    app.app.server.post('/restify-log-probe', async (req, res) => {
      req.log.warn({ req, err: new Error('cannot format the reply for jane@example.com') }, 'restify would say');
      res.send(204);
    });
    const response = await fetch(`${app.url}/restify-log-probe?t=widget-token-in-query`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer secret-bearer-token' },
      body: JSON.stringify({ text: 'my card is 4111 1111 1111 1111' }),
    });
    expect(response.status).toBe(204);
    const logged = lines.map((line) => JSON.parse(line) as Record<string, any>).find((entry) => entry.msg === 'restify would say');
    expect(logged).toMatchObject({ component: 'restify', req: { method: 'POST', path: '/restify-log-probe' } });
    const all = lines.join('\n');
    for (const secret of ['secret-bearer-token', 'widget-token-in-query', '4111', 'jane@example.com']) expect(all).not.toContain(secret);
  });
});

describe('Bot Framework authentication', () => {
  const SECURE = { MicrosoftAppId: '00000000-0000-0000-0000-00000000c1a5', MicrosoftAppPassword: 'not-a-real-password' };
  const forged = ['Bearer not-a-jwt', `Bearer ${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"iss":"https://evil.invalid"}').toString('base64url')}.`];

  it('refuses a message without a valid token with a JSON 401 and runs no turn', async () => {
    app = await startClasp(SECURE);
    const id = newConversationId();
    for (const headers of [{}, ...forged.map((authorization) => ({ authorization }))]) {
      const response = await post(app.url, id, 'where is my order', headers);
      expect(response.status).toBe(401);
      expect(response.body).toEqual({ error: 'unauthorized', message: 'A valid Bot Framework token is required.' });
    }
    const { status } = await postActivity(app.url, '/api/messages', activityBody(id, { type: 'conversationUpdate', membersAdded: [{ id: 'shopper-1', name: 'Shopper' }] }));
    expect(status).toBe(401);
    expect((await app.clasp.conversations.load(`kendra-scott-mall/test/conversations/${id}`)).eTag).toBeUndefined();
  });
});
