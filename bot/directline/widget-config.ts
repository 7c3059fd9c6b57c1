import { z } from 'zod';

// The widget's settings, read from the environment the way bot/config.ts reads the rest
// (empty string = unset, all problems reported together). Kept apart until they are folded
// into loadConfig.

export interface WidgetConfig {
  /** HMAC key for widget tokens; undefined: a random key per process (tokens die on restart). */
  directLineSecret: string | undefined;
  tokenTtlSeconds: number;
  /** A conversation untouched this long is forgotten. */
  conversationIdleSeconds: number;
  maxActivitiesPerConversation: number;
  maxConversations: number;
  /** Conversation starts (widget tokens) allowed per client address per window. */
  startsPerClient: number;
  startsWindowSeconds: number;
}

export const WIDGET_DEFAULTS: Omit<WidgetConfig, 'directLineSecret'> = {
  tokenTtlSeconds: 1800,
  conversationIdleSeconds: 3600,
  maxActivitiesPerConversation: 500,
  maxConversations: 10_000,
  startsPerClient: 20,
  startsWindowSeconds: 60,
};

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

const positiveInt = (fallback: number) =>
  optionalString.transform((value, ctx) => {
    if (value === undefined) return fallback;
    const number = Number(value);
    if (!Number.isInteger(number) || number < 1) {
      ctx.addIssue({ code: 'custom', message: `must be a whole number of at least 1, got "${value}"` });
      return z.NEVER;
    }
    return number;
  });

const widgetEnvSchema = z.object({
  DIRECTLINE_SECRET: optionalString.pipe(z.string().min(32, 'must be at least 32 characters (e.g. `openssl rand -hex 32`)').optional()),
  // Web Chat refreshes its token every 15 minutes, so a token must outlive that.
  DIRECTLINE_TOKEN_TTL_SECONDS: positiveInt(WIDGET_DEFAULTS.tokenTtlSeconds).pipe(z.number().min(20 * 60, 'must be at least 1200 (Web Chat refreshes every 15 minutes)')),
  DIRECTLINE_CONVERSATION_IDLE_SECONDS: positiveInt(WIDGET_DEFAULTS.conversationIdleSeconds),
  DIRECTLINE_MAX_ACTIVITIES: positiveInt(WIDGET_DEFAULTS.maxActivitiesPerConversation),
  DIRECTLINE_MAX_CONVERSATIONS: positiveInt(WIDGET_DEFAULTS.maxConversations),
  CONVERSATION_STARTS_PER_CLIENT: positiveInt(WIDGET_DEFAULTS.startsPerClient),
  CONVERSATION_STARTS_WINDOW_SECONDS: positiveInt(WIDGET_DEFAULTS.startsWindowSeconds),
});

export class WidgetConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'WidgetConfigError';
  }
}

export function loadWidgetConfig(env: Record<string, string | undefined> = process.env): WidgetConfig {
  const parsed = widgetEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new WidgetConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`));
  }
  const e = parsed.data;
  return {
    directLineSecret: e.DIRECTLINE_SECRET,
    tokenTtlSeconds: e.DIRECTLINE_TOKEN_TTL_SECONDS,
    conversationIdleSeconds: e.DIRECTLINE_CONVERSATION_IDLE_SECONDS,
    maxActivitiesPerConversation: e.DIRECTLINE_MAX_ACTIVITIES,
    maxConversations: e.DIRECTLINE_MAX_CONVERSATIONS,
    startsPerClient: e.CONVERSATION_STARTS_PER_CLIENT,
    startsWindowSeconds: e.CONVERSATION_STARTS_WINDOW_SECONDS,
  };
}
