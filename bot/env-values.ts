import { z, type ZodError } from 'zod';

// Shared readers for environment strings: every config module parses the same way (empty
// string = unset, numbers checked with a message naming what was given).

export const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

/** A whole number of at least `min`, or `fallback` when unset. */
export const wholeNumber = (fallback: number, min = 1) =>
  optionalString.transform((value, ctx) => {
    if (value === undefined) return fallback;
    const number = Number(value);
    if (!Number.isInteger(number) || number < min) {
      ctx.addIssue({ code: 'custom', message: `must be a whole number of at least ${min}, got "${value}"` });
      return z.NEVER;
    }
    return number;
  });

/** Each problem as "KEY: message", the way loadConfig reports them together. */
export function problemsOf(error: ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`);
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

// Per-brand keys: `SUPPORT_INBOX_SILVER_MOON` is the `silver-moon` folder's. Brand ids are
// lower-case words and hyphens, so a key names exactly one id; which ids exist is known only once
// the folders are read, so every key of the shape is taken and one naming no folder is warned about.

/** `SUPPORT_INBOX_KENDRA_SCOTT_MALL` for `SUPPORT_INBOX` and `kendra-scott-mall`. */
export function brandKey(prefix: string, brand: string): string {
  return `${prefix}_${brand.toUpperCase().replaceAll('-', '_')}`;
}

/** The brand `key` names after `prefix_`: `SUPPORT_INBOX_KENDRA_SCOTT_MALL` → `kendra-scott-mall`. */
export function brandOfKey(prefix: string, key: string): string | undefined {
  if (!key.startsWith(`${prefix}_`)) return undefined;
  const rest = key.slice(prefix.length + 1);
  return /^[A-Z0-9]+(?:_[A-Z0-9]+)*$/.test(rest) ? rest.toLowerCase().replaceAll('_', '-') : undefined;
}
