// The embedded conversation store: a Bot Framework `Storage` in this process's memory whose items
// expire after STATE_TTL without a write, so a deployment that has met a million shoppers does
// not hold a million conversations. Items are kept as JSON text (a caller can never mutate what
// is stored) and carry eTags, so a stale write is refused exactly as on a shared store.
// It is bounded in count and in JSON kept: once either limit is reached it admits no new
// conversation (the edge answers 503) and never evicts one a shopper may still be in.
import type { Storage, StoreItems } from 'botbuilder';
import type { HolderUsage } from '../metrics.js';
import { StorageConflictError } from './storage-errors.js';

interface Entry {
  json: string;
  eTag: string;
  expiresAt: number;
}

export interface MemoryStorageOptions {
  /** An item not written for this long is gone. */
  ttlSeconds: number;
  /** The clock, in milliseconds; tests move it. */
  now?: () => number;
  /** Conversations kept at most; undefined: no limit. */
  maxItems?: number;
  /** JSON characters kept at most; undefined: no limit. */
  maxBytes?: number;
}

export class ExpiringMemoryStorage implements Storage {
  // Insertion order is write order (a write re-inserts), so the oldest entries are always first
  // and expiry only ever looks at the front of the map: no timers, no full scans.
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly maxItems: number;
  private readonly maxBytes: number;
  private bytes = 0;
  private nextETag = 1;

  constructor(options: MemoryStorageOptions) {
    this.ttlMs = options.ttlSeconds * 1000;
    this.now = options.now ?? Date.now;
    this.maxItems = options.maxItems ?? Infinity;
    this.maxBytes = options.maxBytes ?? Infinity;
  }

  /** Items held now (expired ones not yet swept included until the next write). */
  get size(): number {
    return this.entries.size;
  }

  /** Conversations and JSON characters kept now (for the metrics). */
  usage(): HolderUsage {
    this.sweep(this.now());
    return { conversations: this.entries.size, bytes: this.bytes };
  }

  /**
   * Whether a turn of the conversation at `key` may be taken: always for one already kept, for a
   * new one only while both limits leave room. A turn admitted just before the limit may still
   * write, so the limits hold within the turns running at once.
   */
  admits(key: string): boolean {
    const now = this.now();
    if (this.live(key, now) !== undefined) return true;
    this.sweep(now);
    return this.entries.size < this.maxItems && this.bytes < this.maxBytes;
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    const now = this.now();
    for (const key of keys) {
      const entry = this.entries.get(key);
      if (entry === undefined || entry.expiresAt <= now) continue;
      items[key] = { ...(JSON.parse(entry.json) as object), eTag: entry.eTag };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const now = this.now();
    this.sweep(now);
    // Check every eTag before writing anything: a batch is written whole or not at all.
    for (const [key, item] of Object.entries(changes)) {
      const current = this.live(key, now);
      const eTag = (item as { eTag?: unknown } | undefined)?.eTag;
      if (current !== undefined && typeof eTag === 'string' && eTag !== '*' && eTag !== current.eTag) throw new StorageConflictError(key);
    }
    for (const [key, item] of Object.entries(changes)) {
      const { eTag: _eTag, ...rest } = (item ?? {}) as Record<string, unknown>;
      const json = JSON.stringify(rest);
      this.remove(key);
      this.entries.set(key, { json, eTag: String(this.nextETag++), expiresAt: now + this.ttlMs });
      this.bytes += json.length;
    }
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) this.remove(key);
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.bytes -= entry.json.length;
    this.entries.delete(key);
  }

  private live(key: string, now: number): Entry | undefined {
    const entry = this.entries.get(key);
    return entry !== undefined && entry.expiresAt > now ? entry : undefined;
  }

  private sweep(now: number): void {
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt > now) return;
      this.remove(key);
    }
  }
}
