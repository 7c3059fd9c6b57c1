// The fuse.js matcher: each word of a message is matched to the phrases' vocabulary (exactly, else
// fuzzily with fuse.js, one word at a time so patterns stay far below fuse's 32-character limit),
// and every matched word votes for the topics whose phrases use it.
import Fuse from 'fuse.js';
import { StemmerEn } from '@nlpjs/lang-en';
import { isTopic, type Topic } from '../topics.js';
import type { Example } from './nlp-classifier.js';
import type { TopicScore } from './understanding.types.js';

export interface TopicMatcher {
  /** Topic scores for normalized words, best first, summing to 1; empty when no word matched. */
  match(text: string): TopicScore[];
}

/** Fuse scores run from 0 (exact) to 1; a vocabulary word further than this is no match. */
const FUZZY_THRESHOLD = 0.3;
const MIN_FUZZY_LENGTH = 4;
// fuse.js searches a longer pattern in 32-character pieces against the whole vocabulary: a
// 2,000-letter "word" took 0.3-0.6 s and matched nothing. No vocabulary word is near that long.
const MAX_FUZZY_LENGTH = 32;
/** A word seen in n phrases counts 1 - e^(-n/RARE): once 0.39, twice 0.63, five times 0.92. */
const RARE = 2;

export function createFuseMatcher(examples: readonly Example[]): TopicMatcher {
  const stemmer = new StemmerEn();
  const stem = (word: string): string => stemmer.stemWord(word);
  const topics: Topic[] = [];
  const uses = new Map<string, number[]>();
  for (const { text, topic } of examples) {
    if (!isTopic(topic)) continue;
    if (!topics.includes(topic)) topics.push(topic);
    const index = topics.indexOf(topic);
    for (const word of new Set(text.split(' ').filter(Boolean).map(stem))) {
      const counts = uses.get(word) ?? [];
      counts[index] = (counts[index] ?? 0) + 1;
      uses.set(word, counts);
    }
  }
  // For each word, its vote for each topic: the share of the word's uses in that topic's phrases
  // (raw counts, so a topic that covers many requests is not diluted by its size), scaled down for
  // words that many topics use and for words seen only once or twice.
  const votes = new Map<string, Float64Array>();
  for (const [word, counts] of uses) {
    const seen = counts.reduce((sum, count) => sum + (count ?? 0), 0);
    const topicsUsing = counts.filter((count) => (count ?? 0) > 0).length;
    const specificity = Math.log(1 + topics.length / topicsUsing) / Math.log(1 + topics.length);
    const weight = specificity * (1 - Math.exp(-seen / RARE));
    votes.set(word, Float64Array.from(topics, (_, t) => (weight * (counts[t] ?? 0)) / seen));
  }

  const vocabulary = new Fuse([...votes.keys()], {
    includeScore: true,
    threshold: FUZZY_THRESHOLD,
    location: 0,
    distance: 8,
  });
  const fuzzyCache = new Map<string, { word: string; closeness: number } | null>();

  function lookUp(word: string): { row: Float64Array; closeness: number } | undefined {
    const exact = votes.get(word);
    if (exact) return { row: exact, closeness: 1 };
    if (word.length < MIN_FUZZY_LENGTH || word.length > MAX_FUZZY_LENGTH) return undefined;
    let hit = fuzzyCache.get(word);
    if (hit === undefined) {
      const best = vocabulary.search(word, { limit: 1 })[0];
      hit = best ? { word: best.item, closeness: 1 - (best.score ?? 1) } : null;
      if (fuzzyCache.size > 20_000) fuzzyCache.clear();
      fuzzyCache.set(word, hit);
    }
    const row = hit ? votes.get(hit.word) : undefined;
    return hit && row ? { row, closeness: hit.closeness } : undefined;
  }

  return {
    match(text) {
      const totals = new Float64Array(topics.length);
      let matched = 0;
      for (const word of new Set(text.split(' ').filter(Boolean).map(stem))) {
        const found = lookUp(word);
        if (!found) continue;
        matched += 1;
        for (let t = 0; t < topics.length; t += 1) totals[t] = (totals[t] ?? 0) + found.closeness * (found.row[t] ?? 0);
      }
      if (matched === 0) return [];
      const sum = totals.reduce((acc, total) => acc + total, 0);
      if (sum <= 0) return [];
      return topics
        .map((topic, t) => ({ topic, confidence: (totals[t] ?? 0) / sum }))
        .filter((score) => score.confidence > 0)
        .sort((a, b) => b.confidence - a.confidence);
    },
  };
}
