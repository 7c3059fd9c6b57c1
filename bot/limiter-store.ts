// Where rate-limit counters live: this process's memory, or the Redis the instances share, so a
// client cannot multiply its allowance (or reset a verification lockout) by landing on another
// instance. On Redis, a memory limiter stands in while Redis is away: limits hold per instance
// instead of failing every request.
//
// Every limit keyed by a client is counted here under the client's key (bot/client-key.ts): an
// IPv6 address as its /64, an IPv4-mapped one as its IPv4 address. Doing it here, the one place
// every limit goes through (messages, CPU time and handoffs in bot/rate-limits.ts, the
// verification lockout in bot/orders/order-verifier.ts, the widget's conversation starts in
// bot/directline/directline.routes.ts), means no limit can forget it, in memory or on Redis.
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterRes } from 'rate-limiter-flexible';
import type { Redis } from 'ioredis';
import { clientKeyOf } from './client-key.js';

export interface LimiterSpec {
  keyPrefix: string;
  points: number;
  /** Window in seconds. */
  duration: number;
  /**
   * What the keys name: a client (an address, grouped as bot/client-key.ts says; the default) or
   * a conversation (counted as given).
   */
  keyedBy?: 'client' | 'conversation';
}

/** What Clasp asks of a limiter: rate-limiter-flexible's calls, on keys as the spec names them. */
export interface Limiter {
  /** Takes points; rejects with a RateLimiterRes once the window's points are spent. */
  consume(key: string, points?: number): Promise<RateLimiterRes>;
  /** Gives points back. */
  reward(key: string, points?: number): Promise<RateLimiterRes>;
  /** Takes points without ever rejecting (a cost known only afterwards). */
  penalty(key: string, points?: number): Promise<RateLimiterRes>;
  /** The window's count so far, null when nothing was counted. */
  get(key: string): Promise<RateLimiterRes | null>;
}

export type LimiterFactory = (spec: LimiterSpec) => Limiter;

function keyed(limiter: Limiter, keyedBy: LimiterSpec['keyedBy']): Limiter {
  if (keyedBy === 'conversation') return limiter;
  return {
    consume: (key, points) => limiter.consume(clientKeyOf(key), points),
    reward: (key, points) => limiter.reward(clientKeyOf(key), points),
    penalty: (key, points) => limiter.penalty(clientKeyOf(key), points),
    get: (key) => limiter.get(clientKeyOf(key)),
  };
}

const counted = ({ keyPrefix, points, duration }: LimiterSpec) => ({ keyPrefix, points, duration });

export const memoryLimiters: LimiterFactory = (spec) => keyed(new RateLimiterMemory(counted(spec)), spec.keyedBy);

export function redisLimiters(redis: Redis): LimiterFactory {
  return (spec) =>
    keyed(
      new RateLimiterRedis({
        ...counted(spec),
        keyPrefix: `clasp:limit:${spec.keyPrefix}`,
        storeClient: redis,
        insuranceLimiter: new RateLimiterMemory(counted(spec)),
      }),
      spec.keyedBy,
    );
}
