import { IncomingMessage, ServerResponse } from 'node:http';
import { pino, stdSerializers, type Logger } from 'pino';
import { redactSecrets } from '../knowledge/handoff/redaction.js';
import type { Config } from './config.js';

export type { Logger };

// Fields that carry a shopper's words or a credential are never logged at all.
const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'activity.from.name',
  'activity.text',
  'text',
  'token',
  '*.token',
  'password',
  '*.password',
];

// Entered only where a run of address characters starts: a long run without "@" is read once.
const EMAIL = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const EMAIL_REDACTED = '[email removed]';
// Deep enough for any log object Clasp writes; anything deeper is dropped, not walked.
const MAX_DEPTH = 4;

/** A log line's words with shoppers' emails and card numbers (and labelled secrets) taken out. */
export function scrubText(text: string): string {
  // A second pass finds an address glued to the end of another ("a@b.com1x@y.org"), whose
  // start the first pass cannot enter.
  return redactSecrets(text).replace(EMAIL, EMAIL_REDACTED).replace(EMAIL, EMAIL_REDACTED);
}

function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[deeper fields omitted]';
  // A request (restify logs one now and then) is its method and path: never its headers (a
  // bearer token), its query (a widget token rides there) or its body (the shopper's words).
  if (value instanceof IncomingMessage) return { method: value.method, path: scrubText((value.url ?? '').split('?')[0] ?? '') };
  if (value instanceof ServerResponse) return { statusCode: value.statusCode };
  // Serialized here, so its message and stack (own, non-enumerable fields) are scrubbed too.
  if (value instanceof Error) return scrub(stdSerializers.err(value), depth);
  if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) out[key] = scrub(field, depth + 1);
  return out;
}

/**
 * JSON logs an operator can ship anywhere: every string in a line (error messages from a mail
 * server quoting an address included) is scrubbed of emails and card numbers, and the fields that
 * hold shoppers' words or credentials are removed outright.
 */
export function createLogger(config: Pick<Config, 'logLevel'>, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level: config.logLevel,
    redact: { paths: REDACT, censor: '[redacted]' },
    formatters: { log: (object) => scrub(object) as Record<string, unknown> },
    hooks: {
      logMethod(args, method) {
        // The message itself ("could not send to jane@example.com") is scrubbed too.
        method.apply(this, args.map((arg) => (typeof arg === 'string' ? scrubText(arg) : arg)) as Parameters<typeof method>);
      },
    },
  };
  return destination === undefined ? pino(options) : pino(options, destination);
}
