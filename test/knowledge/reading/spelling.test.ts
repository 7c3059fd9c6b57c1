// The spelling step on its own, over a small made-up vocabulary: which typed words it changes, and to what.
import { describe, expect, it } from 'vitest';
import { createSpelling } from '../../../knowledge/reading/spelling.js';

// IDF-like rarities: the lower, the commoner.
const VOCABULARY = new Map([
  ['returns', 2],
  ['return', 2.5],
  ['policy', 3],
  ['earrings', 4],
  ['whats', 2],
  ['have', 1],
  ['sale', 3],
  ['was', 1],
]);
const spelling = createSpelling((word) => VOCABULARY.get(word), (word) => word === 'nope');

describe('spelling', () => {
  it('reads a letter swapped, dropped, added or changed as the word it was meant to be', () => {
    expect(spelling.correct(['retruns', 'polcy', 'earings', 'policyy', 'poljcy'])).toEqual(['returns', 'policy', 'earrings', 'policy', 'policy']);
  });

  it('picks the commoner of two words one edit away', () => {
    expect(spelling.correct(['returs'])).toEqual(['returns']);
  });

  it('never corrects into a word under four letters, nor a word under four letters', () => {
    expect(spelling.correct(['wats', 'ur', 'hii'])).toEqual(['whats', 'ur', 'hii']);
  });

  it('leaves known words, words another model knows, identifiers and words too far from any known one', () => {
    const words = ['returns', 'nope', '#order', 'mexico', 'ks0000'];
    expect(spelling.correct(words)).toBe(words);
  });
});
