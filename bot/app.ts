import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
} from 'botbuilder';
import restify from 'restify';
import { isBrandId, type BrandId } from '../knowledge/brand-ids.js';
import { describeActivityProblems, incomingActivitySchema } from './activity.schema.js';
import type { Clasp } from './clasp.js';
import { clientAddress } from './directline/client-address.js';
import { isAllowedServiceUrl } from './service-url-rule.js';
import { registerWidgetRoutes, type Widget } from './website/widget.routes.js';

const MAX_BODY_BYTES = 64 * 1024;

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
  adapter.onTurnError = clasp.onTurnError;
  adapter.use(clasp.handoff.middleware);
  return adapter;
}

function sendError(res: restify.Response, status: number, error: string, message: string): void {
  res.send(status, { error, message });
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
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false }));
  const adapter = createCloudAdapter(clasp);
  const authOn = clasp.config.auth.appId !== undefined;

  const handleMessages = (brand: BrandId) => async (req: restify.Request, res: restify.Response): Promise<void> => {
    const parsed = incomingActivitySchema.safeParse(req.body);
    if (!parsed.success) {
      return sendError(res, 400, 'invalid_activity', `Not a Bot Framework activity: ${describeActivityProblems(parsed.error)}`);
    }
    const activity = parsed.data;
    if (!authOn && activity.deliveryMode !== 'expectReplies' && !isAllowedServiceUrl(activity.serviceUrl, clasp.config.allowedServiceUrls)) {
      return sendError(
        res,
        400,
        'service_url_not_allowed',
        'With authentication off, replies are only posted to an allowed serviceUrl; use deliveryMode "expectReplies" to get them in the response.',
      );
    }
    try {
      await adapter.process(req, res, clasp.turnLogic({ brand, client: clientAddress(req, clasp.config.trustProxy) }));
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
      return sendError(res, 404, 'unknown_brand', `No storefront is called "${String(brandId)}". Known brands: ${clasp.kb.brandIds.join(', ')}.`);
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
