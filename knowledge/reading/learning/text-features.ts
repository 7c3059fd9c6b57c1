// What the learned models see of a message: its words, pairs of neighbouring words, and the
// letter sequences inside each word (2 to 4 letters, padded at the word's edges), so a typo
// ("recieve", "neckalce") still shares most of what the right spelling has. Order numbers and email
// addresses become one token each (their characters say nothing about what is asked), and digits
// are all "0" (a ring size and a quantity read alike).
//
// Features are numbers, not strings: each is a 30-bit hash of its letters (FNV-1a), computed
// from the characters as they are read, so reading a message makes no string per letter sequence
// and looks each feature up by a small integer. Two features of a model sharing a hash is as rare
// as it is harmless (they are learned as one).
import { findEmail } from '../../readers/email-address.reader.js';
import { findOrderNumber } from '../../readers/order-number.reader.js';

/** The shape of the features; saved with a model so it is read the way it was trained. */
export interface FeatureShape {
  /** Letter sequences from this length… */
  charMin: number;
  /** …to this length. */
  charMax: number;
  /** Word pairs too (not only single words). */
  wordPairs: boolean;
  /**
   * Each word paired with each context feature too ("bot:CONFIRM" with "all"), so a word can mean
   * one thing after one kind of question and another after the next ("that's all" after a summary).
   */
  contextWords?: boolean;
}

export const DEFAULT_FEATURE_SHAPE: FeatureShape = { charMin: 2, charMax: 4, wordPairs: true };

/** A message's features by hash, each with how often it occurs: words and pairs, and letter sequences. */
export interface FeatureCounts {
  words: Map<number, number>;
  chars: Map<number, number>;
}

const ORDER_TOKEN = '#order';
const EMAIL_TOKEN = '#email';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** Hashes are kept to 30 bits: small integers in V8, fast as Map keys. */
const MASK = 0x3fffffff;
// Seeds keep the kinds of feature apart: the word "ab" is not the letter sequence "ab".
const WORD_SEED = 0x1b873593;
const PAIR_SEED = 0x5bd1e995;
const CONTEXT_SEED = 0x27d4eb2f;
const CHAR_SEED = 0x165667b1;
/** The start of a message, as the word before the first ("can …" at the start asks). */
const START_HASH = hashText('^', WORD_SEED);

function step(hash: number, code: number): number {
  return Math.imul((hash ^ code) >>> 0, FNV_PRIME) >>> 0;
}

function hashText(text: string, seed: number): number {
  let hash = (FNV_OFFSET ^ seed) >>> 0;
  for (let index = 0; index < text.length; index += 1) hash = step(hash, text.charCodeAt(index));
  return hash;
}

/** Two hashes as one (a pair of words, a context and a word). */
function mix(a: number, b: number, seed: number): number {
  let hash = Math.imul((a ^ seed) >>> 0, 0x9e3779b1) >>> 0;
  hash = Math.imul((hash ^ b) >>> 0, 0x85ebca6b) >>> 0;
  return (hash ^ (hash >>> 13)) & MASK;
}

/** The feature of a single word. */
export function wordFeature(word: string): number {
  return hashText(word, WORD_SEED) & MASK;
}

/** The feature of two neighbouring words; `^` before the first word of a message. */
export function pairFeature(first: string, second: string): number {
  return mix(first === '^' ? START_HASH : hashText(first, WORD_SEED), hashText(second, WORD_SEED), PAIR_SEED);
}

/** The feature of a word after a context ("bot:CONFIRM"). */
export function contextWordFeature(context: string, word: string): number {
  return mix(hashText(context, CONTEXT_SEED), hashText(word, WORD_SEED), CONTEXT_SEED);
}

/** The feature of a letter sequence, spaces marking a word's edges (" ri" starts "ring"). */
export function charFeature(sequence: string): number {
  return (hashText(sequence, CHAR_SEED) ^ sequence.length) & MASK;
}

/** The feature of a context on its own. */
export function contextFeature(context: string): number {
  return hashText(context, CONTEXT_SEED) & MASK;
}

/** Lower case, accents and apostrophes gone, identifiers as tokens, digits as "0", split into words. */
export function tokens(text: string): string[] {
  let plain = text;
  // Identifiers first, while their punctuation is still there to read them by (an order number
  // has digits, an email an "@": most messages have neither, and skip the readers).
  const orderNumber = hasDigit(plain) ? findOrderNumber(plain) : undefined;
  if (orderNumber !== undefined) plain = replaceTyped(plain, orderNumber.typed, ` ${ORDER_TOKEN} `);
  const email = plain.includes('@') ? findEmail(plain) : undefined;
  if (email !== undefined) plain = replaceInsensitive(plain, email, ` ${EMAIL_TOKEN} `);
  // Plain ASCII (most messages): the same rules by the engine's own string functions.
  if (isAscii(plain)) {
    const words = plain.toLowerCase().replace(/'/g, '').replace(/[0-9]/g, '0').split(/[^a-z0-9#]+/);
    return words.filter((word) => word !== '');
  }
  const lower = plain.normalize('NFKD').toLowerCase();
  const words: string[] = [];
  let word = '';
  for (let index = 0; index < lower.length; index += 1) {
    const code = lower.charCodeAt(index);
    if ((code >= 97 && code <= 122) || code === 35) word += lower[index];
    else if (code >= 48 && code <= 57) word += '0';
    // Apostrophes join ("don't" → "dont"); combining accents vanish; anything else ends a word.
    else if (code === 39 || code === 0x2019 || code === 0x2018 || (code >= 0x300 && code <= 0x36f)) continue;
    else if (code > 0x36f && /\p{L}/u.test(lower[index] ?? '')) word += lower[index];
    else if (word !== '') {
      words.push(word);
      word = '';
    }
  }
  if (word !== '') words.push(word);
  return words;
}

function isAscii(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) if (text.charCodeAt(index) > 0x7f) return false;
  return true;
}

function hasDigit(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code >= 48 && code <= 57) return true;
    // Other scripts' digits and full-width ones are read by the order-number reader too.
    if (code > 0x7f && /\p{Nd}/u.test(text.charAt(index))) return true;
  }
  return false;
}

/** `typed` (an order number as the reader shows it) replaced where it stands, in any case and spacing. */
function replaceTyped(text: string, typed: string, by: string): string {
  const parts = typed.split(' ');
  const first = parts[0] ?? '';
  const at = text.toUpperCase().indexOf(first.replace(/^#/, ''));
  if (at < 0) return text;
  let end = at + first.length;
  for (const part of parts.slice(1)) {
    const next = text.toUpperCase().indexOf(part, end);
    if (next < 0) break;
    end = next + part.length;
  }
  return `${text.slice(0, at)}${by}${text.slice(end)}`;
}

function replaceInsensitive(text: string, found: string, by: string): string {
  const at = text.toLowerCase().indexOf(found);
  return at < 0 ? text : `${text.slice(0, at)}${by}${text.slice(at + found.length)}`;
}

/**
 * A message's features as hashes, one entry per occurrence (a word said twice is there twice):
 * words and pairs, then letter sequences. Plain arrays: on this kind of machine a typed array
 * costs microseconds to allocate, and a message makes several.
 */
export interface FeatureHashes {
  words: readonly number[];
  chars: readonly number[];
}

/** The features of `text`, counted by hash (for tests and the model comparison). */
export function featureCounts(text: string, shape: FeatureShape = DEFAULT_FEATURE_SHAPE): FeatureCounts {
  return countsOf(featureHashesOfTokens(tokens(text), shape));
}

/** Hashes counted: each feature with how often it occurs. */
export function countsOf(hashes: FeatureHashes): FeatureCounts {
  const tally = (list: readonly number[]) => {
    const counts = new Map<number, number>();
    for (const hash of list) counts.set(hash, (counts.get(hash) ?? 0) + 1);
    return counts;
  };
  return { words: tally(hashes.words), chars: tally(hashes.chars) };
}

export function featureCountsOfTokens(words: readonly string[], shape: FeatureShape, contexts: readonly string[] = []): FeatureCounts {
  return countsOf(featureHashesOfTokens(words, shape, contexts));
}

/**
 * Hashes already made for the last few lists of words: a message is read by several models
 * (topic, acts, condition, problem, urgency), and each would hash the same features. Letter
 * sequences depend on the shape only; words and pairs on the contexts too (the act model pairs
 * each word with them). A short ring searched by identity: cheaper than a WeakMap, whose entries
 * the garbage collector must trace.
 */
interface Hashed {
  words: readonly string[];
  key: string;
  hashes: number[];
}
const RECENT = 24;
const recent: Array<Hashed | undefined> = new Array<Hashed | undefined>(RECENT).fill(undefined);
let next = 0;

function remembered(words: readonly string[], key: string, make: () => number[]): number[] {
  for (const entry of recent) if (entry !== undefined && entry.words === words && entry.key === key) return entry.hashes;
  const hashes = make();
  recent[next] = { words, key, hashes };
  next = (next + 1) % RECENT;
  return hashes;
}

export function featureHashesOfTokens(words: readonly string[], shape: FeatureShape, contexts: readonly string[] = []): FeatureHashes {
  const chars = remembered(words, `c${shape.charMin} ${shape.charMax}`, () => hashSequencesOf(words, shape));
  const contextual = shape.contextWords === true && contexts.length > 0;
  const wordKey = contextual ? `w${shape.wordPairs} ${contexts.join(' ')}` : `w${shape.wordPairs}`;
  const wordHashes = remembered(words, wordKey, () => hashWords(words, shape, contextual ? contexts : []));
  return { words: wordHashes, chars };
}

// Hot path: plain loops, no closures or objects per word (each costs more than the hashing itself).
function hashWords(words: readonly string[], shape: FeatureShape, contexts: readonly string[]): number[] {
  const contextHashes = contexts.map((context) => hashText(context, CONTEXT_SEED));
  const out: number[] = [];
  let previous = START_HASH;
  for (const word of words) {
    const own = hashText(word, WORD_SEED);
    out.push(own & MASK);
    if (shape.wordPairs) out.push(mix(previous, own, PAIR_SEED));
    for (const context of contextHashes) out.push(mix(context, own, CONTEXT_SEED));
    previous = own;
  }
  return out;
}

function hashSequencesOf(words: readonly string[], shape: FeatureShape): number[] {
  const out: number[] = [];
  for (const word of words) {
    if (word === ORDER_TOKEN || word === EMAIL_TOKEN) continue;
    hashSequences(word, shape, out);
  }
  return out;
}

/** The letter sequences of " word " from charMin to charMax letters, hashed as they are walked. */
function hashSequences(word: string, shape: FeatureShape, out: number[]): void {
  const length = word.length + 2;
  for (let start = 0; start + shape.charMin <= length; start += 1) {
    let hash = (FNV_OFFSET ^ CHAR_SEED) >>> 0;
    for (let size = 1; size <= shape.charMax && start + size <= length; size += 1) {
      const at = start + size - 1;
      hash = step(hash, at === 0 || at === length - 1 ? 32 : word.charCodeAt(at - 1));
      if (size >= shape.charMin) out.push((hash ^ size) & MASK);
    }
  }
}
