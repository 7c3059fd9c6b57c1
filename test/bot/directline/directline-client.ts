import WebSocket from 'ws';
import type { ActivitySet, LoggedActivity } from '../../../bot/directline/conversation-log.js';

// A small Direct Line 3.0 client for the HTTP tests: what Web Chat does, one call at a time.

export interface Reply {
  status: number;
  headers: Headers;
  body: any;
}

export async function call(
  url: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined || options.rawBody !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${url}${path}`, {
    method,
    headers,
    body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text for the assertion to show
  }
  return { status: response.status, headers: response.headers, body };
}

export interface Started {
  conversationId: string;
  token: string;
  streamUrl: string;
}

/**
 * What a storefront page does: get a token, then start the conversation with it. `headers` go
 * with both calls (X-Forwarded-For, to be another client behind TRUST_PROXY).
 */
export async function startConversation(url: string, brand = 'kendra-scott-mall', headers: Record<string, string> = {}): Promise<Started> {
  const minted = await call(url, 'POST', `/api/brands/${brand}/token`, { headers });
  if (minted.status !== 200) throw new Error(`token: ${minted.status} ${JSON.stringify(minted.body)}`);
  const started = await call(url, 'POST', '/v3/directline/conversations', { token: minted.body.token, headers });
  if (started.status !== 201) throw new Error(`start: ${started.status} ${JSON.stringify(started.body)}`);
  return { conversationId: started.body.conversationId, token: started.body.token, streamUrl: started.body.streamUrl };
}

export function activitiesPath(conversationId: string, watermark?: string): string {
  return `/v3/directline/conversations/${encodeURIComponent(conversationId)}/activities${watermark === undefined ? '' : `?watermark=${watermark}`}`;
}

/** Polls (every 50 ms) until `done` holds for what came after `watermark`. */
export async function pollUntil(
  url: string,
  started: Pick<Started, 'conversationId' | 'token'>,
  done: (activities: LoggedActivity[]) => boolean,
  watermark?: string,
): Promise<{ activities: LoggedActivity[]; watermark: string }> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const polled = await call(url, 'GET', activitiesPath(started.conversationId, watermark), { token: started.token });
    if (polled.status !== 200) throw new Error(`poll: ${polled.status} ${JSON.stringify(polled.body)}`);
    if (done(polled.body.activities)) return polled.body;
    if (Date.now() > deadline) throw new Error(`gave up polling; got ${JSON.stringify(polled.body.activities.map((a: LoggedActivity) => [a.type, a.text]))}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export const botMessages = (activities: LoggedActivity[]) => activities.filter((a) => a.type === 'message' && a.from?.role === 'bot');

/**
 * For `pollUntil`: the bot has answered the activity `postedId`. Waiting for "any bot message"
 * instead takes a late welcome for the answer, and every later reply lands one turn late.
 */
export const answered = (postedId: string) => (activities: LoggedActivity[]) => activities.some((a) => a.replyToId === postedId && a.type === 'message');

export function say(
  url: string,
  started: Pick<Started, 'conversationId' | 'token'>,
  text: string,
  clientActivityID = `client-${Math.random().toString(36).slice(2)}`,
  headers: Record<string, string> = {},
): Promise<Reply> {
  return call(url, 'POST', activitiesPath(started.conversationId), {
    token: started.token,
    headers,
    body: { type: 'message', text, from: { id: 'web-user', name: 'Visitor', role: 'user' }, channelData: { clientActivityID }, textFormat: 'plain', locale: 'en-US' },
  });
}

/** Opens a stream and collects what it pushes. */
export function openStream(streamUrl: string): Promise<{ socket: WebSocket; sets: ActivitySet[]; next(done: (all: LoggedActivity[]) => boolean): Promise<LoggedActivity[]> }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(streamUrl);
    const sets: ActivitySet[] = [];
    const waiters: Array<() => void> = [];
    socket.on('message', (data) => {
      sets.push(JSON.parse(String(data)) as ActivitySet);
      for (const waiter of waiters) waiter();
    });
    socket.on('error', reject);
    socket.on('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    socket.on('open', () =>
      resolve({
        socket,
        sets,
        next: (done) =>
          new Promise((resolveNext, rejectNext) => {
            const check = () => {
              const all = sets.flatMap((set) => set.activities);
              if (done(all)) resolveNext(all);
            };
            waiters.push(check);
            check();
            setTimeout(() => rejectNext(new Error(`stream gave ${JSON.stringify(sets)}`)), 10_000).unref();
          }),
      }),
    );
  });
}
