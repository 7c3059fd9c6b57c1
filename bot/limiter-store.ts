// Where rate-limit counters live: this process's memory, or the Redis the instances share, so a
// client cannot multiply its allowance (or reset a verification lockout) by landing on another
// instance. On Redis, a memory limiter stands in while Redis is away: limits hold per instance
// instead of failing every request.
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Redis } from 'ioredis';

export interface LimiterSpec {
  keyPrefix: string;
  points: number;
  /** Window in seconds. */
  duration: number;
}

export type LimiterFactory = (spec: LimiterSpec) => RateLimiterAbstract;

export const memoryLimiters: LimiterFactory = (spec) => new RateLimiterMemory(spec);

export function redisLimiters(redis: Redis): LimiterFactory {
  return (spec) =>
    new RateLimiterRedis({
      ...spec,
      keyPrefix: `clasp:limit:${spec.keyPrefix}`,
      storeClient: redis,
      insuranceLimiter: new RateLimiterMemory(spec),
    });
}
