import { randomBytes } from 'node:crypto';
import { RateLimiterRes } from 'rate-limiter-flexible';
import type restify from 'restify';
import { clientKeyOf } from '../client-key.js';
import type { Clasp } from '../clasp.js';
import { ORIGIN_NOT_ALLOWED, originNotAllowedMessage, type OriginPolicy, type OriginVerdict } from './allowed-origins.js';
import { clientAddress, publicOrigin } from './client-address.js';
import { reopenedSequence, type ConversationLog, type OpenOptions } from './conversation-log.js';
import { widgetStateKey } from './directline-channel.js';
import type { DirectLineConversations } from './directline-conversations.js';
import { BUSY_ERROR, BUSY_MESSAGE, BUSY_RETRY_SECONDS, BUSY_STATUS } from '../state/admission.js';
import { clientActivitySchema, describeProblems, noBodySchema, watermarkSchema } from './directline.schema.js';
import { bearerToken, type TokenGrant, type TokenIssuer } from './directline-token.js';
import type { WidgetConfig } from './widget-config.js';

export const DIRECTLINE_PATH = '/v3/directline';

export interface DirectLineRouteDeps {
  clasp: Clasp;
  config: WidgetConfig;
  log: ConversationLog;
  tokens: TokenIssuer;
  conversations: DirectLineConversations;
  /** Which sites' pages may call these routes (CORS), per brand. */
  origins: OriginPolicy;
  now: () => Date;
}

type Handler = (req: restify.Request, res: restify.Response) => Promise<void>;

// Direct Line answers are per visitor and carry tokens: never cached, never sniffed.
function sendJson(res: restify.Response, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.header('Cache-Control', 'no-store');
  res.header('X-Content-Type-Options', 'nosniff');
  for (const [name, value] of Object.entries(headers)) res.header(name, value);
  res.send(status, body);
}

function sendError(res: restify.Response, status: number, error: string, message: string, headers?: Record<string, string>): void {
  sendJson(res, status, { error, message }, headers);
}

// CORS (docs/widget.md): what an allowed site's page may send. Web Chat's Direct Line client adds
// x-ms-bot-agent to every call.
const CORS_ALLOWED_HEADERS = 'Authorization, Content-Type, x-ms-bot-agent';
const CORS_EXPOSED_HEADERS = 'Retry-After, request-id';
const CORS_MAX_AGE_SECONDS = 600;

/**
 * Lets an allowed site's page read this answer. Every answer varies by origin. Set, not added:
 * a call is judged twice (any brand's sites, then its token's).
 */
function allowOrigin(res: restify.Response, verdict: OriginVerdict): void {
  res.setHeader('Vary', 'Origin');
  if (verdict.kind !== 'allowed') return;
  res.setHeader('Access-Control-Allow-Origin', verdict.origin);
  res.setHeader('Access-Control-Expose-Headers', CORS_EXPOSED_HEADERS);
}

/** The path's query string, parsed (the app has no query parser). */
function query(req: restify.Request): URLSearchParams {
  return new URL(req.url ?? '/', 'http://localhost').searchParams;
}

export function streamPath(conversationId: string): string {
  return `${DIRECTLINE_PATH}/conversations/${encodeURIComponent(conversationId)}/stream`;
}

/** The Direct Line 3.0 calls Web Chat makes, plus the storefront's token call. */
export function registerDirectLineRoutes(server: restify.Server, deps: DirectLineRouteDeps): void {
  const { clasp, config, log, tokens, conversations, origins } = deps;
  const trustProxy = clasp.config.trustProxy;
  const starts = clasp.limiters({ points: config.startsPerClient, duration: config.startsWindowSeconds, keyPrefix: 'directline-start' });
  // One client is an IPv4 address or an IPv6 /64: a visitor picks any address in their /64.
  const clientOf = (req: restify.Request) => clientKeyOf(clientAddress(req, trustProxy));

  /**
   * Opens a conversation for `client`, or sends why not: 503 while the bot's store or the log is
   * full of conversations whose shoppers are talking, 429 while this client holds all it may and
   * has spoken in each. No conversation a shopper has spoken in is dropped to make room.
   */
  const open = async (res: restify.Response, grant: Pick<TokenGrant, 'conversationId' | 'brand' | 'user'>, client: string, opening?: OpenOptions): Promise<boolean> => {
    const busy = (holder: 'state' | 'widget') => {
      clasp.metrics.conversationRefused(holder);
      sendError(res, BUSY_STATUS, BUSY_ERROR, BUSY_MESSAGE, { 'Retry-After': String(BUSY_RETRY_SECONDS) });
      return false;
    };
    if (!clasp.conversations.admits(widgetStateKey(grant.brand, grant.conversationId))) return busy('state');
    const admission = await log.create(grant.conversationId, { brand: grant.brand, user: grant.user, client }, opening);
    if (admission === 'full') return busy('widget');
    if (admission === 'client_full') {
      clasp.metrics.rateLimited('conversation_starts');
      const limit = config.conversationsPerClient;
      sendError(res, 429, 'too_many_conversations', `This address already has ${limit} conversation${limit === 1 ? '' : 's'} going; finish one or try again later.`, {
        'Retry-After': String(BUSY_RETRY_SECONDS),
      });
      return false;
    }
    return true;
  };

  /**
   * The token's grant, or an error sent: 401 without a valid token, 403 for another conversation.
   * A good token whose conversation is gone (dropped before its visitor spoke, or forgotten once
   * idle) still holds: the page that has it is open. Reading (`whenGone: 'read'`: polls, the
   * reconnect, a refresh) keeps it gone, so a page that only watches holds no room; the visitor
   * posting (`'open'`) or the page starting (`'greet'`, the bot greets) opens it again, within the
   * same bounds as a new one, counting from past any watermark the page holds.
   */
  const authorize = async (req: restify.Request, res: restify.Response, conversationId: string | undefined, whenGone: 'read' | 'open' | 'greet'): Promise<TokenGrant | undefined> => {
    const token = bearerToken(req.header('authorization'));
    if (token === undefined) {
      sendError(res, 401, 'unauthorized', 'A widget token is required: Authorization: Bearer <token>.');
      return undefined;
    }
    const check = tokens.verify(token);
    if (!check.ok) {
      if (check.reason === 'expired') sendError(res, 401, 'token_expired', 'The widget token has expired; reload the page to start again.');
      else sendError(res, 401, 'unauthorized', 'The widget token is not valid.');
      return undefined;
    }
    // A token signed before a restart that removed its store's folder.
    if (!clasp.kb.hasBrand(check.grant.brand)) {
      sendError(res, 404, 'unknown_brand', 'This storefront is no longer served; reload the page.');
      return undefined;
    }
    // Another store's site holding this token: only the token's own store's sites may use it.
    if (!admitOrigin(req, res, check.grant.brand)) return undefined;
    if (conversationId !== undefined && conversationId !== check.grant.conversationId) {
      sendError(res, 403, 'forbidden', 'This token is for another conversation.');
      return undefined;
    }
    const info = await log.get(check.grant.conversationId);
    if (info === undefined) {
      if (whenGone === 'read') return check.grant;
      const opened = await open(res, check.grant, clientOf(req), { firstSequence: reopenedSequence(deps.now()), started: whenGone === 'open' });
      return opened ? check.grant : undefined;
    }
    if (info.brand !== check.grant.brand || info.user !== check.grant.user) {
      sendError(res, 404, 'conversation_not_found', 'The conversation has ended or expired; reload the page to start a new one.');
      return undefined;
    }
    return check.grant;
  };

  const noBody = (req: restify.Request, res: restify.Response): boolean => {
    const parsed = noBodySchema.safeParse(req.body);
    if (!parsed.success) sendError(res, 400, 'invalid_body', describeProblems(parsed.error));
    return parsed.success;
  };

  const remaining = (grant: TokenGrant) => Math.max(0, grant.expiresAt - Math.floor(deps.now().getTime() / 1000));

  const connection = (req: restify.Request, grant: TokenGrant, token: string, watermark: number | undefined) => {
    const origin = publicOrigin(req, trustProxy, 'ws');
    const stream = new URLSearchParams({ t: token });
    if (watermark !== undefined) stream.set('watermark', String(watermark));
    return {
      conversationId: grant.conversationId,
      token,
      expires_in: remaining(grant),
      ...(origin === undefined ? {} : { streamUrl: `${origin}${streamPath(grant.conversationId)}?${stream}` }),
    };
  };

  const currentToken = (req: restify.Request) => bearerToken(req.header('authorization')) ?? '';

  const unknownBrand = (res: restify.Response, brand: unknown) =>
    sendError(res, 404, 'unknown_brand', `No storefront is called "${String(brand)}". Known brands: ${clasp.kb.brandIds.join(', ')}.`);

  /**
   * Judges the request's origin against `brand`'s sites (every brand's when undefined) and lets an
   * allowed one read the answer; a refused site gets a 403 and nothing it can read.
   */
  const admitOrigin = (req: restify.Request, res: restify.Response, brand: string | undefined): boolean => {
    const verdict = origins.check(req, brand);
    allowOrigin(res, verdict);
    if (verdict.kind !== 'refused') return true;
    sendError(res, 403, ORIGIN_NOT_ALLOWED, originNotAllowedMessage(brand));
    return false;
  };

  /** The CORS preflight (OPTIONS) of a route taking `methods`: 204 for an allowed site, else 403. */
  const preflight = (methods: string, brandOf?: (req: restify.Request) => string | undefined | null): Handler => async (req, res) => {
    res.header('Vary', 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers');
    const brand = brandOf?.(req);
    if (brand === null) return unknownBrand(res, req.params?.brandId);
    const verdict = origins.check(req, brand);
    if (verdict.kind === 'refused') return sendError(res, 403, ORIGIN_NOT_ALLOWED, originNotAllowedMessage(brand));
    res.header('Allow', `${methods}, OPTIONS`);
    if (verdict.kind === 'allowed') {
      res.header('Access-Control-Allow-Origin', verdict.origin);
      res.header('Access-Control-Allow-Methods', `${methods}, OPTIONS`);
      res.header('Access-Control-Allow-Headers', CORS_ALLOWED_HEADERS);
      res.header('Access-Control-Max-Age', String(CORS_MAX_AGE_SECONDS));
    }
    res.header('Cache-Control', 'no-store');
    res.send(204);
  };

  /** A Direct Line route: its token names the brand, so the origin is judged against any brand's first, then the token's. */
  const directLine = (handler: Handler): Handler => async (req, res) => {
    if (!admitOrigin(req, res, undefined)) return;
    await handler(req, res);
  };

  server.opts('/api/brands/:brandId/token', preflight('POST', (req) => {
    const brand: unknown = req.params?.brandId;
    return clasp.kb.hasBrand(brand) ? brand : null;
  }));
  server.post('/api/brands/:brandId/token', async (req, res) => {
    const brand: unknown = req.params?.brandId;
    if (!clasp.kb.hasBrand(brand)) return unknownBrand(res, brand);
    if (!admitOrigin(req, res, brand)) return;
    if (!noBody(req, res)) return;
    try {
      await starts.consume(clientAddress(req, trustProxy));
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      clasp.metrics.rateLimited('conversation_starts');
      const retryAfter = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      return sendError(res, 429, 'too_many_conversations', `Too many new conversations from this address; try again in ${retryAfter} s.`, { 'Retry-After': String(retryAfter) });
    }
    const conversationId = randomBytes(16).toString('base64url');
    const user = `dl_${randomBytes(9).toString('base64url')}`;
    if (!(await open(res, { conversationId, brand, user }, clientOf(req)))) return;
    const { token, grant } = tokens.issue({ conversationId, brand, user });
    sendJson(res, 200, { conversationId, token, expires_in: grant.expiresAt - grant.issuedAt });
  });

  const startConversation: Handler = async (req, res) => {
    if (!noBody(req, res)) return;
    const grant = await authorize(req, res, undefined, 'greet');
    if (grant === undefined) return;
    await conversations.start(grant, clientAddress(req, trustProxy));
    sendJson(res, 201, connection(req, grant, currentToken(req), undefined));
  };
  server.opts(`${DIRECTLINE_PATH}/conversations`, preflight('POST'));
  server.post(`${DIRECTLINE_PATH}/conversations`, directLine(startConversation));

  server.opts(`${DIRECTLINE_PATH}/conversations/:conversationId`, preflight('GET'));
  server.get(`${DIRECTLINE_PATH}/conversations/:conversationId`, directLine(async (req, res) => {
    const grant = await authorize(req, res, String(req.params?.conversationId), 'read');
    if (grant === undefined) return;
    const watermark = watermarkSchema.safeParse(query(req).get('watermark') ?? '');
    if (!watermark.success) return sendError(res, 400, 'invalid_watermark', describeProblems(watermark.error));
    sendJson(res, 200, connection(req, grant, currentToken(req), watermark.data));
  }));

  server.opts(`${DIRECTLINE_PATH}/conversations/:conversationId/activities`, preflight('GET, POST'));
  server.get(`${DIRECTLINE_PATH}/conversations/:conversationId/activities`, directLine(async (req, res) => {
    const grant = await authorize(req, res, String(req.params?.conversationId), 'read');
    if (grant === undefined) return;
    const watermark = watermarkSchema.safeParse(query(req).get('watermark') ?? '');
    if (!watermark.success) return sendError(res, 400, 'invalid_watermark', describeProblems(watermark.error));
    // Gone (see authorize): nothing new until the visitor posts and it is opened again.
    const set = await log.read(grant.conversationId, watermark.data);
    sendJson(res, 200, set ?? { activities: [], watermark: String(watermark.data ?? 0) });
  }));

  server.post(`${DIRECTLINE_PATH}/conversations/:conversationId/activities`, directLine(async (req, res) => {
    const grant = await authorize(req, res, String(req.params?.conversationId), 'open');
    if (grant === undefined) return;
    const parsed = clientActivitySchema.safeParse(req.body);
    if (!parsed.success) return sendError(res, 400, 'invalid_activity', `Not an activity Clasp accepts: ${describeProblems(parsed.error)}`);
    // Every activity counts, typing and events too: each is a request the service answers.
    const verdict = await clasp.limits.message(widgetStateKey(grant.brand, grant.conversationId), clientAddress(req, trustProxy));
    if (!verdict.allowed) {
      const wait = String(verdict.retryAfterSeconds);
      return sendError(res, 429, 'rate_limited', `Too many messages; send this again in ${wait} s.`, { 'Retry-After': wait });
    }
    let posted = await conversations.post(grant, parsed.data, clientAddress(req, trustProxy));
    if (posted === 'gone') {
      // Dropped between the token check and the post (room was needed): opened again, once.
      if ((await authorize(req, res, grant.conversationId, 'open')) === undefined) return;
      posted = await conversations.post(grant, parsed.data, clientAddress(req, trustProxy));
    }
    if (posted === 'busy') {
      return sendError(res, 429, 'busy', 'Still answering your earlier messages; send this again in a moment.', { 'Retry-After': '2' });
    }
    if (posted === 'gone') return sendError(res, 404, 'conversation_not_found', 'The conversation has ended or expired; reload the page to start a new one.');
    sendJson(res, 200, posted);
  }));

  server.opts(`${DIRECTLINE_PATH}/tokens/refresh`, preflight('POST'));
  server.post(`${DIRECTLINE_PATH}/tokens/refresh`, directLine(async (req, res) => {
    if (!noBody(req, res)) return;
    const grant = await authorize(req, res, undefined, 'read');
    if (grant === undefined) return;
    const { token, grant: fresh } = tokens.issue(grant);
    sendJson(res, 200, { conversationId: fresh.conversationId, token, expires_in: fresh.expiresAt - fresh.issuedAt });
  }));
}
