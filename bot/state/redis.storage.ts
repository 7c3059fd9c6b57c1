// The shared conversation store for several instances (STATE_STORE=redis): a Bot Framework
// `Storage` on Redis whose writes are compare-and-set on the eTag, in one Lua script, so two
// instances answering the same conversation cannot overwrite each other, and a batch is written
// whole or not at all. Items expire after STATE_TTL without a write, as in memory.
import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import type { Redis } from 'ioredis';
import { StorageConflictError, StorageUnavailableError } from './storage-errors.js';

// KEYS: the items. ARGV: ttl in ms, then per item: expected eTag ('' or '*': any), new eTag, JSON.
// Returns 0 when written, else the 1-based index of the first item whose eTag did not match.
const COMPARE_AND_SET = `
local ttl = tonumber(ARGV[1])
for i, key in ipairs(KEYS) do
  local expected = ARGV[(i - 1) * 3 + 2]
  if expected ~= '' and expected ~= '*' then
    local current = redis.call('HGET', key, 'e')
    if current and current ~= expected then return i end
  end
end
for i, key in ipairs(KEYS) do
  redis.call('HSET', key, 'e', ARGV[(i - 1) * 3 + 3], 'd', ARGV[(i - 1) * 3 + 4])
  redis.call('PEXPIRE', key, ttl)
end
return 0
`;

export interface RedisStorageOptions {
  ttlSeconds: number;
  /** Prefix of every key, so one Redis can hold several deployments. */
  prefix?: string;
}

export class RedisStorage implements Storage {
  private readonly prefix: string;
  private readonly ttlMs: number;

  constructor(
    private readonly redis: Redis,
    options: RedisStorageOptions,
  ) {
    this.prefix = options.prefix ?? 'clasp:state:';
    this.ttlMs = options.ttlSeconds * 1000;
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const pipeline = this.redis.pipeline();
    for (const key of keys) pipeline.hmget(this.prefix + key, 'e', 'd');
    const results = (await reach(pipeline.exec())) ?? [];
    const items: StoreItems = {};
    results.forEach(([error, value], index) => {
      if (error) throw new StorageUnavailableError(error);
      const [eTag, json] = value as [string | null, string | null];
      const key = keys[index];
      if (key !== undefined && eTag !== null && json !== null) items[key] = { ...(JSON.parse(json) as object), eTag };
    });
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const entries = Object.entries(changes);
    if (entries.length === 0) return;
    const args: string[] = [String(this.ttlMs)];
    for (const [, item] of entries) {
      const { eTag, ...rest } = (item ?? {}) as Record<string, unknown>;
      args.push(typeof eTag === 'string' ? eTag : '', randomUUID(), JSON.stringify(rest));
    }
    const conflict = (await reach(this.redis.eval(COMPARE_AND_SET, entries.length, ...entries.map(([key]) => this.prefix + key), ...args))) as number;
    if (conflict > 0) throw new StorageConflictError(entries[conflict - 1]?.[0] ?? '');
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length > 0) await reach(this.redis.del(...keys.map((key) => this.prefix + key)));
  }
}

/** Any failure to talk to Redis is the store being unavailable, which the turn tells the shopper. */
async function reach<T>(command: Promise<T>): Promise<T> {
  try {
    return await command;
  } catch (error) {
    throw new StorageUnavailableError(error);
  }
}
