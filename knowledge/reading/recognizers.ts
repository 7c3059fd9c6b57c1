// Bot Framework's own recognizers (recognizers-text) for what they read best: yes and no,
// places in a list ("the second one", "2nd", "the last one"), and dates and spans of time ("three
// weeks ago", "two months after delivery"). The date recognizer takes most of a second to load and
// a millisecond or more a message, so it runs elsewhere (the service gives it its own thread:
// bot/recognizer-thread.ts) and is only asked when a message reports a problem whose timing
// matters; so does the language detector.
import { Culture, recognizeBoolean } from '@microsoft/recognizers-text-choice';
import { NumberOptions, NumberRecognizer } from '@microsoft/recognizers-text-number';

const CULTURE = Culture.English;
/** Yes and no are short: longer messages are not asked (their cost grows with their length). */
const MAX_YES_NO_WORDS = 12;

export interface Recognizers {
  /** true for a yes ("yep", "sure"), false for a no ("nope"), undefined otherwise. */
  yesNo(text: string): boolean | undefined;
  /** The place a message picks in a list, 0-based ("the second one" → 1, "3" → 2); -1 for "the last one". */
  place(text: string): number | undefined;
  /** How many days ago the message says something happened ("3 weeks ago", "yesterday", "after two months"). */
  daysAgo(text: string, now: string): Promise<number | undefined>;
  /** tinyld's guesses at a message's language, best first (none when it cannot tell). */
  languages(text: string): Promise<LanguageGuess[]>;
  /** Loads the slow recognizers, resolving when they have loaded and run once. */
  warmUp(): Promise<void>;
}

/** A language guess of tinyld's `detectAll`. */
export interface LanguageGuess {
  lang: string;
  accuracy: number;
}

/** The recognizers too slow to load on the service's thread: dates and languages. */
export type SlowRecognizers = Pick<Recognizers, 'daysAgo' | 'languages' | 'warmUp'>;

/** Without slow recognizers (training, or a test that needs none): no dates, no languages. */
const NONE: SlowRecognizers = {
  daysAgo: async () => undefined,
  languages: async () => [],
  warmUp: async () => undefined,
};

export function createRecognizers(slow: SlowRecognizers = NONE): Recognizers {
  // Lazily: only the English ordinal model is built, not every culture's number models.
  const ordinals = new NumberRecognizer(CULTURE, NumberOptions.None, true).getOrdinalModel(CULTURE);

  return {
    yesNo(text) {
      if (text.split(/\s+/).length > MAX_YES_NO_WORDS) return undefined;
      const value = recognizeBoolean(text, CULTURE)[0]?.resolution?.value as unknown;
      return typeof value === 'boolean' ? value : undefined;
    },
    place(text) {
      const trimmed = text.trim();
      // A bare number is a place ("2"); the ordinal model reads "2nd", "second", "the last one".
      if (trimmed.length > 0 && trimmed.length <= 2 && [...trimmed].every((char) => char >= '0' && char <= '9')) return Number(trimmed) - 1;
      const found = ordinals.parse(trimmed)[0];
      if (found === undefined) return undefined;
      const resolution = found.resolution as { value?: string } | undefined;
      // "last" resolves relative to the end of the list, as 0.
      if (found.text.toLowerCase() === 'last') return -1;
      const value = Number(resolution?.value);
      return Number.isInteger(value) && value >= 1 ? value - 1 : undefined;
    },
    daysAgo: (text, now) => slow.daysAgo(text, now),
    languages: (text) => slow.languages(text),
    warmUp: () => slow.warmUp(),
  };
}
