import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
} from 'botbuilder';
import restify from 'restify';
import { isBrandId, type BrandId } from '../knowledge/brand-ids.js';
import { describeActivityProblems, incomingActivitySchema } from './activity.schema.js';
import type { Clasp } from './clasp.js';
import { isAllowedServiceUrl } from './service-url-rule.js';

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
  return adapter;
}

/** The socket's address, or the proxy's word for it only when the operator says a proxy is there. */
function clientAddress(req: restify.Request, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = req.header('x-forwarded-for');
    const first = forwarded?.split(',')[0]?.trim();
    if (first) return first;
  }
  return req.socket.remoteAddress ?? 'unknown';
}

function sendError(res: restify.Response, status: number, error: string, message: string): void {
  res.send(status, { error, message });
}

/** Builds the HTTP service around a composed Clasp; does not listen. */
export function createApp(clasp: Clasp): restify.Server {
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

  return server;
}
