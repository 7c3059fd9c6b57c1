// Which of an order's items the shopper means, from how the Reading step heard them name it
// (an ItemMention: its place in the list, words of its name or kind, "the personalized one").
// Pure matching against the order's items; several equally good matches come back as ambiguous.
import type { ItemMention } from '../reading/reading.types.js';

export type ItemMatch = { index: number } | { ambiguous: number[] };

export interface MatchableItem {
  sku: string;
  name: string;
  personalized?: boolean;
  finalSale?: boolean;
}

// Words that name jewelry by kind: a shopper says "the necklace" for a "Pendant" or "the
// bracelet" for a "Cuff". A word in the item's name counts more than a word of the same kind.
const KINDS: Readonly<Record<string, string>> = {
  necklace: 'necklace', chain: 'necklace', pendant: 'necklace', choker: 'necklace', lariat: 'necklace', locket: 'necklace',
  earring: 'earring', stud: 'earring', hoop: 'earring', huggie: 'earring', drop: 'earring', dangle: 'earring',
  bracelet: 'bracelet', cuff: 'bracelet', bangle: 'bracelet',
  ring: 'ring', band: 'ring',
  charm: 'charm',
  keychain: 'keychain', keyring: 'keychain',
  watch: 'watch',
};

/** Words that name no item: "can I send back the one I bought". */
const NOT_A_NAME = new Set([
  'the', 'a', 'an', 'my', 'your', 'our', 'in', 'on', 'of', 'and', 'or', 'with', 'for', 'to', 'it', 'its', 'one', 'ones', 'this', 'that',
  'these', 'those', 'them', 'i', 'me', 'we', 'item', 'piece', 'order', 'return', 'back', 'send', 'can', 'want', 'would', 'like',
  'final', 'sale', 'bought', 'got', 'is', 'are', 'was', 'be', 'do', 'please', 'set', 'pair',
]);

/** Lower-case words of a name or SKU: letters and digits, everything else a break. */
export function nameWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/['’‘]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

function singular(word: string): string {
  if (word.length > 3 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/**
 * One letter added, dropped, changed or two swapped ("earings", "neckalce", "braclet"): a typo of
 * a word of five letters or more ("band" and "hand" are different words). Linear: it walks both words once.
 */
export function oneTypoApart(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.min(a.length, b.length) < 5 || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  const [shorter, longer] = a.length < b.length ? [a, b] : [b, a];
  return shorter.slice(i) === longer.slice(i + 1);
}

function kindOf(word: string): string | undefined {
  return KINDS[word] ?? Object.entries(KINDS).find(([name]) => oneTypoApart(name, word))?.[1];
}

function contains(words: readonly string[], part: readonly string[]): boolean {
  if (part.length === 0) return false;
  for (let start = 0; start + part.length <= words.length; start += 1) {
    if (part.every((word, offset) => words[start + offset] === word)) return true;
  }
  return false;
}

function only(indexes: number[]): ItemMatch | undefined {
  if (indexes.length === 0) return undefined;
  return indexes.length === 1 && indexes[0] !== undefined ? { index: indexes[0] } : { ambiguous: indexes };
}

/**
 * Which of `items` the mention names: by place ("2", "the second one", "the last one"), SKU, the
 * whole name, what only one item is ("the personalized one"), or the words of its name or kind.
 */
export function matchItem(mention: ItemMention, items: readonly MatchableItem[]): ItemMatch | undefined {
  const words = mention.words;
  const bySku = items.findIndex((item) => contains(words, nameWords(item.sku)));
  if (bySku >= 0) return { index: bySku };
  const byName = items.findIndex((item) => nameWords(item.name).join(' ') === words.join(' '));
  if (byName >= 0) return { index: byName };
  const flag = mention.personalized === true ? 'personalized' : mention.finalSale === true ? 'finalSale' : undefined;
  if (flag !== undefined) {
    const flagged = only(items.flatMap((item, index) => (item[flag] === true ? [index] : [])));
    if (flagged !== undefined) return flagged;
  }
  const said = new Set(words.filter((word) => !NOT_A_NAME.has(word)).map(singular));
  const kinds = new Set([...said].map(kindOf).filter((kind) => kind !== undefined));
  const scores = items.map((item) => {
    const itemWords = new Set(nameWords(item.name).filter((word) => !NOT_A_NAME.has(word)).map(singular));
    let score = 0;
    for (const word of itemWords) if (said.has(word) || [...said].some((other) => oneTypoApart(other, word))) score += 2;
    const itemKinds = new Set([...itemWords].map((word) => KINDS[word]).filter((kind) => kind !== undefined));
    for (const kind of itemKinds) if (kinds.has(kind)) score += 1;
    return score;
  });
  const best = Math.max(0, ...scores);
  if (best > 0) return only(scores.flatMap((score, index) => (score === best ? [index] : [])));
  if (mention.place !== undefined) {
    const index = mention.place < 0 ? items.length + mention.place : mention.place;
    if (index >= 0 && index < items.length) return { index };
  }
  return undefined;
}
