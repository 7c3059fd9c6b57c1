import { randomBytes } from 'node:crypto';
import type restify from 'restify';
import type { Clasp } from '../clasp.js';
import type { ConversationLog } from '../directline/conversation-log.js';
import { widgetStateKey } from '../directline/directline-channel.js';
import { createOriginPolicy, type OriginPolicy } from '../directline/allowed-origins.js';
import { createDirectLineConversations } from '../directline/directline-conversations.js';
import { registerDirectLineRoutes } from '../directline/directline.routes.js';
import { attachDirectLineStream } from '../directline/directline-stream.js';
import { createTokenIssuer, type TokenIssuer } from '../directline/directline-token.js';
import { createMemoryConversationLog } from '../directline/memory-conversation-log.js';
import { createTurnQueue } from '../directline/turn-queue.js';
import { originsKeyOf, type WidgetConfig } from '../directline/widget-config.js';
import { createWebChatBundle } from './webchat-bundle.js';
import { registerWebsiteRoutes } from './website.routes.js';

export interface WidgetDeps {
  clasp: Clasp;
  config: WidgetConfig;
  /** The clock for tokens, the log's expiry and the offline banner; tests pin it. */
  now?: () => Date;
  /** Another store for the conversations; default the shared one on Redis, else in memory. */
  log?: ConversationLog;
  /** The Web Chat bundle's path; default var/webchat/webchat.js. */
  webChatBundlePath?: string;
}

export interface Widget {
  log: ConversationLog;
  tokens: TokenIssuer;
  /** Which sites' pages may show each brand's chat (docs/widget.md). */
  origins: OriginPolicy;
  /** Waits for queued turns, closes the streams and the log. Call before server.close(). */
  close(): Promise<void>;
}

// A visitor may queue this many turns before being told to wait; Web Chat sends one at a time.
const MAX_PENDING_TURNS = 5;

/**
 * The website widget: the demo storefront pages, the token endpoint and the Direct Line 3.0
 * endpoint (HTTP and WebSocket) whose turns run in process through `clasp.runInProcess`.
 */
export function registerWidgetRoutes(server: restify.Server, deps: WidgetDeps): Widget {
  const { clasp, config } = deps;
  const now = deps.now ?? (() => new Date());
  if (config.directLineSecret === undefined) {
    clasp.logger.warn('DIRECTLINE_SECRET is not set: widget tokens are signed with a random key and will not survive a restart');
  }
  const tokens = createTokenIssuer({ secret: config.directLineSecret ?? randomBytes(32), ttlSeconds: config.tokenTtlSeconds, now });
  const log =
    deps.log ??
    clasp.sharedWidgetLog ??
    createMemoryConversationLog({
      maxActivities: config.maxActivitiesPerConversation,
      maxConversations: config.maxConversations,
      maxBytes: config.maxBytes,
      idleSeconds: config.conversationIdleSeconds,
      firstMessageSeconds: config.firstMessageSeconds,
      maxPerClient: config.conversationsPerClient,
      now,
      // A conversation dropped before its visitor spoke holds only the bot's greeting: it goes
      // too, or a flood of greeted tokens would fill the bot's own store (STATE_MAX_*) instead.
      onDropped: (conversationId, info) => {
        clasp.conversations.forget(widgetStateKey(info.brand, conversationId)).catch((error: unknown) => {
          clasp.logger.warn({ err: error, conversationId }, 'could not forget a dropped widget conversation');
        });
      },
    });
  if (log.usage() !== undefined) clasp.metrics.watchHolder('widget', () => log.usage() ?? { conversations: 0, bytes: 0 });
  const queue = createTurnQueue({
    maxPending: MAX_PENDING_TURNS,
    onError: (error, conversationId) => clasp.logger.error({ err: error, conversationId }, 'widget turn failed'),
  });
  const conversations = createDirectLineConversations({ clasp, log, queue, now });
  for (const brand of Object.keys(config.allowedOrigins)) {
    if (!clasp.kb.hasBrand(brand)) clasp.logger.warn({ brand, key: originsKeyOf(brand) }, 'an allowed-origins setting names a brand with no folder; it is ignored');
  }
  const origins = createOriginPolicy({
    brandIds: clasp.kb.brandIds,
    profileOrigins: (brand) => clasp.kb.profile(brand).allowedOrigins.value,
    overrides: config.allowedOrigins,
  });

  registerDirectLineRoutes(server, { clasp, config, log, tokens, conversations, origins, now });
  const stream = attachDirectLineStream(server.server, { log, tokens, origins, now, logger: clasp.logger });
  registerWebsiteRoutes(server, { kb: clasp.kb, bundle: createWebChatBundle(deps.webChatBundlePath), origins, now });

  return {
    log,
    tokens,
    origins,
    async close() {
      await queue.drain();
      await stream.close();
      log.close();
    },
  };
}
