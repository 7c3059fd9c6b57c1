// The handoff's configuration keys (docs/contracts.md, Configuration), strings in, typed config out, every
// problem reported at once. Separate from bot/config.ts so it can be merged there:
// `readHandoffConfig` returns problems to print alongside the others, `loadHandoffConfig` throws.
import { resolve } from 'node:path';
import { z } from 'zod';
import { optionalString, problemsOf, wholeNumber } from '../env-values.js';
import { BRAND_IDS, type BrandId } from '../../knowledge/brand-ids.js';
import { ConfigError } from '../env-values.js';

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
  mailFrom: string;
  /** SUPPORT_INBOX_<BRAND> overrides of the profiles' inboxes. */
  supportInboxes: Partial<Record<BrandId, string>>;
  /** ESCALATION_INBOX_<BRAND> overrides of a brand's quoted escalation address (staging, tests). */
  escalationInboxes: Partial<Record<BrandId, string>>;
  retry: RetryPolicy;
}

export const DEFAULT_OUTBOX_DIR = 'var/outbox';
export const DEFAULT_MAIL_FROM = 'Clasp support assistant <clasp@clasp.example>';
const MIN_ADMIN_TOKEN_CHARS = 16;

/** `SUPPORT_INBOX_KENDRA_SCOTT_MALL` for `kendra-scott-mall`. */
export function brandEnvKey(prefix: 'SUPPORT_INBOX' | 'ESCALATION_INBOX', brand: BrandId): string {
  return `${prefix}_${brand.toUpperCase().replace(/-/g, '_')}`;
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

const inboxShape = Object.fromEntries(
  BRAND_IDS.flatMap((brand) => [
    [brandEnvKey('SUPPORT_INBOX', brand), email],
    [brandEnvKey('ESCALATION_INBOX', brand), email],
  ]),
);

const handoffEnvSchema = z.object({
  SMTP_URL: smtpUrl,
  SMTP_TIMEOUT_MS: wholeNumber(30_000, 100),
  OUTBOX_DIR: optionalString,
  ADMIN_TOKEN: optionalString.refine(
    (value) => value === undefined || value.length >= MIN_ADMIN_TOKEN_CHARS,
    `must be at least ${MIN_ADMIN_TOKEN_CHARS} characters (it guards shoppers' tickets)`,
  ),
  HANDOFF_MAIL_FROM: optionalString,
  HANDOFF_RETRY_BASE_MS: wholeNumber(2_000, 1),
  HANDOFF_RETRY_MAX_MS: wholeNumber(5 * 60_000, 1),
  HANDOFF_MAX_REJECTIONS: wholeNumber(5, 1),
  ...inboxShape,
});

export type HandoffConfigResult = { config: HandoffConfig; problems: [] } | { config: undefined; problems: string[] };

/** Parses the handoff keys; `cwd` resolves a relative OUTBOX_DIR. */
export function readHandoffConfig(env: Record<string, string | undefined>, cwd: string = process.cwd()): HandoffConfigResult {
  const parsed = handoffEnvSchema.safeParse(env);
  if (!parsed.success) {
    return { config: undefined, problems: problemsOf(parsed.error) };
  }
  const e = parsed.data as z.output<typeof handoffEnvSchema> & Record<string, string | undefined>;
  if (e.HANDOFF_RETRY_MAX_MS < e.HANDOFF_RETRY_BASE_MS) {
    return { config: undefined, problems: ['HANDOFF_RETRY_MAX_MS: must not be less than HANDOFF_RETRY_BASE_MS'] };
  }
  const byBrand = (prefix: 'SUPPORT_INBOX' | 'ESCALATION_INBOX') =>
    Object.fromEntries(BRAND_IDS.flatMap((brand) => {
      const value = e[brandEnvKey(prefix, brand)];
      return value === undefined ? [] : [[brand, value]];
    })) as Partial<Record<BrandId, string>>;
  return {
    problems: [],
    config: {
      smtpUrl: e.SMTP_URL,
      smtpTimeoutMs: e.SMTP_TIMEOUT_MS,
      outboxDir: resolve(cwd, e.OUTBOX_DIR ?? DEFAULT_OUTBOX_DIR),
      adminToken: e.ADMIN_TOKEN,
      mailFrom: e.HANDOFF_MAIL_FROM ?? DEFAULT_MAIL_FROM,
      supportInboxes: byBrand('SUPPORT_INBOX'),
      escalationInboxes: byBrand('ESCALATION_INBOX'),
      retry: { baseDelayMs: e.HANDOFF_RETRY_BASE_MS, maxDelayMs: e.HANDOFF_RETRY_MAX_MS, maxRejections: e.HANDOFF_MAX_REJECTIONS },
    },
  };
}

export function loadHandoffConfig(env: Record<string, string | undefined> = process.env, cwd?: string): HandoffConfig {
  const result = readHandoffConfig(env, cwd);
  if (result.config === undefined) throw new ConfigError(result.problems);
  return result.config;
}
