// A trained linear classifier over a message's features (text-features.ts): TF-IDF weights, one
// row of class weights per feature, a softmax with a calibrated temperature. Plain data that
// `npm install` trains (scripts/train-models.ts) and start-up loads; predicting is a sparse dot
// product, tens of microseconds.
import { featureHashesOfTokens, tokens, wordFeature, type FeatureHashes, type FeatureShape } from './text-features.js';

/** A model as saved: what it was trained on is in `key`, so a stale cache is noticed. */
export interface SavedLinearModel {
  format: typeof LINEAR_MODEL_FORMAT;
  name: string;
  key: string;
  classes: string[];
  shape: FeatureShape;
  /** The feature hashes of words and word pairs, then of letter sequences. */
  words: Int32Array;
  chars: Int32Array;
  /** Inverse document frequency per feature, in the order above. */
  idf: Float32Array;
  /** Features × classes, row by row. */
  weights: Float32Array;
  bias: number[];
  /** Logits are divided by this before the softmax (fitted on held-out examples). */
  temperature: number;
  /** Extra context features the model was trained with, if any (what the bot had just said). */
  contexts?: string[];
}

export const LINEAR_MODEL_FORMAT = 3;

/** A message as the model reads it: feature indexes and their TF-IDF values. */
export interface SparseVector {
  indexes: readonly number[];
  values: readonly number[];
}

/** Scores or probabilities per class, in the order of the model's classes. */
export type ClassScores = readonly number[];

export interface LinearModel {
  readonly name: string;
  readonly classes: readonly string[];
  readonly shape: FeatureShape;
  /** Class probabilities, in the order of `classes`, for a message's tokens (and context features). */
  probabilities(words: readonly string[], contexts?: readonly string[]): ClassScores;
  /** The raw scores before the softmax. */
  logits(vector: SparseVector): ClassScores;
  /** Class probabilities of a message already read into a vector. */
  distribution(vector: SparseVector): ClassScores;
  vectorOf(words: readonly string[], contexts?: readonly string[]): SparseVector;
  /** Whether a word (as `tokens` gives it) is one the model learned from. */
  knows(word: string): boolean;
  /**
   * How rare a word the model learned from is, as its IDF (the lower, the commoner); undefined for
   * a word it never learned.
   */
  rarity(word: string): number | undefined;
}

/**
 * Feature hashes to their index in the model: an open-addressing table with each hash beside its
 * index in one typed array, so a lookup is one or two reads of neighbouring memory (a Map of the
 * same numbers is slower and several times larger).
 */
export class FeatureTable {
  /** [hash, index] per slot; hash -1 marks an empty slot (hashes are never negative). */
  private readonly slots: Int32Array;
  private readonly mask: number;
  readonly size: number;

  /** `hashes[n]` gets index `offset + n`. */
  constructor(hashes: ArrayLike<number>, offset = 0) {
    let capacity = 16;
    while (capacity < hashes.length * 2) capacity *= 2;
    this.slots = new Int32Array(capacity * 2).fill(-1);
    this.mask = capacity - 1;
    this.size = hashes.length;
    for (let n = 0; n < hashes.length; n += 1) {
      const hash = hashes[n] ?? 0;
      let slot = hash & this.mask;
      while (this.slots[slot * 2] !== -1 && this.slots[slot * 2] !== hash) slot = (slot + 1) & this.mask;
      this.slots[slot * 2] = hash;
      this.slots[slot * 2 + 1] = offset + n;
    }
  }

  /** The feature's index, or -1 when the model does not know it. */
  indexOf(hash: number): number {
    const slots = this.slots;
    let slot = hash & this.mask;
    for (;;) {
      const key = slots[slot * 2];
      if (key === hash) return slots[slot * 2 + 1] ?? -1;
      if (key === -1) return -1;
      slot = (slot + 1) & this.mask;
    }
  }
}

/** A vocabulary and its IDF: turns a message's feature hashes into a sparse, L2-normalised TF-IDF vector per block. */
export interface Vocabulary {
  words: FeatureTable;
  chars: FeatureTable;
  /** Index of each context feature. */
  contexts: ReadonlyMap<string, number>;
  idf: Float32Array;
}

/** Scratch space for one message's features: their indexes in the order met, and their counts. */
let found = new Int32Array(1_024);
let counts = new Int32Array(1_024);
/**
 * A small set of the feature indexes met in this message (open addressing over its places in
 * `found`), stamped per block so it is never cleared: small enough to stay in the CPU's cache.
 */
let setPlaces = new Int32Array(2_048);
let setStamps = new Int32Array(2_048);
let stamp = 0;

/**
 * Each block's known features with their TF-IDF values, unit length per block so the many letter
 * sequences of a message do not drown its few words.
 */
export function vectorize(hashes: FeatureHashes, vocabulary: Vocabulary, contexts: readonly string[] = []): SparseVector {
  const most = hashes.words.length + hashes.chars.length;
  if (found.length < most) {
    found = new Int32Array(most * 2);
    counts = new Int32Array(most * 2);
  }
  if (setPlaces.length < most * 2) {
    let size = setPlaces.length;
    while (size < most * 2) size *= 2;
    setPlaces = new Int32Array(size);
    setStamps = new Int32Array(size);
  }
  const wordsEnd = distinct(hashes.words, vocabulary.words, 0);
  const charsEnd = distinct(hashes.chars, vocabulary.chars, wordsEnd);
  // Made at their full size at once: grown one push at a time, they would be copied as they grow.
  let size = charsEnd;
  for (const context of contexts) if (vocabulary.contexts.has(context)) size += 1;
  const indexes = new Array<number>(size);
  const values = new Array<number>(size);
  weigh(0, wordsEnd, vocabulary.idf, indexes, values);
  weigh(wordsEnd, charsEnd, vocabulary.idf, indexes, values);
  let at = charsEnd;
  for (const context of contexts) {
    const index = vocabulary.contexts.get(context);
    if (index === undefined) continue;
    indexes[at] = index;
    values[at] = 1;
    at += 1;
  }
  return { indexes, values };
}

/** The known features among `hashes`, each once with its count, written to the scratch space from `end`; returns the new end. */
function distinct(hashes: readonly number[], table: FeatureTable, end: number): number {
  stamp += 1;
  const mask = setPlaces.length - 1;
  let size = end;
  for (let n = 0; n < hashes.length; n += 1) {
    const index = table.indexOf(hashes[n] ?? 0);
    if (index < 0) continue;
    let slot = Math.imul(index, 0x9e3779b1) & mask;
    for (;;) {
      if (setStamps[slot] !== stamp) {
        setStamps[slot] = stamp;
        setPlaces[slot] = size;
        found[size] = index;
        counts[size] = 1;
        size += 1;
        break;
      }
      const place = setPlaces[slot] ?? 0;
      if (found[place] === index) {
        counts[place] = (counts[place] ?? 0) + 1;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return size;
}

/** Features [from, to) of the scratch space with (1 + log count) × IDF, normalised, into the same places of the vector. */
function weigh(from: number, to: number, idf: Float32Array, indexes: number[], values: number[]): void {
  let norm = 0;
  for (let at = from; at < to; at += 1) {
    const index = found[at]!;
    const count = counts[at]!;
    const value = (count === 1 ? 1 : 1 + Math.log(count)) * idf[index]!;
    indexes[at] = index;
    values[at] = value;
    norm += value * value;
  }
  if (norm > 0) {
    const scale = 1 / Math.sqrt(norm);
    for (let at = from; at < to; at += 1) values[at] = values[at]! * scale;
  }
}

/** Where the largest value is (the likeliest class of probabilities or logits); -1 when there is none. */
export function largestAt(values: ClassScores): number {
  let top = -1;
  for (let at = 0; at < values.length; at += 1) if (top < 0 || (values[at] ?? 0) > (values[top] ?? 0)) top = at;
  return top;
}

export function softmax(logits: ClassScores, temperature: number): number[] {
  let max = -Infinity;
  for (const value of logits) if (value > max) max = value;
  const out: number[] = [];
  let sum = 0;
  for (let c = 0; c < logits.length; c += 1) {
    const value = Math.exp((logits[c]! - max) / temperature);
    out.push(value);
    sum += value;
  }
  for (let c = 0; c < out.length; c += 1) out[c] = out[c]! / sum;
  return out;
}

/** The model's vocabulary in the form `vectorize` reads. */
export function vocabularyOf(saved: Pick<SavedLinearModel, 'words' | 'chars' | 'idf' | 'contexts'>): Vocabulary {
  const wordHashes = saved.words;
  const charHashes = saved.chars;
  const words = new FeatureTable(wordHashes);
  const chars = new FeatureTable(charHashes, wordHashes.length);
  const contexts = new Map<string, number>();
  const base = wordHashes.length + charHashes.length;
  (saved.contexts ?? []).forEach((name, index) => contexts.set(name, base + index));
  const idf = new Float32Array(base + contexts.size);
  idf.set(saved.idf);
  return { words, chars, contexts, idf };
}

export function loadLinearModel(saved: SavedLinearModel): LinearModel {
  if (saved.format !== LINEAR_MODEL_FORMAT) throw new Error(`model ${saved.name}: format ${String(saved.format)}, expected ${LINEAR_MODEL_FORMAT}`);
  const vocabulary = vocabularyOf(saved);
  const classCount = saved.classes.length;
  const weights = saved.weights;
  const features = vocabulary.idf.length;
  if (weights.length !== features * classCount) throw new Error(`model ${saved.name}: ${weights.length} weights for ${features} features × ${classCount} classes`);
  const bias = [...saved.bias];
  return fromParts(saved.name, saved.classes, saved.shape, vocabulary, weights, bias, saved.temperature);
}

/** A model from its parts (the trainer's, before it is saved). */
export function fromParts(
  name: string,
  classes: readonly string[],
  shape: FeatureShape,
  vocabulary: Vocabulary,
  weights: Float32Array,
  bias: readonly number[],
  temperature: number,
): LinearModel {
  const classCount = classes.length;
  // Hot path: every message is read by several models. The vector's indexes are the model's own,
  // so every row is in range.
  function logits(vector: SparseVector): number[] {
    const out = bias.slice();
    const { indexes, values } = vector;
    for (let i = 0; i < indexes.length; i += 1) {
      const row = indexes[i]! * classCount;
      const value = values[i]!;
      for (let c = 0; c < classCount; c += 1) out[c] = out[c]! + value * weights[row + c]!;
    }
    return out;
  }
  function rarity(word: string): number | undefined {
    const index = vocabulary.words.indexOf(wordFeature(word));
    return index < 0 ? undefined : vocabulary.idf[index];
  }
  function vectorOf(words: readonly string[], contexts: readonly string[] = []): SparseVector {
    return vectorize(featureHashesOfTokens(words, shape, contexts), vocabulary, contexts);
  }
  return {
    name,
    classes,
    shape,
    logits,
    vectorOf,
    probabilities: (words, contexts) => softmax(logits(vectorOf(words, contexts)), temperature),
    distribution: (vector) => softmax(logits(vector), temperature),
    knows: (word) => rarity(word) !== undefined,
    rarity,
  };
}

/** The tokens a model reads of a text (re-exported so callers need one import). */
export { tokens };
