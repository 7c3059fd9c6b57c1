import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Logger } from '../logger.js';
import type { OriginPolicy } from './allowed-origins.js';
import type { ActivitySet, ConversationLog } from './conversation-log.js';
import { DIRECTLINE_PATH } from './directline.routes.js';
import { watermarkSchema } from './directline.schema.js';
import type { TokenIssuer } from './directline-token.js';

export interface DirectLineStream {
  /** Closes every open stream (the HTTP server cannot finish closing while they are open). */
  close(): Promise<void>;
}

const STREAM_PATH = new RegExp(`^${DIRECTLINE_PATH}/conversations/([^/]+)/stream$`);
const PING_EVERY_MS = 30_000;
const MAX_STREAMS_PER_CONVERSATION = 8;
// Web Chat sends an empty message every 20 s to keep the socket open; nothing else is read.
const MAX_INCOMING_BYTES = 1024;

function parsedUrl(path: string): URL | undefined {
  try {
    return new URL(path, 'http://localhost');
  } catch {
    return undefined;
  }
}

function decodedSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function reject(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** The activities of `set` from sequence number `from` on (a set's watermark counts past its last). */
function after(set: ActivitySet, from: number): ActivitySet {
  const first = Number(set.watermark) - set.activities.length;
  return { activities: set.activities.slice(Math.max(0, from - first)), watermark: set.watermark };
}

/**
 * The Direct Line `streamUrl`: a WebSocket per visitor that receives `{activities, watermark}`
 * as they are logged, starting with whatever came after the watermark it was opened with.
 * The token rides in the URL (as with Azure's Direct Line) because browsers cannot set
 * headers on a WebSocket; the socket closes when that token expires, and Web Chat reconnects
 * with its refreshed one.
 */
export function attachDirectLineStream(
  httpServer: Server,
  deps: { log: ConversationLog; tokens: TokenIssuer; origins: OriginPolicy; now: () => Date; logger: Logger },
): DirectLineStream {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_INCOMING_BYTES });
  const open = new Map<string, number>();

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    void (async () => {
      const url = parsedUrl(req.url ?? '/');
      if (url === undefined) return reject(socket, 400, 'Bad Request');
      const match = STREAM_PATH.exec(url.pathname);
      if (match === null) return reject(socket, 404, 'Not Found');
      // A visitor's typo, not our failure: broken percent-encoding is a 400 with nothing logged.
      const conversationId = decodedSegment(match[1] ?? '');
      if (conversationId === undefined) return reject(socket, 400, 'Bad Request');
      const check = deps.tokens.verify(url.searchParams.get('t') ?? '');
      if (!check.ok) return reject(socket, 401, 'Unauthorized');
      if (check.grant.conversationId !== conversationId) return reject(socket, 403, 'Forbidden');
      // Browsers apply no CORS to WebSockets but send the page's Origin: only the pages of Clasp
      // and of the token's own store's sites may stream (docs/widget.md).
      if (deps.origins.check(req, check.grant.brand).kind === 'refused') return reject(socket, 403, 'Forbidden');
      const watermark = watermarkSchema.safeParse(url.searchParams.get('watermark') ?? '');
      if (!watermark.success) return reject(socket, 400, 'Bad Request');
      // A conversation gone with its token still good (dropped before its visitor spoke, or idle)
      // is watched as it is: it pushes again once the visitor posts and it is opened again.
      const info = await deps.log.get(conversationId);
      if (info !== undefined && info.user !== check.grant.user) return reject(socket, 404, 'Not Found');
      if ((open.get(conversationId) ?? 0) >= MAX_STREAMS_PER_CONVERSATION) return reject(socket, 429, 'Too Many Requests');
      wss.handleUpgrade(req, socket, head, (ws) => {
        serve(ws, conversationId, watermark.data ?? 0, check.grant.expiresAt * 1000 - deps.now().getTime()).catch((error: unknown) => {
          deps.logger.error({ err: error, conversationId }, 'direct line stream failed');
          ws.close(1011, 'stream failed');
        });
      });
    })().catch((error: unknown) => {
      deps.logger.error({ err: error }, 'direct line stream upgrade failed');
      reject(socket, 500, 'Internal Server Error');
    });
  };
  httpServer.on('upgrade', onUpgrade);

  async function serve(ws: WebSocket, conversationId: string, from: number, tokenLifeMs: number): Promise<void> {
    open.set(conversationId, (open.get(conversationId) ?? 0) + 1);
    let sent = from;
    let replayed = false;
    const early: ActivitySet[] = [];
    const push = (set: ActivitySet) => {
      const fresh = after(set, sent);
      if (fresh.activities.length === 0 || ws.readyState !== ws.OPEN) return;
      ws.send(JSON.stringify(fresh));
      sent = Number(fresh.watermark);
    };
    // Typing is passed on as it comes, at the watermark this stream has reached; one that
    // arrives while the backlog is replayed is stale by the time it could be shown.
    const relay = (set: ActivitySet) => {
      if (replayed && ws.readyState === ws.OPEN) ws.send(JSON.stringify({ activities: set.activities, watermark: String(sent) }));
    };
    // Subscribe before reading the backlog, so nothing logged in between is missed.
    const unsubscribe = deps.log.subscribe(conversationId, (set, relayed) => {
      if (relayed) relay(set);
      else if (replayed) push(set);
      else early.push(set);
    });
    let alive = true;
    const ping = setInterval(() => {
      if (!alive) return ws.terminate();
      alive = false;
      ws.ping();
    }, PING_EVERY_MS);
    const expiry = setTimeout(() => ws.close(1000, 'token expired'), Math.max(0, tokenLifeMs));
    ws.on('pong', () => {
      alive = true;
    });
    ws.on('close', () => {
      unsubscribe();
      clearInterval(ping);
      clearTimeout(expiry);
      const count = (open.get(conversationId) ?? 1) - 1;
      if (count <= 0) open.delete(conversationId);
      else open.set(conversationId, count);
    });
    ws.on('error', (error) => deps.logger.debug({ err: error }, 'direct line stream error'));

    const backlog = await deps.log.read(conversationId, from);
    if (backlog !== undefined) push(backlog);
    replayed = true;
    for (const set of early) push(set);
  }

  return {
    close: async () => {
      httpServer.off('upgrade', onUpgrade);
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
