// The embedded conversation store: conversations expire after STATE_TTL without a write, and a
// write with a stale eTag is refused, as on a shared store.
import { describe, expect, it } from 'vitest';
import { ExpiringMemoryStorage } from '../../../bot/state/memory.storage.js';
import { isStorageConflict } from '../../../bot/state/storage-errors.js';

function clock(start = 0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

describe('ExpiringMemoryStorage', () => {
  it('forgets a conversation not written for the TTL, and keeps one that was', async () => {
    const time = clock();
    const storage = new ExpiringMemoryStorage({ ttlSeconds: 60, now: time.now });
    await storage.write({ idle: { step: 1 }, busy: { step: 1 } });
    time.advance(40_000);
    await storage.write({ busy: { step: 2 } });
    time.advance(30_000);
    expect(await storage.read(['idle', 'busy'])).toEqual({ busy: { step: 2, eTag: expect.any(String) } });
  });

  it('frees the memory of expired conversations as new ones arrive', async () => {
    const time = clock();
    const storage = new ExpiringMemoryStorage({ ttlSeconds: 1, now: time.now });
    for (let i = 0; i < 1_000; i += 1) await storage.write({ [`old-${i}`]: { i } });
    time.advance(1_001);
    await storage.write({ fresh: { i: 0 } });
    expect(storage.size).toBe(1);
  });

  it('refuses a write whose eTag is stale and accepts one that matches', async () => {
    const storage = new ExpiringMemoryStorage({ ttlSeconds: 60 });
    await storage.write({ conv: { step: 1 } });
    const { conv } = await storage.read(['conv']);
    await storage.write({ conv: { step: 2, eTag: conv?.eTag } });
    const stale = storage.write({ conv: { step: 3, eTag: conv?.eTag } });
    await expect(stale).rejects.toSatisfy(isStorageConflict);
    expect((await storage.read(['conv'])).conv).toMatchObject({ step: 2 });
  });

  it('never hands out what it stores, so a caller cannot change it behind its back', async () => {
    const storage = new ExpiringMemoryStorage({ ttlSeconds: 60 });
    const item = { lines: ['hi'] };
    await storage.write({ conv: item });
    item.lines.push('changed');
    const read = (await storage.read(['conv'])).conv as { lines: string[] };
    read.lines.push('changed again');
    expect(((await storage.read(['conv'])).conv as { lines: string[] }).lines).toEqual(['hi']);
  });
});
