// Shoppers' typos ("retruns", "polcy", "earings"), read as the words the models learned from: a
// word the topic model never met, of four letters or more, becomes the commonest word it knows one
// edit away (a letter dropped, added or changed, or two neighbours swapped). A word it knows, a
// short word ("ur", "thx") and an identifier token stay as typed: letter sequences already carry
// most of a short word, and a correction one letter from a three-letter word is mostly a guess.
const MIN_LETTERS = 4;
/** Longer words are names, links or keyboard mashing: left as typed (and their cost bounded). */
const MAX_LETTERS = 20;
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
/**
 * Corrections remembered (a word the models never met costs a few hundred lookups to correct, and
 * shoppers' unknown words repeat: "hiya", "pls", the same typo of "necklace"). Forgotten all at once
 * when full: the memory stays bounded whatever is typed.
 */
const MAX_REMEMBERED = 10_000;

export interface Spelling {
  /** The words with each typo read as the word meant; the same array when nothing changed. */
  correct(words: readonly string[]): readonly string[];
}

/**
 * `rarity`: a word's IDF in the topic model (lower is commoner), undefined for a word it never
 * learned; `knownElsewhere`: a word another model learned ("nope" for the replies), left as typed.
 */
export function createSpelling(rarity: (word: string) => number | undefined, knownElsewhere: (word: string) => boolean = () => false): Spelling {
  function meant(word: string): string | undefined {
    let best: string | undefined;
    let commonest = Infinity;
    const consider = (candidate: string) => {
      if (candidate.length < MIN_LETTERS) return;
      const seen = rarity(candidate);
      if (seen !== undefined && seen < commonest) {
        commonest = seen;
        best = candidate;
      }
    };
    for (let at = 0; at <= word.length; at += 1) {
      const before = word.slice(0, at);
      const after = word.slice(at);
      const rest = word.slice(at + 1);
      if (at < word.length) consider(before + rest);
      if (at + 1 < word.length) consider(before + word.charAt(at + 1) + word.charAt(at) + word.slice(at + 2));
      for (const letter of LETTERS) {
        consider(before + letter + after);
        if (at < word.length && letter !== word.charAt(at)) consider(before + letter + rest);
      }
    }
    return best;
  }

  function misspelt(word: string): boolean {
    if (word.length < MIN_LETTERS || word.length > MAX_LETTERS || rarity(word) !== undefined || knownElsewhere(word)) return false;
    for (let at = 0; at < word.length; at += 1) {
      const code = word.charCodeAt(at);
      if (code < 97 || code > 122) return false;
    }
    return true;
  }

  const remembered = new Map<string, string | null>();
  function meantRemembered(word: string): string | undefined {
    let right = remembered.get(word);
    if (right === undefined) {
      if (remembered.size >= MAX_REMEMBERED) remembered.clear();
      right = meant(word) ?? null;
      remembered.set(word, right);
    }
    return right ?? undefined;
  }

  return {
    correct(words) {
      let corrected: string[] | undefined;
      for (let at = 0; at < words.length; at += 1) {
        const word = words[at] ?? '';
        if (!misspelt(word)) continue;
        const right = meantRemembered(word);
        if (right === undefined) continue;
        corrected ??= [...words];
        corrected[at] = right;
      }
      return corrected ?? words;
    },
  };
}
