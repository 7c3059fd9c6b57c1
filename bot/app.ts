import {
  ActivityTypes,
  CloudAdapter,
  TurnContext,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
} from 'botbuilder';
import restify from 'restify';
import { isBrandId, type BrandId } from '../knowledge/brand-ids.js';
import { asActivity, describeActivityProblems, incomingActivitySchema } from './activity.schema.js';
import type { Clasp } from './clasp.js';
import { clientAddress } from './directline/client-address.js';
import { isAllowedServiceUrl } from './service-url-rule.js';
import { setTurnOrigin } from './turn-origin.js';
import { registerWidgetRoutes, type Widget } from './website/widget.routes.js';

const MAX_BODY_BYTES = 64 * 1024;
// A client that trickles its headers or body is cut off rather than holding a socket for minutes.
const HEADERS_TIMEOUT_MS = 15_000;
const REQUEST_TIMEOUT_MS = 30_000;
// The activity types Clasp acts on; any other is acknowledged with no replies and no adapter turn
// (the stock adapter answers an unhandled invoke with 501, which a channel would retry).
const HANDLED_ACTIVITY_TYPES = new Set(['message', 'conversationUpdate']);
// Reflected client input (an unknown brand id) is cut to this many characters.
const MAX_ECHO_CHARS = 64;

function createCloudAdapter(clasp: Clasp): CloudAdapter {
  const { auth } = clasp.config;
  const credentials = new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: auth.appId,
    MicrosoftAppPassword: auth.appPassword,
    MicrosoftAppType: auth.appType,
    MicrosoftAppTenantId: auth.tenantId,
  });
  const adapter = new CloudAdapter(
    new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: auth.appId, MicrosoftAppTenantId: auth.tenantId }, credentials),
  );
  // The turn runner answers every failure of its own turn; what is left is the channel refusing
  // a reply, which the shopper cannot be told about anyway.
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    clasp.logger.error({ err: error, conversationId: context.activity.conversation?.id }, 'could not deliver a turn');
  };
  return adapter;
}

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

export interface ClaspApp {
  server: restify.Server;
  widget: Widget;
  /** Closes the widget's streams first: open WebSockets would keep the server from closing. */
  close(): Promise<void>;
}

export interface AppOptions {
  /** The clock for widget tokens and the offline banner; tests pin it. */
  now?: () => Date;
  webChatBundlePath?: string;
}

/** Builds the HTTP service around a composed Clasp; does not listen. */
export function createApp(clasp: Clasp, options: AppOptions = {}): ClaspApp {
  const server = restify.createServer({ name: 'clasp', handleUncaughtExceptions: false });
  server.server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.server.requestTimeout = REQUEST_TIMEOUT_MS;
  installErrorHandler(server, clasp);
  // JSON answers may echo client input (an unknown brand id): never let a browser sniff them as HTML.
  server.pre((_req, res, next) => {
    res.header('X-Content-Type-Options', 'nosniff');
    return next();
  });
  server.use(requireJsonBody);
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false }));
  const adapter = createCloudAdapter(clasp);
  const authOn = clasp.config.auth.appId !== undefined;

  const handleMessages = (brand: BrandId) => async (req: restify.Request, res: restify.Response): Promise<void> => {
    const parsed = incomingActivitySchema.safeParse(req.body);
    if (!parsed.success) {
      return sendError(res, 400, 'invalid_activity', `Not a Bot Framework activity: ${describeActivityProblems(parsed.error)}`);
    }
    const activity = parsed.data;
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
    try {
      if (!authOn && activity.deliveryMode === 'expectReplies') {
        // The hot path: with authentication off and the replies going back in this response,
        // the CloudAdapter would only add a connector client per message (the echo bot's main
        // cost) for nothing; the turn runs in process and its replies are the answer.
        const replies = await clasp.runTurn(client, asActivity(activity));
        return void res.send(200, { activities: replies });
      }
      await adapter.process(req, res, async (context) => {
        setTurnOrigin(context, client);
        if (HANDLED_ACTIVITY_TYPES.has(context.activity.type)) return clasp.bot.run(context);
        // An invoke nobody handles would otherwise be answered 501 by the adapter.
        if (context.activity.type === ActivityTypes.Invoke) await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200 } });
      });
    } catch (error) {
      clasp.logger.error({ err: error }, 'activity processing failed');
      if (!res.headersSent) sendError(res, 500, 'internal', 'The message could not be processed. Please try again.');
    }
  };

  server.post('/api/messages', handleMessages(clasp.config.defaultBrand));
  const brandRoutes = new Map(clasp.kb.brandIds.map((brand) => [brand, handleMessages(brand)]));
  server.post('/api/brands/:brandId/messages', async (req, res) => {
    const brandId: unknown = req.params?.brandId;
    const handler = isBrandId(brandId) ? brandRoutes.get(brandId) : undefined;
    if (handler === undefined) {
      return sendError(res, 404, 'unknown_brand', `No storefront is called "${echo(brandId)}". Known brands: ${clasp.kb.brandIds.join(', ')}.`);
    }
    return handler(req, res);
  });

  server.get('/healthz', async (_req, res) => {
    res.send(200, { status: 'ok' });
  });

  // Ready once the knowledge base is built (it is, or createClasp would have thrown) and the
  // handoff outbox can be written: a shopper's handoff must never be accepted and then lost.
  server.get('/readyz', async (_req, res) => {
    try {
      await clasp.handoff.checkReady();
      res.send(200, { status: 'ready' });
    } catch {
      res.send(503, { status: 'not_ready', message: 'The handoff outbox cannot be written.' });
    }
  });

  clasp.handoff.registerRoutes(server);
  const widget = registerWidgetRoutes(server, { clasp, config: clasp.config.widget, now: options.now, webChatBundlePath: options.webChatBundlePath });

  return {
    server,
    widget,
    close: async () => {
      await widget.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
