// A bounded memo of recent results, most recently used kept longest: what the Reading step
// remembers of messages shoppers send again and again in the same place of a conversation.

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
 * `compute`, with its results for the last `size` keys kept: a text asked the same question by
 * several steps of one reading is answered once. An undefined result is kept too.
 */
export function rememberRecent<V>(size: number, compute: (key: string) => V): (key: string) => V {
  const memo = createRecentMemo<{ value: V }>(size);
  return (key) => {
    let kept = memo.get(key);
    if (kept === undefined) memo.set(key, (kept = { value: compute(key) }));
    return kept.value;
  };
}
