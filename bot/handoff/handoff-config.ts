// The handoff's configuration keys (docs/contracts.md, Configuration), strings in, typed config out, every
// problem reported at once. Separate from bot/config.ts so it can be merged there:
// `readHandoffConfig` returns problems to print alongside the others, `loadHandoffConfig` throws.
import { resolve } from 'node:path';
import { z } from 'zod';
import { brandKey, brandOfKey, optionalString, problemsOf, wholeNumber } from '../env-values.js';
import type { BrandId } from '../../knowledge/brand-ids.js';
import { trimTrailing } from '../../knowledge/readers/text-edges.js';
import { ConfigError } from '../env-values.js';
import { DEFAULT_MAIL_FROM, mailFromValue } from './mail-from.js';
import { DEFAULT_TRANSCRIPT_LINK_DAYS, MIN_TRANSCRIPT_LINK_SECRET_CHARS, type TranscriptLinkConfig } from './transcript-link.js';

export interface RetryPolicy {
  /** Delay before the 2nd attempt; doubles with each failure. */
  baseDelayMs: number;
  /** The backoff never waits longer than this between attempts. */
  maxDelayMs: number;
  /** Permanent SMTP rejections (5xx) before a ticket is parked as failed until the next start. */
  maxRejections: number;
}

export interface HandoffConfig {
  /** Unset: emails are written as .eml files under the outbox. */
  smtpUrl: string | undefined;
  smtpTimeoutMs: number;
  /** Absolute. */
  outboxDir: string;
  /** Unset: the agent API answers 404. */
  adminToken: string | undefined;
  /** HANDOFF_MAIL_FROM: the From of every brand's emails unless the brand has its own. */
  mailFrom: string;
  /** MAIL_FROM_<BRAND> overrides of `mailFrom`; a ticket's Message-ID takes its brand's From domain. */
  mailFromByBrand: Partial<Record<BrandId, string>>;
  /** SUPPORT_INBOX_<BRAND> overrides of the profiles' inboxes. */
  supportInboxes: Partial<Record<BrandId, string>>;
  /** ESCALATION_INBOX_<BRAND> overrides of a brand's quoted escalation address (staging, tests). */
  escalationInboxes: Partial<Record<BrandId, string>>;
  retry: RetryPolicy;
  /** The email's link to the ticket's transcript; undefined (the default): no link, no route. */
  transcriptLink: TranscriptLinkConfig | undefined;
}

export const DEFAULT_OUTBOX_DIR = 'var/outbox';
export { DEFAULT_MAIL_FROM };
const MIN_ADMIN_TOKEN_CHARS = 16;

export type BrandKeyPrefix = 'SUPPORT_INBOX' | 'ESCALATION_INBOX' | 'MAIL_FROM';

const BRAND_KEY_PREFIXES: readonly BrandKeyPrefix[] = ['SUPPORT_INBOX', 'ESCALATION_INBOX', 'MAIL_FROM'];

/** `SUPPORT_INBOX_KENDRA_SCOTT_MALL` for `kendra-scott-mall`. */
export function brandEnvKey(prefix: BrandKeyPrefix, brand: BrandId): string {
  return brandKey(prefix, brand);
}

const email = optionalString.pipe(z.email({ message: 'must be an email address' }).optional());

// The URL may hold a password: never echo it back in a message.
const smtpUrl = optionalString.refine((value) => {
  if (value === undefined) return true;
  try {
    return ['smtp:', 'smtps:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}, 'must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.com:587');

/** The brand a per-brand key names, and its kind (bot/env-values.ts, brandOfKey). */
export function brandOfEnvKey(key: string): { prefix: BrandKeyPrefix; brand: BrandId } | undefined {
  for (const prefix of BRAND_KEY_PREFIXES) {
    const brand = brandOfKey(prefix, key);
    if (brand !== undefined) return { prefix, brand };
  }
  return undefined;
}

function brandKeysShape(env: Record<string, string | undefined>) {
  return Object.fromEntries(Object.keys(env).flatMap((key) => {
    const named = brandOfEnvKey(key);
    if (named === undefined) return [];
    return [[key, named.prefix === 'MAIL_FROM' ? mailFromValue : email]];
  }));
}

// Where agents reach this service: the transcript link points there. A path is kept (a proxy
// may serve Clasp under one); a query or fragment would end up in the middle of the link.
const publicUrl = optionalString.transform((value, ctx) => {
  if (value === undefined) return undefined;
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (url === undefined || !['http:', 'https:'].includes(url.protocol) || url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    ctx.addIssue({ code: 'custom', message: 'must be the http(s) address agents open Clasp at, without a query, e.g. https://clasp.example' });
    return z.NEVER;
  }
  return trimTrailing(`${url.origin}${url.pathname}`, '/');
});

const baseEnvSchema = z.object({
  SMTP_URL: smtpUrl,
  SMTP_TIMEOUT_MS: wholeNumber(30_000, 100),
  OUTBOX_DIR: optionalString,
  ADMIN_TOKEN: optionalString.refine(
    (value) => value === undefined || value.length >= MIN_ADMIN_TOKEN_CHARS,
    `must be at least ${MIN_ADMIN_TOKEN_CHARS} characters (it guards shoppers' tickets)`,
  ),
  HANDOFF_MAIL_FROM: mailFromValue,
  HANDOFF_RETRY_BASE_MS: wholeNumber(2_000, 1),
  HANDOFF_RETRY_MAX_MS: wholeNumber(5 * 60_000, 1),
  HANDOFF_MAX_REJECTIONS: wholeNumber(5, 1),
  TRANSCRIPT_LINK_SECRET: optionalString.refine(
    (value) => value === undefined || value.length >= MIN_TRANSCRIPT_LINK_SECRET_CHARS,
    `must be at least ${MIN_TRANSCRIPT_LINK_SECRET_CHARS} characters (e.g. \`openssl rand -hex 32\`): it guards shoppers' transcripts`,
  ),
  TRANSCRIPT_LINK_DAYS: wholeNumber(DEFAULT_TRANSCRIPT_LINK_DAYS, 1),
  PUBLIC_URL: publicUrl,
});

export type HandoffConfigResult = { config: HandoffConfig; problems: [] } | { config: undefined; problems: string[] };

/** Parses the handoff keys; `cwd` resolves a relative OUTBOX_DIR. */
export function readHandoffConfig(env: Record<string, string | undefined>, cwd: string = process.cwd()): HandoffConfigResult {
  const parsed = baseEnvSchema.extend(brandKeysShape(env)).safeParse(env);
  if (!parsed.success) {
    return { config: undefined, problems: problemsOf(parsed.error) };
  }
  // The shape built from the keys loses its types: the fixed keys are read as the base schema
  // has them, the per-brand ones (email or From values) as strings.
  const e = parsed.data as unknown as z.output<typeof baseEnvSchema>;
  const brandValues = parsed.data as unknown as Record<string, string | undefined>;
  const problems: string[] = [];
  if (e.HANDOFF_RETRY_MAX_MS < e.HANDOFF_RETRY_BASE_MS) problems.push('HANDOFF_RETRY_MAX_MS: must not be less than HANDOFF_RETRY_BASE_MS');
  // A secret without an address would sign links the email cannot carry: a setup mistake.
  if (e.TRANSCRIPT_LINK_SECRET !== undefined && e.PUBLIC_URL === undefined) {
    problems.push('PUBLIC_URL: required when TRANSCRIPT_LINK_SECRET is set (the transcript link points there, e.g. https://clasp.example)');
  }
  if (problems.length > 0) return { config: undefined, problems };
  const byBrand = (prefix: BrandKeyPrefix) =>
    Object.fromEntries(Object.entries(brandValues).flatMap(([key, value]) => {
      const named = brandOfEnvKey(key);
      return named?.prefix === prefix && typeof value === 'string' ? [[named.brand, value]] : [];
    })) as Partial<Record<BrandId, string>>;
  return {
    problems: [],
    config: {
      smtpUrl: e.SMTP_URL,
      smtpTimeoutMs: e.SMTP_TIMEOUT_MS,
      outboxDir: resolve(cwd, e.OUTBOX_DIR ?? DEFAULT_OUTBOX_DIR),
      adminToken: e.ADMIN_TOKEN,
      mailFrom: e.HANDOFF_MAIL_FROM ?? DEFAULT_MAIL_FROM,
      mailFromByBrand: byBrand('MAIL_FROM'),
      supportInboxes: byBrand('SUPPORT_INBOX'),
      escalationInboxes: byBrand('ESCALATION_INBOX'),
      retry: { baseDelayMs: e.HANDOFF_RETRY_BASE_MS, maxDelayMs: e.HANDOFF_RETRY_MAX_MS, maxRejections: e.HANDOFF_MAX_REJECTIONS },
      transcriptLink:
        e.TRANSCRIPT_LINK_SECRET === undefined || e.PUBLIC_URL === undefined
          ? undefined
          : { secret: e.TRANSCRIPT_LINK_SECRET, publicUrl: e.PUBLIC_URL, days: e.TRANSCRIPT_LINK_DAYS },
    },
  };
}

export function loadHandoffConfig(env: Record<string, string | undefined> = process.env, cwd?: string): HandoffConfig {
  const result = readHandoffConfig(env, cwd);
  if (result.config === undefined) throw new ConfigError(result.problems);
  return result.config;
}
