import { ActivityTypes, type Activity, type TurnContext } from 'botbuilder';
import restify from 'restify';
import type { BrandId } from '../knowledge/brand-ids.js';
import { asActivity, describeActivityProblems, incomingActivitySchema, openRouteActivitySchema, WIDGET_CHANNEL_MESSAGE } from './activity.schema.js';
import type { Clasp } from './clasp.js';
import { createCloudAdapter, type AuthenticateRequestResult } from './cloud-adapter.js';
import { clientAddress } from './directline/client-address.js';
import { bearerToken } from './directline/directline-token.js';
import { tokenMatches } from './handoff/handoff-routes.js';
import { isLocalScrape } from './metrics.js';
import { isAllowedServiceUrl } from './service-url-rule.js';
import { BUSY_ERROR, BUSY_MESSAGE, BUSY_RETRY_SECONDS, BUSY_STATUS } from './state/admission.js';
import { conversationKeyOf } from './state/conversation-store.js';
import { setTurnOrigin } from './turn-origin.js';
import { registerWidgetRoutes, type Widget } from './website/widget.routes.js';

const MAX_BODY_BYTES = 64 * 1024;
// Deeper than any activity a channel sends (an Adaptive Card is a dozen levels); deeper JSON
// would overflow the stack of whatever serializes it next (a reply, a log line).
const MAX_JSON_DEPTH = 64;
// A client that trickles its headers or body is cut off rather than holding a socket for minutes.
const HEADERS_TIMEOUT_MS = 15_000;
const REQUEST_TIMEOUT_MS = 30_000;
// The activity types Clasp acts on; any other is acknowledged with no replies and no adapter turn
// (the stock adapter answers an unhandled invoke with 501, which a channel would retry).
const HANDLED_ACTIVITY_TYPES = new Set(['message', 'conversationUpdate']);
// Reflected client input (an unknown brand id) is cut to this many characters.
const MAX_ECHO_CHARS = 64;
const DEFAULT_GRACE_MS = 10_000;
const IDLE_SWEEP_MS = 50;

function sendError(res: restify.Response, status: number, error: string, message: string): void {
  res.send(status, { error, message });
}

function echo(value: unknown): string {
  const text = String(value);
  return text.length > MAX_ECHO_CHARS ? `${text.slice(0, MAX_ECHO_CHARS)}…` : text;
}

/** JSON bodies only: a POST, PUT or PATCH that carries a body of another type is answered 415. */
function requireJsonBody(req: restify.Request, res: restify.Response, next: restify.Next): void {
  const length = req.contentLength() ?? 0;
  if ((length <= 0 && !req.isChunked()) || !['POST', 'PUT', 'PATCH'].includes(req.method ?? '')) return next();
  if (length > MAX_BODY_BYTES) {
    sendError(res, 413, 'payload_too_large', `The request body is larger than ${MAX_BODY_BYTES / 1024} KB.`);
    return next(false);
  }
  const type = req.getContentType();
  if (type === 'application/json' || /^application\/[\w.+-]*\+json$/.test(type)) return next();
  sendError(res, 415, 'unsupported_media_type', 'Send the request body as JSON (Content-Type: application/json).');
  return next(false);
}

/** Whether a parsed body nests deeper than `max` levels (walked without recursion). */
function nestedDeeperThan(value: unknown, max: number): boolean {
  const pending: Array<[unknown, number]> = [[value, 1]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [item, depth] = next;
    if (depth > max) return true;
    for (const child of Object.values(item as object)) if (child !== null && typeof child === 'object') pending.push([child, depth + 1]);
  }
  return false;
}

/** JSON nested deeper than any activity is a 400 before any route reads it. */
function requireShallowJson(req: restify.Request, res: restify.Response, next: restify.Next): void {
  const body: unknown = req.body;
  if (body === null || typeof body !== 'object' || !nestedDeeperThan(body, MAX_JSON_DEPTH)) return next();
  sendError(res, 400, 'too_deep', `The JSON body is nested more than ${MAX_JSON_DEPTH} levels deep.`);
  return next(false);
}

/** What a client is told for each restify error: a fixed message, never the error's own text. */
const RESTIFY_ERRORS: Record<number, [error: string, message: string]> = {
  400: ['invalid_json', 'The request body is not valid JSON.'],
  404: ['not_found', 'No such route.'],
  405: ['method_not_allowed', 'That method is not allowed on this route.'],
  406: ['not_acceptable', 'This route only answers JSON.'],
  413: ['payload_too_large', `The request body is larger than ${MAX_BODY_BYTES / 1024} KB.`],
  415: ['unsupported_media_type', 'Send the request body as JSON (Content-Type: application/json).'],
};

/**
 * Every error restify itself answers (no route, wrong method, body parser, a handler that threw)
 * goes out as `{error, message}` JSON with a fixed message: no parser text, paths or stack.
 */
function installErrorHandler(server: restify.Server, clasp: Clasp): void {
  server.on('restifyError', (req: restify.Request, res: restify.Response, err: unknown, callback: () => void) => {
    const status = typeof (err as { statusCode?: unknown })?.statusCode === 'number' ? (err as { statusCode: number }).statusCode : 500;
    if (status >= 500) clasp.logger.error({ err, method: req.method, path: req.getPath?.() }, 'request failed');
    if (!res.headersSent) {
      const [error, message] = RESTIFY_ERRORS[status] ?? (status < 500 ? ['bad_request', 'The request could not be handled.'] : ['internal', 'Something went wrong on our side. Please try again.']);
      res.header('Content-Type', 'application/json');
      sendError(res, status < 500 ? status : 500, error, message);
    }
    return callback();
  });
}

/** What the request log line says about a turn, set by the message route. */
type LoggedRequest = restify.Request & { turn?: { brand: BrandId; conversationId: string } };

/**
 * One JSON line per request for the operator: its id (also sent back as `request-id`), route,
 * status, time, and for turns the brand and conversation id; never a body.
 */
function installRequestLog(server: restify.Server, clasp: Clasp): void {
  server.pre((req, res, next) => {
    res.header('request-id', req.id());
    return next();
  });
  server.on('after', (req: LoggedRequest, res: restify.Response) => {
    const fields = {
      reqId: req.id(),
      method: req.method,
      route: req.getRoute()?.path ?? null,
      status: res.statusCode,
      ms: Math.round((Date.now() - req.time()) * 10) / 10,
      ...(req.turn === undefined ? {} : { brand: req.turn.brand, conversationId: req.turn.conversationId }),
    };
    if (res.statusCode >= 500) clasp.logger.error(fields, 'request');
    else clasp.logger.info(fields, 'request');
  });
}

export interface ClaspApp {
  server: restify.Server;
  widget: Widget;
  /**
   * Stops taking requests and lets the ones in flight finish (the widget's queued turns too),
   * then closes every connection; connections still busy after `graceMs` are cut.
   */
  close(options?: { graceMs?: number }): Promise<void>;
}

export interface AppOptions {
  /** The clock for widget tokens and the offline banner; tests pin it. */
  now?: () => Date;
  webChatBundlePath?: string;
}

/** Builds the HTTP service around a composed Clasp; does not listen. */
export function createApp(clasp: Clasp, options: AppOptions = {}): ClaspApp {
  // restify's own log lines (a reply it cannot format, a handler's discarded value) go through
  // Clasp's logger, which scrubs them and never writes a request's headers or body. restify 11
  // logs with pino, though its types still describe bunyan.
  const log = clasp.logger.child({ component: 'restify' }) as unknown as restify.ServerOptions['log'];
  const server = restify.createServer({ name: 'clasp', handleUncaughtExceptions: false, log });
  server.server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.server.requestTimeout = REQUEST_TIMEOUT_MS;
  installErrorHandler(server, clasp);
  installRequestLog(server, clasp);
  // JSON answers may echo client input (an unknown brand id): never let a browser sniff them as HTML.
  server.pre((_req, res, next) => {
    res.header('X-Content-Type-Options', 'nosniff');
    return next();
  });
  server.use(requireJsonBody);
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false }));
  server.use(requireShallowJson);
  const adapter = createCloudAdapter(clasp.config.auth);
  // The turn runner answers every failure of its own turn; what is left is the channel refusing
  // a reply, which the shopper cannot be told about anyway.
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    clasp.logger.error({ err: error, conversationId: context.activity.conversation?.id }, 'could not deliver a turn');
  };
  const authOn = clasp.config.auth.appId !== undefined;

  const handleMessages = (brand: BrandId) => async (req: restify.Request, res: restify.Response): Promise<void> => {
    const parsed = incomingActivitySchema.safeParse(req.body);
    if (!parsed.success) {
      return sendError(res, 400, 'invalid_activity', `Not a Bot Framework activity: ${describeActivityProblems(parsed.error)}`);
    }
    const activity = parsed.data;
    // One conversation, one door: with auth off, the widget's channel is not taken here.
    const door = authOn ? undefined : openRouteActivitySchema.safeParse(activity);
    if (door?.success === false) return sendError(res, 403, 'channel_not_allowed', door.error.issues[0]?.message ?? WIDGET_CHANNEL_MESSAGE);
    if (!authOn && !HANDLED_ACTIVITY_TYPES.has(activity.type)) {
      // Nothing to do and nothing to post: acknowledge without a turn. (With auth on, the adapter
      // must authenticate first; the turn below then ignores it.)
      return activity.deliveryMode === 'expectReplies' ? void res.send(200, { activities: [] }) : void res.send(200);
    }
    if (!authOn && activity.deliveryMode !== 'expectReplies' && !isAllowedServiceUrl(activity.serviceUrl, clasp.config.allowedServiceUrls)) {
      return sendError(
        res,
        400,
        'service_url_not_allowed',
        'With authentication off, replies are only posted to an allowed serviceUrl; use deliveryMode "expectReplies" to get them in the response.',
      );
    }
    const client = { brand, client: clientAddress(req, clasp.config.trustProxy) };
    (req as LoggedRequest).turn = { brand, conversationId: activity.conversation.id };
    // Every activity counts against the limits, not only messages: each one is work asked of us.
    const key = conversationKeyOf(brand, activity) ?? activity.conversation.id;
    const verdict = await clasp.limits.message(key, client.client);
    if (!verdict.allowed) {
      const wait = String(verdict.retryAfterSeconds);
      res.header('Retry-After', wait);
      return sendError(res, 429, 'rate_limited', `Too many messages; send this again in ${wait} s.`);
    }
    if (HANDLED_ACTIVITY_TYPES.has(activity.type) && !clasp.conversations.admits(key)) {
      // Full: a new conversation waits, and none a shopper may still be in is evicted for it.
      clasp.metrics.conversationRefused('state');
      res.header('Retry-After', String(BUSY_RETRY_SECONDS));
      return sendError(res, BUSY_STATUS, BUSY_ERROR, BUSY_MESSAGE);
    }
    try {
      if (!authOn && activity.deliveryMode === 'expectReplies') {
        // The hot path: with authentication off and the replies going back in this response,
        // the CloudAdapter would only add a connector client per message (the echo bot's main
        // cost) for nothing; the turn runs in process and its replies are the answer.
        const replies = await clasp.runTurn(client, asActivity(activity));
        return void res.send(200, { activities: replies });
      }
      const incoming = asActivity(activity) as Activity;
      let authenticated: AuthenticateRequestResult;
      try {
        authenticated = await adapter.authenticate(incoming, req.header('authorization') ?? '');
      } catch (error) {
        clasp.logger.warn({ reason: error instanceof Error ? error.message : String(error) }, 'message refused: not authenticated');
        res.header('WWW-Authenticate', 'Bearer');
        return sendError(res, 401, 'unauthorized', 'A valid Bot Framework token is required.');
      }
      const invokeResponse = await adapter.runTurn(authenticated, incoming, async (context) => {
        setTurnOrigin(context, client);
        if (HANDLED_ACTIVITY_TYPES.has(context.activity.type)) return clasp.bot.run(context);
        // An invoke nobody handles would otherwise be answered 501 by the adapter.
        if (context.activity.type === ActivityTypes.Invoke) await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200 } });
      });
      res.send(invokeResponse?.status ?? 200, invokeResponse?.body);
    } catch (error) {
      clasp.logger.error({ err: error }, 'activity processing failed');
      if (!res.headersSent) sendError(res, 500, 'internal', 'The message could not be processed. Please try again.');
    }
  };

  server.post('/api/messages', handleMessages(clasp.defaultBrand));
  const brandRoutes = new Map(clasp.kb.brandIds.map((brand) => [brand, handleMessages(brand)]));
  server.post('/api/brands/:brandId/messages', async (req, res) => {
    const brandId: unknown = req.params?.brandId;
    const handler = typeof brandId === 'string' ? brandRoutes.get(brandId) : undefined;
    if (handler === undefined) {
      return sendError(res, 404, 'unknown_brand', `No storefront is called "${echo(brandId)}". Known brands: ${clasp.kb.brandIds.join(', ')}.`);
    }
    return handler(req, res);
  });

  server.get('/healthz', async (_req, res) => {
    res.send(200, { status: 'ok' });
  });

  // Ready once the knowledge base is built (it is, or createClasp would have thrown) and the
  // handoff outbox can be written (a handoff must never be accepted and then lost), and the shared
  // conversation store answers when there is one and still keeps what it is given (its durability
  // is checked again while running: bot/state/redis-durability-watch.ts).
  let draining = false;
  server.get('/readyz', async (_req, res) => {
    if (draining) return void res.send(503, { status: 'not_ready', message: 'Shutting down.' });
    const problem = await clasp.notReady();
    if (problem === undefined) res.send(200, { status: 'ready' });
    else res.send(503, { status: 'not_ready', message: problem });
  });

  // Prometheus scrapes this; with METRICS_TOKEN set it must send that bearer token. Without one,
  // only a scrape made on this host is answered (bot/metrics.ts, isLocalScrape); anyone else gets
  // the 404 of a route that does not exist, so an open deployment shows nothing of itself.
  server.get('/metrics', async (req, res) => {
    const token = clasp.config.metricsToken;
    if (token === undefined && !isLocalScrape(req)) return sendError(res, 404, ...RESTIFY_ERRORS[404]!);
    if (token !== undefined && !tokenMatches(bearerToken(req.header('authorization')), token)) {
      res.header('WWW-Authenticate', 'Bearer realm="clasp-metrics"');
      return sendError(res, 401, 'unauthorized', 'A valid bearer token is required.');
    }
    res.sendRaw(200, await clasp.metrics.render(), { 'Content-Type': clasp.metrics.registry.contentType, 'Cache-Control': 'no-store' });
  });

  clasp.handoff.registerRoutes(server);
  const widget = registerWidgetRoutes(server, { clasp, config: clasp.config.widget, now: options.now, webChatBundlePath: options.webChatBundlePath });

  return {
    server,
    widget,
    close: async ({ graceMs = DEFAULT_GRACE_MS } = {}) => {
      draining = true;
      const http = server.server;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive connections go as soon as they are idle: a finished request frees its socket.
      http.closeIdleConnections();
      const sweep = setInterval(() => http.closeIdleConnections(), IDLE_SWEEP_MS);
      const cut = setTimeout(() => http.closeAllConnections(), graceMs);
      try {
        // Queued widget turns finish and the WebSockets close (they would hold the server open).
        await widget.close();
        await closed;
      } finally {
        clearInterval(sweep);
        clearTimeout(cut);
      }
    },
  };
}
