import { z } from 'zod';
import type { BrandId } from '../knowledge/brand-ids.js';
import { BrandIdSchema } from '../knowledge/brands/brand-profile.schema.js';
import { checkTrustedAddresses, type TrustProxy } from './directline/client-address.js';
import { readWidgetConfig, type WidgetConfig } from './directline/widget-config.js';
import { ConfigError, optionalString, problemsOf, wholeNumber } from './env-values.js';
import { readHandoffConfig, type HandoffConfig } from './handoff/handoff-config.js';

// Environment strings in, typed config out. An empty string counts as unset so that a
// `.env` copied from `.env.example` with blank values behaves like no value at all.
const booleanFlag = (fallback: boolean) =>
  optionalString.pipe(
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
      .optional()
      .transform((value) => (value === undefined ? fallback : ['true', '1', 'yes'].includes(value))),
  );

const port = optionalString.transform((value, ctx) => {
  if (value === undefined) return 3978;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > 65535) {
    ctx.addIssue({ code: 'custom', message: `must be a port number from 0 to 65535, got "${value}"` });
    return z.NEVER;
  }
  return number;
});

/** Comma-separated origins such as `http://localhost` or `https://chat.example.com:8443`. */
const originList = optionalString.transform((value, ctx) => {
  const entries = (value ?? 'http://localhost,http://127.0.0.1,http://[::1]')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const origins: ServiceUrlRule[] = [];
  for (const entry of entries) {
    try {
      const url = new URL(entry);
      origins.push({ protocol: url.protocol, hostname: url.hostname, port: url.port === '' ? undefined : url.port });
    } catch {
      ctx.addIssue({ code: 'custom', message: `"${entry}" is not a URL (expected e.g. http://localhost)` });
    }
  }
  return origins;
});

/**
 * Like Express's "trust proxy": false (the socket's address), a hop count (the nearest proxies),
 * or a comma-separated list of proxy addresses and CIDR ranges. `true` means one hop: the one
 * proxy you run in front, which appends the address it saw to X-Forwarded-For.
 */
const trustProxy = optionalString.transform((value, ctx): TrustProxy => {
  if (value === undefined || ['false', 'no', '0'].includes(value)) return { kind: 'none' };
  if (['true', 'yes'].includes(value)) return { kind: 'hops', hops: 1 };
  if (/^\d+$/.test(value)) return { kind: 'hops', hops: Number(value) };
  const addresses = value.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  try {
    checkTrustedAddresses(addresses);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `must be false, true, a hop count or a list of proxy addresses/CIDR ranges: ${error instanceof Error ? error.message : String(error)}` });
    return z.NEVER;
  }
  return { kind: 'addresses', addresses };
});

const envSchema = z.object({
  PORT: port,
  DEFAULT_BRAND: optionalString.pipe(BrandIdSchema.optional()),
  BRANDS_DIR: optionalString,
  MicrosoftAppId: optionalString,
  MicrosoftAppPassword: optionalString,
  MicrosoftAppTenantId: optionalString,
  MicrosoftAppType: optionalString.pipe(z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant')),
  ALLOWED_SERVICE_URLS: originList,
  LOG_LEVEL: optionalString.pipe(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
  TRUST_PROXY: trustProxy,
  ORDERS_FILE: optionalString,
  VERIFY_FAILURES_PER_CLIENT: wholeNumber(10),
  VERIFY_WINDOW_SECONDS: wholeNumber(15 * 60),
  STATE_TTL: wholeNumber(24 * 60 * 60),
  STATE_MAX_CONVERSATIONS: wholeNumber(50_000),
  STATE_MAX_MB: wholeNumber(256),
  MESSAGES_PER_CONVERSATION: wholeNumber(30),
  MESSAGES_PER_CLIENT: wholeNumber(300),
  MESSAGES_WINDOW_SECONDS: wholeNumber(60),
  // Milliseconds of CPU one client's turns may take per window: far above a shopper's (a turn takes
  // a few ms), below what long, costly messages within the message limits would take.
  TURN_CPU_MS_PER_CLIENT: wholeNumber(5_000),
  TURN_CPU_WINDOW_SECONDS: wholeNumber(60),
  HANDOFFS_PER_CLIENT: wholeNumber(5),
  HANDOFFS_WINDOW_SECONDS: wholeNumber(60 * 60),
  SHUTDOWN_GRACE_SECONDS: wholeNumber(10),
  STATE_STORE: optionalString.pipe(z.enum(['memory', 'redis'], { message: 'must be memory or redis' }).default('memory')),
  REDIS_URL: optionalString.pipe(z.url({ protocol: /^rediss?$/, message: 'must be a redis:// or rediss:// URL' }).optional()),
  REDIS_ACCEPT_NON_DURABLE: booleanFlag(false),
  // At most a day: a longer timer would overflow Node's and fire at once, over and over.
  REDIS_DURABILITY_CHECK_SECONDS: wholeNumber(30).pipe(z.number().max(86_400, 'must be at most 86400 (a day)')),
  MODEL_CACHE_DIR: optionalString,
  READING_THREAD: booleanFlag(true),
  METRICS_TOKEN: optionalString.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
});

export interface ServiceUrlRule {
  protocol: string;
  hostname: string;
  /** Undefined: any port. */
  port: string | undefined;
}

export interface Config {
  port: number;
  /** The brand `/api/messages` serves; undefined: the first brand folder by name. */
  defaultBrand: BrandId | undefined;
  /** The folder of brand folders (BRANDS_DIR); undefined: the shipped demo stores. */
  brandsDir: string | undefined;
  auth: {
    appId: string | undefined;
    appPassword: string | undefined;
    tenantId: string | undefined;
    appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  };
  /** Where replies may be posted when auth is off; loopback only by default. */
  allowedServiceUrls: ServiceUrlRule[];
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Which proxies may name the client in X-Forwarded-For (TRUST_PROXY). */
  trustProxy: TrustProxy;
  /** The orders JSON file; undefined: demo orders dated relative to start-up. */
  ordersFile: string | undefined;
  verification: { failuresPerClient: number; windowSeconds: number };
  /** A conversation not written for this long is forgotten (STATE_TTL). */
  stateTtlSeconds: number;
  /**
   * Where conversations live: this process's memory (at most `maxConversations` and `maxBytes`
   * of JSON; past either, new conversations are refused), or a Redis several instances share,
   * which must keep an append-only file unless the operator accepts losing recent writes.
   */
  stateStore: { kind: 'memory'; maxConversations: number; maxBytes: number } | { kind: 'redis'; url: string; acceptNonDurable: boolean };
  /** With Redis (and without REDIS_ACCEPT_NON_DURABLE), how often its persistence is checked again while running. */
  redisDurabilityCheckSeconds: number;
  /**
   * Shopper messages allowed per conversation and per client within the window, the CPU time (ms)
   * a client's turns may take per window, and handoffs per client.
   */
  limits: {
    messagesPerConversation: number;
    messagesPerClient: number;
    messagesWindowSeconds: number;
    turnCpuMsPerClient: number;
    turnCpuWindowSeconds: number;
    handoffsPerClient: number;
    handoffsWindowSeconds: number;
  };
  /** On SIGTERM, turns in flight get this long to finish before the process exits anyway. */
  shutdownGraceSeconds: number;
  /** Where the Reading step's trained models are kept between starts; undefined: not kept. */
  modelCacheDir: string | undefined;
  /** Read messages on a worker thread of their own (bot/reading-thread.ts); false: on the service's thread. */
  readingThread: boolean;
  /** Bearer token Prometheus must send for GET /metrics; undefined: open. */
  metricsToken: string | undefined;
  /** SMTP or .eml outbox, support inboxes, the agents' API token, retries. */
  handoff: HandoffConfig;
  /** The website widget's Direct Line endpoint: token secret and lifetimes, limits. */
  widget: WidgetConfig;
}

export { ConfigError };

/** Reads every key at once and reports all problems together, each naming its key. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  const handoff = readHandoffConfig(env);
  const widgetResult = readWidgetConfig(env);
  const widget = widgetResult.config;
  const problems = [
    ...(parsed.success ? [] : problemsOf(parsed.error)),
    ...handoff.problems,
    ...widgetResult.problems,
  ];
  if (parsed.success && parsed.data.MicrosoftAppId !== undefined && parsed.data.MicrosoftAppPassword === undefined && parsed.data.MicrosoftAppType !== 'UserAssignedMSI') {
    problems.push('MicrosoftAppPassword: required when MicrosoftAppId is set');
  }
  if (parsed.success && parsed.data.STATE_STORE === 'redis' && parsed.data.REDIS_URL === undefined) {
    problems.push('REDIS_URL: required when STATE_STORE is redis (e.g. redis://127.0.0.1:6379)');
  }
  if (!parsed.success || handoff.config === undefined || widget === undefined || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  return {
    port: e.PORT,
    defaultBrand: e.DEFAULT_BRAND,
    brandsDir: e.BRANDS_DIR,
    auth: { appId: e.MicrosoftAppId, appPassword: e.MicrosoftAppPassword, tenantId: e.MicrosoftAppTenantId, appType: e.MicrosoftAppType },
    allowedServiceUrls: e.ALLOWED_SERVICE_URLS,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    ordersFile: e.ORDERS_FILE,
    verification: { failuresPerClient: e.VERIFY_FAILURES_PER_CLIENT, windowSeconds: e.VERIFY_WINDOW_SECONDS },
    stateTtlSeconds: e.STATE_TTL,
    stateStore:
      e.STATE_STORE === 'redis'
        ? { kind: 'redis', url: e.REDIS_URL ?? '', acceptNonDurable: e.REDIS_ACCEPT_NON_DURABLE }
        : { kind: 'memory', maxConversations: e.STATE_MAX_CONVERSATIONS, maxBytes: e.STATE_MAX_MB * 1024 * 1024 },
    redisDurabilityCheckSeconds: e.REDIS_DURABILITY_CHECK_SECONDS,
    limits: {
      messagesPerConversation: e.MESSAGES_PER_CONVERSATION,
      messagesPerClient: e.MESSAGES_PER_CLIENT,
      messagesWindowSeconds: e.MESSAGES_WINDOW_SECONDS,
      turnCpuMsPerClient: e.TURN_CPU_MS_PER_CLIENT,
      turnCpuWindowSeconds: e.TURN_CPU_WINDOW_SECONDS,
      handoffsPerClient: e.HANDOFFS_PER_CLIENT,
      handoffsWindowSeconds: e.HANDOFFS_WINDOW_SECONDS,
    },
    shutdownGraceSeconds: e.SHUTDOWN_GRACE_SECONDS,
    metricsToken: e.METRICS_TOKEN,
    // "off" keeps no model; a path, that folder; unset, the git-ignored var/cache.
    modelCacheDir: e.MODEL_CACHE_DIR === 'off' ? undefined : (e.MODEL_CACHE_DIR ?? 'var/cache'),
    readingThread: e.READING_THREAD,
    handoff: handoff.config,
    widget,
  };
}
