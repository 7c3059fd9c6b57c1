// Which language a message is written in, when it says enough to tell. tinyld reads "KS-100234"
// and "ok" as some language, so it is only asked about messages with enough letters, once order
// numbers and emails are gone, and whose words are mostly not English words Clasp knows: short
// English ("ok", "thx", "yes pls") and typos never reach it.
import { detectAll } from 'tinyld';
import { stripEntities } from './entities.js';
import type { LanguageReading } from './understanding.types.js';

/** The languages Clasp can say "I read English" in (dialogs/ owns the sentences). */
export const REPLY_LANGUAGES = ['es', 'fr', 'pt', 'de', 'it', 'nl', 'zh', 'ja', 'ko'] as const;
export type ReplyLanguage = (typeof REPLY_LANGUAGES)[number];

const MIN_LETTERS = 12;
const MIN_WORDS = 2;
/** A message at least this share of whose words are known English words is English. */
const ENGLISH_SHARE = 0.5;
/** tinyld's first guess is acted on from this accuracy on, and when it is this many times the second's. */
const MIN_ACCURACY = 0.05;
const MIN_MARGIN = 2;
const HANGUL = /[\uac00-\ud7af]/g;
const KANA = /[\u3040-\u30ff]/g;
const HAN = /[\u4e00-\u9fff]/g;

/**
 * The language of `text`, if it is clearly not English and one Clasp replies in; `{ code: 'en' }`
 * when it is clearly English; undefined when it is too short to tell.
 * `isEnglishWord` is the recognizer's vocabulary (phrases, documents, other domains' questions).
 */
export function readLanguage(text: string, isEnglishWord: (word: string) => boolean): LanguageReading | undefined {
  const clean = stripEntities(text);
  // Scripts say it outright: two characters are a word in these.
  if ((clean.match(HANGUL)?.length ?? 0) >= 2) return { code: 'ko', english: false };
  if ((clean.match(KANA)?.length ?? 0) >= 2) return { code: 'ja', english: false };
  if ((clean.match(HAN)?.length ?? 0) >= 2) return { code: 'zh', english: false };

  const words = clean
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
  const letters = words.reduce((sum, word) => sum + word.length, 0);
  if (words.length < MIN_WORDS || letters < MIN_LETTERS) return undefined;
  const known = words.filter((word) => isEnglishWord(word)).length;
  if (known >= ENGLISH_SHARE * words.length) return { code: 'en', english: true };

  const [guess, second] = detectAll(clean);
  if (guess === undefined || guess.accuracy < MIN_ACCURACY) return undefined;
  // A close second guess leaves the language open, unless it too is a language other than English
  // that Clasp replies in (Portuguese and Spanish share many words): then it is surely not English.
  const close = second !== undefined && guess.accuracy < MIN_MARGIN * second.accuracy;
  if (close && (second.lang === 'en' || !isReplyLanguage(second.lang))) return undefined;
  if (guess.lang === 'en') return { code: 'en', english: true };
  return isReplyLanguage(guess.lang) ? { code: guess.lang, english: false } : undefined;
}

export function isReplyLanguage(code: string): code is ReplyLanguage {
  return (REPLY_LANGUAGES as readonly string[]).includes(code);
}
