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
