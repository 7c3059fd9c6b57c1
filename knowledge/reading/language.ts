// Which language a message is written in, when it clearly says. Only a message long enough and
// mostly made of words the models never learned as English is given to the language detector
// (tinyld), and only a confident detection of a language Clasp replies in counts: "r u open
// christmas eve? lol" and "ok thx" stay English, whatever a detector would make of them.
import type { LanguageReading } from './reading.types.js';
import type { Recognizers } from './recognizers.js';


/** The languages Clasp can say "I read English" in (dialogs/ owns the sentences). */
export const REPLY_LANGUAGES = ['es', 'fr', 'pt', 'de', 'it', 'nl', 'zh', 'ja', 'ko'] as const;
export type ReplyLanguage = (typeof REPLY_LANGUAGES)[number];

/** Fewer words or letters than this say too little to tell a language by. */
const MIN_WORDS = 3;
const MIN_LETTERS = 15;
/** A message at least this share of whose words are English words the models know is English. */
const ENGLISH_SHARE = 0.4;
/** tinyld's first guess is taken from this accuracy on, and when it is this many times the second's. */
const MIN_ACCURACY = 0.05;
const MIN_MARGIN = 2;
/** Characters of scripts that say the language outright: two of them are a word. */
const SCRIPTS: ReadonlyArray<{ code: ReplyLanguage; from: number; to: number }> = [
  { code: 'ko', from: 0xac00, to: 0xd7af },
  { code: 'ja', from: 0x3040, to: 0x30ff },
  { code: 'zh', from: 0x4e00, to: 0x9fff },
];

export function isReplyLanguage(code: string): code is ReplyLanguage {
  return (REPLY_LANGUAGES as readonly string[]).includes(code);
}

/**
 * The language of a message whose words (`words`, as the models read them) say clearly it is
 * not English and one Clasp replies in; `{ code: 'en' }` when it is clearly English; null when
 * it says too little to tell.
 */
export async function readLanguage(
  text: string,
  words: readonly string[],
  isEnglishWord: (word: string) => boolean,
  detector: Pick<Recognizers, 'languages'>,
): Promise<LanguageReading | null> {
  for (const { code, from, to } of SCRIPTS) {
    let count = 0;
    for (const char of text) {
      const point = char.codePointAt(0) ?? 0;
      if (point >= from && point <= to) count += 1;
    }
    if (count >= 2) return { code, english: false };
  }
  const plain = words.filter((word) => !word.startsWith('#') && !word.includes('0'));
  const letters = plain.reduce((sum, word) => sum + word.length, 0);
  if (plain.length < MIN_WORDS || letters < MIN_LETTERS) return null;
  const known = plain.filter(isEnglishWord).length;
  if (known >= ENGLISH_SHARE * plain.length) return { code: 'en', english: true };
  const [guess, second] = await detector.languages(plain.join(' '));
  if (guess === undefined || guess.accuracy < MIN_ACCURACY) return null;
  // A close second guess leaves the language open, unless it too is a language other than English
  // that Clasp replies in (Portuguese and Spanish share many words): then it is surely not English.
  const close = second !== undefined && guess.accuracy < MIN_MARGIN * second.accuracy;
  if (close && (second.lang === 'en' || !isReplyLanguage(second.lang))) return null;
  if (guess.lang === 'en') return { code: 'en', english: true };
  return isReplyLanguage(guess.lang) ? { code: guess.lang, english: false } : null;
}
