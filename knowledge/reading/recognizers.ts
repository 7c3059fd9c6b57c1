// Bot Framework's own recognizers (recognizers-text) for what they read best: yes and no,
// places in a list ("the second one", "2nd", "the last one"), and dates and spans of time ("three
// weeks ago", "two months after delivery"). The date recognizer takes most of a second to load and
// a millisecond or more a message, so it is loaded in the background (`warmUp`) and only asked
// when a message reports a problem whose timing matters.
import { Culture, recognizeBoolean } from '@microsoft/recognizers-text-choice';
import { NumberRecognizer } from '@microsoft/recognizers-text-number';

const CULTURE = Culture.English;
/** Yes and no are short: longer messages are not asked (their cost grows with their length). */
const MAX_YES_NO_WORDS = 12;
const DAY_MS = 86_400_000;

type DateTimeModule = typeof import('@microsoft/recognizers-text-date-time');

export interface Recognizers {
  /** true for a yes ("yep", "sure"), false for a no ("nope"), undefined otherwise. */
  yesNo(text: string): boolean | undefined;
  /** The place a message picks in a list, 0-based ("the second one" → 1, "3" → 2); -1 for "the last one". */
  place(text: string): number | undefined;
  /** How many days ago the message says something happened ("3 weeks ago", "yesterday", "after two months"). */
  daysAgo(text: string, now: string): Promise<number | undefined>;
  /** Loads the date recognizer and runs it once, ahead of the first message that needs it. */
  warmUp(): Promise<void>;
}

export function createRecognizers(): Recognizers {
  const ordinals = new NumberRecognizer(CULTURE).getOrdinalModel(CULTURE);
  let dates: Promise<DateTimeModule> | undefined;
  const loadDates = () => (dates ??= import('@microsoft/recognizers-text-date-time'));

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
    async daysAgo(text, now) {
      const { recognizeDateTime } = await loadDates();
      const reference = new Date(now);
      for (const found of recognizeDateTime(text, CULTURE, undefined, reference)) {
        const values = (found.resolution as { values?: Array<{ type?: string; value?: string; start?: string; end?: string }> } | undefined)?.values ?? [];
        for (const value of values) {
          const days = daysOf(value, reference);
          if (days !== undefined) return days;
        }
      }
      return undefined;
    },
    async warmUp() {
      // Its first recognition compiles its patterns (a third of a second); a shopper should not wait for that.
      const { recognizeDateTime } = await loadDates();
      recognizeDateTime('two weeks ago', CULTURE, undefined, new Date(0));
    },
  };
}

/** Days back from `reference` that one resolution says: a date, the middle of a range, or a span's length. */
function daysOf(value: { type?: string; value?: string; start?: string; end?: string }, reference: Date): number | undefined {
  const daysBefore = (date: string) => Math.round((reference.getTime() - new Date(`${date}T12:00:00Z`).getTime()) / DAY_MS);
  if (value.type === 'duration' && value.value !== undefined) return Math.round(Number(value.value) / 86_400);
  if (value.type === 'date' && value.value !== undefined) {
    const days = daysBefore(value.value);
    // "On monday" resolves to the last and the next one: the past one is meant.
    return days >= 0 ? days : undefined;
  }
  if (value.type === 'daterange' && value.start !== undefined && value.end !== undefined) {
    const middle = (daysBefore(value.start) + daysBefore(value.end)) / 2;
    return middle >= 0 ? Math.round(middle) : undefined;
  }
  return undefined;
}
