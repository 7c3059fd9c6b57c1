/**
 * Runs the turns of one conversation one at a time, in the order they arrived; different
 * conversations run side by side. The bot loads and saves a conversation's state around each
 * turn, so two overlapping turns would lose one's changes.
 */
export interface TurnQueue {
  /** Whether the conversation has fewer than the allowed turns waiting (a visitor cannot pile up work). */
  hasRoom(conversationId: string): boolean;
  /** Queues `task` behind the conversation's earlier ones. */
  enqueue(conversationId: string, task: () => Promise<void>): void;
  /** Resolves when every queued turn has finished. */
  drain(): Promise<void>;
}

export function createTurnQueue(options: { maxPending: number; onError: (error: unknown, conversationId: string) => void }): TurnQueue {
  const tails = new Map<string, { promise: Promise<void>; pending: number }>();

  return {
    hasRoom(conversationId) {
      return (tails.get(conversationId)?.pending ?? 0) < options.maxPending;
    },
    enqueue(conversationId, task) {
      const tail = tails.get(conversationId);
      const entry = tail ?? { promise: Promise.resolve(), pending: 0 };
      entry.pending += 1;
      entry.promise = entry.promise
        .then(task)
        .catch((error: unknown) => options.onError(error, conversationId))
        .finally(() => {
          entry.pending -= 1;
          if (entry.pending === 0 && tails.get(conversationId) === entry) tails.delete(conversationId);
        });
      tails.set(conversationId, entry);
    },
    async drain() {
      while (tails.size > 0) await Promise.all([...tails.values()].map((entry) => entry.promise));
    },
  };
}
