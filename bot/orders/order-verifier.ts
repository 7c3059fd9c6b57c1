import { RateLimiterRes } from 'rate-limiter-flexible';
import { memoryLimiters, type LimiterFactory } from '../limiter-store.js';
import type { BrandId } from '../../knowledge/brand-ids.js';
import { emailsMatch } from '../../knowledge/orders/order-matching.js';
import type { VerifyOrderInput, VerifyOrderResult } from '../../machines/flow-effects.js';
import type { OrderSource } from './order-source.js';

export interface VerificationLimits {
  /** Failed number + email pairs one client may make within the window, across conversations and brands. */
  failuresPerClient: number;
  windowSeconds: number;
  /** A lookup slower than this counts as the order system being unavailable. */
  lookupTimeoutMs: number;
}

export interface VerifierOptions {
  /** Told about every failed or refused verification (metrics). */
  onFailure?: (brand: BrandId, locked: boolean) => void;
  /** Where failures are counted (memory, or Redis shared by every instance). */
  limiters?: LimiterFactory;
}

/**
 * The real `verifyOrder` effect: look the order up within the brand, compare the email, and
 * count failures per client so order numbers cannot be enumerated from one address. An unknown
 * order and a wrong email are the same outcome, so neither reveals that an order exists.
 * Failures on every brand count together: one deployment answers all its storefronts, and a
 * client locked out on one would otherwise get a fresh allowance on each of the others. What one
 * client is (an IPv6 /64) the limiter store decides (bot/limiter-store.ts).
 */
export function createOrderVerifier(source: OrderSource, limits: VerificationLimits, options: VerifierOptions = {}) {
  const failures = (options.limiters ?? memoryLimiters)({ keyPrefix: 'verify', points: limits.failuresPerClient, duration: limits.windowSeconds });

  async function verify(client: string, { brand, orderNumber, email }: VerifyOrderInput): Promise<VerifyOrderResult> {
    // An attempt is reserved before the lookup and given back when it matches, in one atomic
    // step each: a burst of guesses on any number of instances gets no more lookups than the
    // limit, where checking first and counting after let every guess in flight through.
    try {
      await failures.consume(client);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      options.onFailure?.(brand, true);
      return { outcome: 'locked', retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
    }
    let order: Awaited<ReturnType<OrderSource['findOrder']>>;
    try {
      order = await withTimeout(source.findOrder(brand, orderNumber), limits.lookupTimeoutMs);
    } catch (error) {
      // The order system failing is not the shopper guessing.
      await failures.reward(client, 1);
      throw error;
    }
    if (order !== undefined && emailsMatch(email, order.email)) {
      await failures.reward(client, 1);
      return { outcome: 'verified', order };
    }
    options.onFailure?.(brand, false);
    return { outcome: 'notMatched' };
  }

  /** The `verifyOrder` effect for one client's turn (the flows receive it through dialogs). */
  return { verify };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`order lookup took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
