// Memos of the Reading step: one, most recently used kept longest, for messages shoppers send
// again and again in the same place of a conversation; and a cheaper one, forgotten all at once
// when full, for the texts (a message, its parts, its clauses) several of its steps ask about.

export interface RecentMemo<V> {
  /** The value kept for `key`, now the most recently used; undefined when none is kept. */
  get(key: string): V | undefined;
  /** Keeps `value`; past `size` entries, the least recently used one is forgotten. */
  set(key: string, value: V): void;
}

/** A memo of at most `size` entries; with a size of 0 or less it keeps nothing. */
export function createRecentMemo<V>(size: number): RecentMemo<V> {
  const entries = new Map<string, V>();
  return {
    get(key) {
      const value = entries.get(key);
      if (value !== undefined) {
        // A Map iterates in insertion order: re-inserting makes this the newest.
        entries.delete(key);
        entries.set(key, value);
      }
      return value;
    },
    set(key, value) {
      if (size <= 0) return;
      entries.set(key, value);
      if (entries.size > size) entries.delete(entries.keys().next().value as string);
    },
  };
}

/**
 * `compute`, its results kept until `limit` are kept, then all forgotten at once: a message and
 * its parts and clauses, asked for by several steps of the Reading step, are worked out once, at
 * the cost of one Map lookup, and the memory stays bounded. (Forgetting as each message starts
 * would make messages read at the same time, each waiting on a recognizer, work each other's
 * texts out again.)
 */
export function rememberSome<V>(limit: number, compute: (key: string) => V): (key: string) => V {
  const kept = new Map<string, V>();
  return (key) => {
    let value = kept.get(key);
    if (value === undefined && !kept.has(key)) {
      if (kept.size >= limit) kept.clear();
      kept.set(key, (value = compute(key)));
    }
    return value as V;
  };
}
