// The Reading step's memory of recent readings. Shoppers repeat themselves: suggested actions
// send the same words on every click, and "yes", "hi" and "where is my order" are most of what a
// support bot reads. The same words read in the same place of a conversation are read the same
// way, so the last readings are remembered, wherever the reading itself is done (on the service's
// thread, or on the reading thread: bot/reading-thread.ts).
import type { Reading, ReadingContext } from './reading.types.js';
import { createRecentMemo } from './recent-memo.js';
import { deepFreeze } from '../deep-freeze.js';

export interface MessageReader {
  read(text: string, context: ReadingContext): Promise<Reading>;
}

/** Readings remembered by default. */
export const MEMO_SIZE = 5_000;
/** Longer messages are rarely sent twice word for word: not worth remembering. */
const MEMO_MAX_CHARS = 200;

/** What a reading depends on besides the words: the memo's key. */
function memoKey(text: string, context: ReadingContext): string {
  const choices = context.choices.map((choice) => choice.value).join('\u0001');
  // The day matters: "three weeks ago" counts from it.
  return [context.brand, context.now.slice(0, 10), context.awaiting, context.flow, context.lastTopic, choices, text].join('\u0000');
}

/** `reader`, with its last `size` readings remembered (a size of 0 or less remembers none). */
export function rememberReadings(reader: MessageReader, size: number = MEMO_SIZE): MessageReader {
  if (size <= 0) return reader;
  const memo = createRecentMemo<Reading>(size);
  return {
    async read(text, context) {
      const key = text.length <= MEMO_MAX_CHARS ? memoKey(text, context) : undefined;
      const known = key === undefined ? undefined : memo.get(key);
      if (known !== undefined) return known;
      const reading = await reader.read(text, context);
      if (key !== undefined) {
        // Frozen: a remembered reading is handed to many turns, which spend nothing reading it.
        const { offThreadMs: _spent, ...remembered } = reading;
        memo.set(key, deepFreeze(remembered));
      }
      return reading;
    },
  };
}
