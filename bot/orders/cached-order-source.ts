// A short-lived cache in front of any OrderSource, so the several lookups of one conversation
// (tracking, then a return for the same order) do not each reach a store's API. The TTL is short
// because order status changes while the shopper chats.
import NodeCache from 'node-cache';

import type { BrandId } from '../../knowledge/brand-ids.js';
import { normalizeOrderNumber } from '../../knowledge/orders/order-matching.js';
import type { OrderSource } from './order-source.js';
import type { Order } from '../../knowledge/orders/order.schema.js';

/** What the wrapper needs from a cache; `null` records "no such order". */
export interface OrderLookupCache {
  get(key: string): Order | null | undefined;
  set(key: string, value: Order | null): void;
  close(): void;
}

export interface NodeOrderCacheOptions {
  ttlSeconds: number;
  /** Bounds memory when someone tries many order numbers; beyond it lookups go uncached. */
  maxKeys?: number;
}

export function createNodeOrderCache({ ttlSeconds, maxKeys = 10_000 }: NodeOrderCacheOptions): OrderLookupCache {
  if (!(ttlSeconds > 0)) throw new RangeError(`order cache TTL must be positive, got ${ttlSeconds}`);
  // useClones: each caller gets its own copy, so no one can alter what the next caller reads.
  const cache = new NodeCache({ stdTTL: ttlSeconds, checkperiod: Math.max(1, Math.ceil(ttlSeconds)), maxKeys, useClones: true });
  return {
    get: (key) => cache.get<Order | null>(key),
    set: (key, value) => {
      try {
        cache.set(key, value);
      } catch {
        // ECACHEFULL: serving uncached beats failing the shopper's lookup.
      }
    },
    close: () => cache.close(),
  };
}

/**
 * Caches `inner`'s answers by brand and normalised order number, misses included (a retry with
 * the same number after a wrong email should not hit the store again). Errors are not cached.
 */
export function createCachedOrderSource(inner: OrderSource, cache: OrderLookupCache): OrderSource {
  return {
    async findOrder(brand: BrandId, orderNumber: string): Promise<Order | undefined> {
      const normalized = normalizeOrderNumber(orderNumber);
      if (normalized === '') return undefined;
      const key = `${brand}\u0000${normalized}`;
      const cached = cache.get(key);
      if (cached !== undefined) return cached ?? undefined;
      const order = await inner.findOrder(brand, orderNumber);
      cache.set(key, order ?? null);
      return order;
    },
  };
}
