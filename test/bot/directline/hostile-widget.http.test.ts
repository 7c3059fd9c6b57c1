// The widget's Direct Line endpoint against a hostile visitor, through the real app: typing is
// relayed and never stored, every activity counts against the limits, payloads are capped, the
// history never replays a card number, a full log makes room only from conversations nobody spoke
// in and otherwise refuses newcomers rather than evict a shopper, and a broken stream URL is the visitor's 400, not our 500.
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../bot/logger.js';
import { CARD_REDACTED } from '../../../knowledge/handoff/redaction.js';
import { startWidgetServer, type RunningWidget } from '../../support/widget-server.js';
import { activitiesPath, botMessages, call, openStream, pollUntil, say, startConversation, type Started } from './directline-client.js';

let app: RunningWidget | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

const greeted = (activities: Array<{ type: string; from?: { role?: string } }>) => activities.some((a) => a.type === 'message' && a.from?.role === 'bot');

function post(started: Started, body: unknown) {
  return call(app!.url, 'POST', activitiesPath(started.conversationId), { token: started.token, body });
}

async function metric(url: string, line: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const row = text.split('\n').find((entry) => entry.startsWith(`${line} `));
  return row === undefined ? Number.NaN : Number(row.slice(line.length + 1));
}

describe('typing', () => {
  it('is relayed to the open stream and stored nowhere, its value included', async () => {
    app = await startWidgetServer();
    const chat = await startConversation(app.url);
    const { watermark } = await pollUntil(app.url, chat, greeted);
    const stream = await openStream(chat.streamUrl);
    try {
      await stream.next(greeted);
      const typed = await post(chat, { type: 'typing', from: { id: 'web-user', role: 'user' }, value: { note: 'x'.repeat(3000) }, channelData: { clientActivityID: 'typing-1' } });
      expect(typed.status).toBe(200);
      const pushed = await stream.next((all) => all.some((activity) => activity.type === 'typing' && activity.from?.role === 'user'));
      const relayed = pushed.find((activity) => activity.type === 'typing' && activity.from?.role === 'user');
      expect(relayed).toMatchObject({ id: typed.body.id, channelData: { clientActivityID: 'typing-1' } });
      expect(relayed?.value).toBeUndefined();
      // The relayed set carries the stream's watermark, not a new one.
      expect(stream.sets.at(-1)?.watermark).toBe(watermark);
    } finally {
      stream.socket.close();
    }
    const history = await call(app.url, 'GET', activitiesPath(chat.conversationId), { token: chat.token });
    expect(history.body.watermark).toBe(watermark);
    expect(history.body.activities.filter((activity: { from?: { role?: string } }) => activity.from?.role === 'user')).toEqual([]);
  });

  it('counts against the message limits like every other activity', async () => {
    app = await startWidgetServer({ MESSAGES_PER_CONVERSATION: '3', MESSAGES_WINDOW_SECONDS: '60' });
    const chat = await startConversation(app.url);
    const statuses: number[] = [];
    for (const type of ['typing', 'typing', 'event', 'typing', 'message']) statuses.push((await post(chat, { type, name: 'ping', text: type === 'message' ? 'hi' : undefined })).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });
});

describe('payloads', () => {
  it.each([
    ['value', { type: 'event', name: 'x', value: { blob: 'x'.repeat(5000) } }, /value must be at most 4096/],
    ['channelData', { type: 'message', text: 'hi', channelData: { clientActivityID: 'a', extra: 'x'.repeat(5000) } }, /channelData must be at most 4096/],
    ['typing value', { type: 'typing', value: { blob: 'x'.repeat(60_000) } }, /value must be at most 4096/],
  ])('refuses a %s over 4 KB of JSON with a 400', async (_name, body, message) => {
    app = await startWidgetServer();
    const chat = await startConversation(app.url);
    const posted = await post(chat, body);
    expect(posted.status).toBe(400);
    expect(posted.body.message).toMatch(message);
  });

  it('answers a value nested 5,000 deep with a 400, and the conversation keeps answering', async () => {
    app = await startWidgetServer();
    const chat = await startConversation(app.url);
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    const posted = await call(app.url, 'POST', activitiesPath(chat.conversationId), { token: chat.token, rawBody: `{"type":"event","name":"x","value":${deep}}` });
    expect(posted.status).toBe(400);
    expect(posted.body).toMatchObject({ error: 'too_deep' });
    expect((await call(app.url, 'GET', activitiesPath(chat.conversationId), { token: chat.token })).status).toBe(200);
    expect((await say(app.url, chat, 'hello')).status).toBe(200);
  });
});

describe('card numbers', () => {
  it.each([
    ['dots', '4111.1111.1111.1111'],
    ['full-width digits', '４１１１ １１１１ １１１１ １１１１'],
    ['a line break between groups', '4111 1111\n1111 1111'],
    ['plain spaces', '4111 1111 1111 1111'],
  ])('never reach the widget history (%s)', async (_name, card) => {
    app = await startWidgetServer();
    const chat = await startConversation(app.url);
    const posted = await say(app.url, chat, `my card is ${card} please help`);
    expect(posted.status).toBe(200);
    const { activities } = await pollUntil(app.url, chat, (list) => list.some((activity) => activity.id === posted.body.id) && botMessages(list).length >= 2);
    const echo = activities.find((activity) => activity.id === posted.body.id);
    expect(echo?.text).toBe(`my card is ${CARD_REDACTED} please help`);
    expect(JSON.stringify(activities)).not.toMatch(/1111|１１１１/);
  });
});

describe('a full widget log', () => {
  it('refuses new conversations with 503 and Retry-After once every one has a shopper talking, and those shoppers keep talking', async () => {
    app = await startWidgetServer({ DIRECTLINE_MAX_CONVERSATIONS: '3', CONVERSATION_STARTS_PER_CLIENT: '1000' });
    const shoppers: Started[] = [];
    for (let i = 0; i < 3; i += 1) {
      const shopper = await startConversation(app.url);
      await pollUntil(app.url, shopper, greeted);
      expect((await say(app.url, shopper, 'hello')).status).toBe(200);
      shoppers.push(shopper);
    }
    const statuses: number[] = [];
    let refused: Awaited<ReturnType<typeof call>> | undefined;
    for (let i = 0; i < 4; i += 1) {
      const minted = await call(app.url, 'POST', '/api/brands/generic-store/token');
      statuses.push(minted.status);
      if (minted.status === 503) refused = minted;
    }
    expect(statuses).toEqual([503, 503, 503, 503]);
    expect(refused?.headers.get('retry-after')).toBe('60');
    expect(refused?.body).toMatchObject({ error: 'busy', message: expect.stringMatching(/try again/) });
    // Nobody was evicted to make room.
    for (const shopper of shoppers) {
      const reply = await say(app.url, shopper, 'where is my order?');
      expect(reply.status).toBe(200);
      await pollUntil(app.url, shopper, (list) => list.some((activity) => activity.replyToId === reply.body.id && activity.type === 'message'));
    }
    expect(await metric(app.url, 'clasp_conversations_refused_total{holder="widget"}')).toBe(4);
    expect(await metric(app.url, 'clasp_conversations_kept{holder="widget"}')).toBe(3);
    expect(await metric(app.url, 'clasp_conversations_kept_bytes{holder="widget"}')).toBeGreaterThan(1000);
  });

  it('makes room from the oldest conversations nobody has spoken in', async () => {
    app = await startWidgetServer({ DIRECTLINE_MAX_CONVERSATIONS: '3', CONVERSATION_STARTS_PER_CLIENT: '1000' });
    const talking = await startConversation(app.url);
    expect((await say(app.url, talking, 'hello')).status).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await call(app.url, 'POST', '/api/brands/generic-store/token')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
    expect(await metric(app.url, 'clasp_conversations_kept{holder="widget"}')).toBe(3);
    expect(await app.widget.log.get(talking.conversationId)).toMatchObject({ spoken: true });
  });
});

describe('the stream URL', () => {
  it('answers broken percent-encoding with 400 before any token check, and logs no error', async () => {
    const lines: string[] = [];
    app = await startWidgetServer({}, { logger: createLogger({ logLevel: 'debug' }, { write: (line: string) => void lines.push(line) }) });
    const { port } = new URL(app.url);
    for (const path of ['/v3/directline/conversations/%E0%A4%A/stream?t=x', '/v3/directline/conversations/%ZZ/stream', '/v3/directline/conversations/%/stream?t=']) {
      const answer = await new Promise<string>((resolve) => {
        const socket = connect(Number(port), '127.0.0.1');
        let received = '';
        socket.setTimeout(2_000, () => socket.destroy());
        socket.on('data', (chunk) => {
          received += chunk.toString('latin1');
        });
        socket.on('close', () => resolve(received));
        socket.on('error', () => resolve(received));
        socket.write(`GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`);
      });
      expect(answer, path).toMatch(/^HTTP\/1\.1 400 /);
    }
    const errors = lines.map((line) => JSON.parse(line) as { level: number; msg: string }).filter((entry) => entry.level >= 50);
    expect(errors).toEqual([]);
  });
});
