import { z } from 'zod';
import type { BrandId } from '../../knowledge/brand-ids.js';
import { WebOriginSchema } from '../../knowledge/brands/brand-profile.schema.js';
import { brandKey, brandOfKey, optionalString, problemsOf, wholeNumber } from '../env-values.js';

// The widget's settings, read from the environment the way bot/config.ts reads the rest
// (empty string = unset, all problems reported together by loadConfig).

export interface WidgetConfig {
  /** HMAC key for widget tokens; undefined: a random key per process (tokens die on restart). */
  directLineSecret: string | undefined;
  tokenTtlSeconds: number;
  /** A conversation untouched this long is forgotten. */
  conversationIdleSeconds: number;
  maxActivitiesPerConversation: number;
  /**
   * Conversations kept in this process; at it, those nobody has spoken in are dropped to make
   * room, and only when every one has a shopper talking is a new one refused (503).
   */
  maxConversations: number;
  /** JSON kept across this process's conversations, in bytes; at it, new ones are refused. */
  maxBytes: number;
  /** Conversation starts (widget tokens) allowed per client per window. */
  startsPerClient: number;
  startsWindowSeconds: number;
  /**
   * A conversation whose visitor has sent no message this long after it was opened stops
   * counting and is dropped: a token alone holds no room for long.
   */
  firstMessageSeconds: number;
  /** Live conversations one client (bot/client-key.ts: an IPv4 address, an IPv6 /64) may hold. */
  conversationsPerClient: number;
  /**
   * ALLOWED_ORIGINS_<BRAND> (comma-separated origins): replaces that brand's `allowedOrigins` of
   * brand.yaml, the sites whose pages may show its chat (docs/widget.md).
   */
  allowedOrigins: Partial<Record<BrandId, string[]>>;
}

export const WIDGET_DEFAULTS: Omit<WidgetConfig, 'directLineSecret' | 'allowedOrigins'> = {
  tokenTtlSeconds: 1800,
  conversationIdleSeconds: 3600,
  maxActivitiesPerConversation: 500,
  maxConversations: 10_000,
  maxBytes: 128 * 1024 * 1024,
  startsPerClient: 20,
  startsWindowSeconds: 60,
  firstMessageSeconds: 120,
  conversationsPerClient: 10,
};

const widgetEnvSchema = z.object({
  DIRECTLINE_SECRET: optionalString.pipe(z.string().min(32, 'must be at least 32 characters (e.g. `openssl rand -hex 32`)').optional()),
  // Web Chat refreshes its token every 15 minutes, so a token must outlive that.
  DIRECTLINE_TOKEN_TTL_SECONDS: wholeNumber(WIDGET_DEFAULTS.tokenTtlSeconds).pipe(z.number().min(20 * 60, 'must be at least 1200 (Web Chat refreshes every 15 minutes)')),
  DIRECTLINE_CONVERSATION_IDLE_SECONDS: wholeNumber(WIDGET_DEFAULTS.conversationIdleSeconds),
  DIRECTLINE_MAX_ACTIVITIES: wholeNumber(WIDGET_DEFAULTS.maxActivitiesPerConversation),
  DIRECTLINE_MAX_CONVERSATIONS: wholeNumber(WIDGET_DEFAULTS.maxConversations),
  DIRECTLINE_MAX_MB: wholeNumber(WIDGET_DEFAULTS.maxBytes / (1024 * 1024)),
  CONVERSATION_STARTS_PER_CLIENT: wholeNumber(WIDGET_DEFAULTS.startsPerClient),
  CONVERSATION_STARTS_WINDOW_SECONDS: wholeNumber(WIDGET_DEFAULTS.startsWindowSeconds),
  DIRECTLINE_FIRST_MESSAGE_SECONDS: wholeNumber(WIDGET_DEFAULTS.firstMessageSeconds),
  DIRECTLINE_CONVERSATIONS_PER_CLIENT: wholeNumber(WIDGET_DEFAULTS.conversationsPerClient),
});

// `ALLOWED_ORIGINS_SILVER_MOON` is the `silver-moon` folder's (bot/env-values.ts, brandOfKey); a
// key naming no folder is warned about at start-up.
const ORIGINS_PREFIX = 'ALLOWED_ORIGINS';

/** The brand an ALLOWED_ORIGINS_<BRAND> key names: `ALLOWED_ORIGINS_KENDRA_SCOTT_MALL` → `kendra-scott-mall`. */
export function brandOfOriginsKey(key: string): BrandId | undefined {
  return brandOfKey(ORIGINS_PREFIX, key);
}

/** `ALLOWED_ORIGINS_KENDRA_SCOTT_MALL` for `kendra-scott-mall`. */
export function originsKeyOf(brand: BrandId): string {
  return brandKey(ORIGINS_PREFIX, brand);
}

const originListSchema = z.array(WebOriginSchema).max(50, 'at most 50 origins');

function readAllowedOrigins(env: Record<string, string | undefined>): { origins: Partial<Record<BrandId, string[]>>; problems: string[] } {
  const origins: Partial<Record<BrandId, string[]>> = {};
  const problems: string[] = [];
  for (const [key, raw] of Object.entries(env)) {
    const brand = brandOfOriginsKey(key);
    const value = optionalString.parse(raw);
    if (brand === undefined || value === undefined) continue;
    const entries = value.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
    const parsed = originListSchema.safeParse(entries);
    if (parsed.success) origins[brand] = [...new Set(parsed.data)];
    else problems.push(...parsed.error.issues.map((issue) => `${key}: ${typeof issue.path[0] === 'number' ? `"${entries[issue.path[0]]}": ` : ''}${issue.message}`));
  }
  return { origins, problems };
}

export type WidgetConfigResult = { config: WidgetConfig; problems: [] } | { config: undefined; problems: string[] };

/** Parses the widget's keys; problems are returned for loadConfig to report with the rest. */
export function readWidgetConfig(env: Record<string, string | undefined>): WidgetConfigResult {
  const parsed = widgetEnvSchema.safeParse(env);
  const allowed = readAllowedOrigins(env);
  if (!parsed.success || allowed.problems.length > 0) return { config: undefined, problems: [...(parsed.success ? [] : problemsOf(parsed.error)), ...allowed.problems] };
  const e = parsed.data;
  const config: WidgetConfig = {
    directLineSecret: e.DIRECTLINE_SECRET,
    tokenTtlSeconds: e.DIRECTLINE_TOKEN_TTL_SECONDS,
    conversationIdleSeconds: e.DIRECTLINE_CONVERSATION_IDLE_SECONDS,
    maxActivitiesPerConversation: e.DIRECTLINE_MAX_ACTIVITIES,
    maxConversations: e.DIRECTLINE_MAX_CONVERSATIONS,
    maxBytes: e.DIRECTLINE_MAX_MB * 1024 * 1024,
    startsPerClient: e.CONVERSATION_STARTS_PER_CLIENT,
    startsWindowSeconds: e.CONVERSATION_STARTS_WINDOW_SECONDS,
    firstMessageSeconds: e.DIRECTLINE_FIRST_MESSAGE_SECONDS,
    conversationsPerClient: e.DIRECTLINE_CONVERSATIONS_PER_CLIENT,
    allowedOrigins: allowed.origins,
  };
  return { config, problems: [] };
}
