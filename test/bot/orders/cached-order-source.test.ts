import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { createCachedOrderSource, createNodeOrderCache, type OrderLookupCache } from '../../../bot/orders/cached-order-source.js';
import type { OrderSource } from '../../../bot/orders/order-source.js';
import { parseOrdersFile, type Order } from '../../../knowledge/orders/order.schema.js';
import { createJsonOrderSource } from '../../../bot/orders/orders.json-source.js';

const item = { sku: 'CHN-22', name: 'Elisa Pendant Necklace', quantity: 1, unitPrice: 68, finalSale: false, personalized: false };
const orders = parseOrdersFile(
  { orders: [{ brand: 'kendra-scott-mall', orderNumber: 'KS-100234', email: 'shopper@example.com', status: 'processing', items: [item] }] },
  'test',
);

function countingSource(inner: OrderSource = createJsonOrderSource(orders)) {
  const calls: string[] = [];
  const source: OrderSource = {
    findOrder(brand, orderNumber) {
      calls.push(`${brand} ${orderNumber}`);
      return inner.findOrder(brand, orderNumber);
    },
  };
  return { source, calls };
}

describe('createCachedOrderSource with node-cache', () => {
  let cache: OrderLookupCache;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-16T15:00:00Z'));
    cache = createNodeOrderCache({ ttlSeconds: 60 });
  });
  afterEach(() => {
    cache.close();
    vi.useRealTimers();
  });

  it('serves a repeated lookup, however the number is typed, from the cache', async () => {
    const { source, calls } = countingSource();
    const cached = createCachedOrderSource(source, cache);
    const first = await cached.findOrder('kendra-scott-mall', 'KS-100234');
    const second = await cached.findOrder('kendra-scott-mall', '#ks 100234');
    expect(first?.orderNumber).toBe('KS-100234');
    expect(second).toEqual(first);
    expect(calls).toHaveLength(1);
  });

  it('keeps brands apart', async () => {
    const { source, calls } = countingSource();
    const cached = createCachedOrderSource(source, cache);
    expect(await cached.findOrder('kendra-scott-mall', 'KS-100234')).toBeDefined();
    expect(await cached.findOrder('generic-store', 'KS-100234')).toBeUndefined();
    expect(calls).toHaveLength(2);
  });

  it('caches misses too', async () => {
    const { source, calls } = countingSource();
    const cached = createCachedOrderSource(source, cache);
    expect(await cached.findOrder('kendra-scott-mall', 'KS-999')).toBeUndefined();
    expect(await cached.findOrder('kendra-scott-mall', 'KS-999')).toBeUndefined();
    expect(calls).toHaveLength(1);
  });

  it('asks again once the TTL has passed', async () => {
    const { source, calls } = countingSource();
    const cached = createCachedOrderSource(source, cache);
    await cached.findOrder('kendra-scott-mall', 'KS-100234');
    vi.advanceTimersByTime(59_000);
    await cached.findOrder('kendra-scott-mall', 'KS-100234');
    expect(calls).toHaveLength(1);
    vi.advanceTimersByTime(2_000);
    await cached.findOrder('kendra-scott-mall', 'KS-100234');
    expect(calls).toHaveLength(2);
  });

  it('does not cache failures', async () => {
    let fail = true;
    const flaky: OrderSource = {
      async findOrder(brand, orderNumber) {
        if (fail) throw new Error('store API down');
        return createJsonOrderSource(orders).findOrder(brand, orderNumber);
      },
    };
    const cached = createCachedOrderSource(flaky, cache);
    await expect(cached.findOrder('kendra-scott-mall', 'KS-100234')).rejects.toThrow('store API down');
    fail = false;
    expect(await cached.findOrder('kendra-scott-mall', 'KS-100234')).toBeDefined();
  });

  it('hands each caller its own copy', async () => {
    const cached = createCachedOrderSource(countingSource().source, cache);
    const first = (await cached.findOrder('kendra-scott-mall', 'KS-100234')) as Order;
    const second = (await cached.findOrder('kendra-scott-mall', 'KS-100234')) as Order;
    expect(second).not.toBe(first);
  });

  it('keeps answering, uncached, when full', async () => {
    const small = createNodeOrderCache({ ttlSeconds: 60, maxKeys: 1 });
    const { source, calls } = countingSource();
    const cached = createCachedOrderSource(source, small);
    await cached.findOrder('kendra-scott-mall', 'KS-1');
    expect(await cached.findOrder('kendra-scott-mall', 'KS-100234')).toBeDefined();
    expect(await cached.findOrder('kendra-scott-mall', 'KS-100234')).toBeDefined();
    expect(calls).toHaveLength(3);
    small.close();
  });

  it('does not look up empty numbers', async () => {
    const { source, calls } = countingSource();
    expect(await createCachedOrderSource(source, cache).findOrder('kendra-scott-mall', ' # ')).toBeUndefined();
    expect(calls).toHaveLength(0);
  });

  it('refuses a non-positive TTL', () => {
    expect(() => createNodeOrderCache({ ttlSeconds: 0 })).toThrow(RangeError);
  });
});
