// Through the real app on loopback: rate limits per conversation, per client
// address (X-Forwarded-For only with TRUST_PROXY) and per client for handoffs; Bot Framework JWT
// auth enforced on the message routes once MicrosoftAppId is set.
import { afterEach, describe, expect, it } from 'vitest';
import { activityBody, newConversationId, postActivity, say, startClasp, type RunningClasp } from '../support/clasp-server.js';

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
