import { pino, type Logger } from 'pino';
import type { Config } from './config.js';

export type { Logger };

// Shoppers' emails and tokens must never reach the logs whole; the paths name where they travel.
const REDACT = [
  'req.headers.authorization',
  'activity.from.name',
  'activity.text',
  'email',
  '*.email',
  'token',
  '*.token',
];

export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({ level: config.logLevel, redact: { paths: REDACT, censor: '[redacted]' } });
}
