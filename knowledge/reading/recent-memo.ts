// Memos of the Reading step: a bounded one, most recently used kept longest, for messages shoppers
// send again and again in the same place of a conversation; and one kept only while messages are
// read, for the texts (a message, its parts, its clauses) several of its steps ask about.

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

/** A function's results kept until `forget()`: a key asked again meanwhile is answered from memory. */
export interface Remembering<V> {
  (key: string): V;
  forget(): void;
}

/**
 * `compute`, its results kept until forgotten: the Reading step forgets them as each message
 * starts, so a message and its parts and clauses, asked for by several steps, are worked out once,
 * at the cost of one Map lookup, and nothing outlives the messages being read.
 */
export function rememberUntilForgotten<V>(compute: (key: string) => V): Remembering<V> {
  const kept = new Map<string, V>();
  const remembering = (key: string): V => {
    let value = kept.get(key);
    if (value === undefined && !kept.has(key)) kept.set(key, (value = compute(key)));
    return value as V;
  };
  remembering.forget = () => kept.clear();
  return remembering;
}
