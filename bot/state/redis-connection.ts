// One ioredis connection per instance for the shared store. Commands fail fast while Redis is
// away (a shopper is told to try again rather than left waiting) and the client keeps
// reconnecting by itself, so the service recovers when Redis returns. ioredis is loaded only
// when Redis is configured: a deployment without it starts that much sooner.
import type { Redis } from 'ioredis';
import type { SenderLogger } from '../handoff/handoff-sender.js';

const COMMAND_TIMEOUT_MS = 2_000;
const MAX_RECONNECT_DELAY_MS = 2_000;

export async function connectRedis(url: string, logger: Pick<SenderLogger, 'warn' | 'info'>): Promise<Redis> {
  const { Redis } = await import('ioredis');
  const redis = new Redis(url, {
    maxRetriesPerRequest: 1,
    commandTimeout: COMMAND_TIMEOUT_MS,
    retryStrategy: (attempt) => Math.min(100 * 2 ** Math.min(attempt, 5), MAX_RECONNECT_DELAY_MS),
    // Readiness and turns decide what to do without Redis; the process never dies of it.
    reconnectOnError: () => true,
  });
  let down = false;
  redis.on('error', (error: Error) => {
    if (!down) logger.warn({ err: error }, 'Redis unavailable; retrying');
    down = true;
  });
  redis.on('ready', () => {
    if (down) logger.info({}, 'Redis reachable again');
    down = false;
  });
  return redis;
}

/** Whether Redis answers now (for /readyz). */
export async function redisAnswers(redis: Redis): Promise<boolean> {
  try {
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  }
}
