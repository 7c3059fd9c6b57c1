// Turns what a shopper typed into plain lower-case words the classifiers know: entities dropped,
// contractions and chat shorthand spelled out, run-on words split and typos corrected against
// the vocabulary of the team's phrases.
import { stripEntities } from './entities.js';

const CONTRACTIONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bwon't\b/g, 'will not'],
  [/\bcan't\b/g, 'can not'],
  [/n't\b/g, ' not'],
  [/'m\b/g, ' am'],
  [/'re\b/g, ' are'],
  [/'ve\b/g, ' have'],
  [/'ll\b/g, ' will'],
  [/'d\b/g, ' would'],
  [/'s\b/g, ''],
  [/\be-mail/g, 'email'],
];

// "Purchase" and "order" are both nouns for an order that exists ("my purchase", "the order") and
// verbs for buying ("make a purchase", "I'd like to order a ring"). Nouns become "order", verbs
// "buy", so that the words tell the two apart for the classifiers. An order number after the word
// makes it a noun: "add a ring to purchase 12345" is about an existing order.
// Each run of spaces is read by one `\s*` only (a word or a colon ends it), so a long run after
// the keyword costs linear time, not the cubic time of three `\s*` around optional parts.
const ID_AHEAD = String.raw`\s*(?:(?:number|num|no\.?|id)\s*)?(?:[:#]\s*)?[a-z]{0,4}-?\d`;
const ORDER_WORDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bin order to\b/g, 'to'],
  [new RegExp(String.raw`\bpurchase(?=${ID_AHEAD})`, 'g'), 'order'],
  [/\b(?:make|do|place|complete) (?:a |an |some |new )?purchases?\b/g, 'buy'],
  [
    new RegExp(String.raw`\b(to|i|we|can|could|would|will|wanna|gonna|please|and) (?:purchase|order)\b(?!${ID_AHEAD})`, 'g'),
    '$1 buy',
  ],
  // "order a bracelet", "purchase some earrings": a verb before what is bought, unless a noun ("my order").
  [
    /(?<!\b(?:my|the|your|our|this|that|an|a|of|new|last|first|recent|latest|previous|whole|cancel|track|change|edit|modify|update|check|return)\s)\b(?:purchase|order)(?=\s(?:a|an|some|the|few|several|more|this|these|those|one|two|three|another|something|anything|jewelry)\b)/g,
    'buy',
  ],
  [/\bpurchasing\b/g, 'buying'],
  [/\bordering\b/g, 'buying'],
  [/\bpurchases\b/g, 'orders'],
  [/\bpurchase\b/g, 'order'],
];

// Phrasings whose words would mislead a bag of words.
const PHRASINGS: ReadonlyArray<readonly [RegExp, string]> = [
  // "pay for shipping" asks what shipping costs, not how to pay.
  [/\bpay (?:for|on) (?:the )?(shipping|delivery|postage)\b/g, '$1 cost'],
  // "an update on my order" is news about it; "update my order" changes it.
  [/\bupdates? (on|about|regarding|for)\b/g, 'news $1'],
  // Sums are maths, whatever the numbers: "what is 12 times 12". Read from the first digit of
  // a run only (a match could never start inside one), so a long run of digits is linear.
  [
    /(?<!\d)\d+(?:\.\d+)?(?:\s*[+*/×÷^=]\s*|\s+[-x]\s+|\s*\b(?:times|plus|minus|divided by|multiplied by|to the power of)\s+)\d+(?:\.\d+)?/g,
    ' arithmetic ',
  ],
];

// Chat shorthand and apostrophe-less contractions, one word to its spelled-out form.
const SHORTHAND: Readonly<Record<string, string>> = {
  u: 'you', ur: 'your', r: 'are', pls: 'please', plz: 'please', pleas: 'please', thx: 'thanks',
  ty: 'thank you', tysm: 'thank you so much', wanna: 'want to', gonna: 'going to', gotta: 'got to',
  im: 'i am', ive: 'i have', dont: 'do not', cant: 'can not', cannot: 'can not', wont: 'will not',
  didnt: 'did not', doesnt: 'does not', isnt: 'is not', havent: 'have not', hasnt: 'has not',
  wasnt: 'was not', arent: 'are not', couldnt: 'could not', wouldnt: 'would not',
  shouldnt: 'should not', whats: 'what is', wheres: 'where is', hows: 'how is', thats: 'that is',
  theres: 'there is', acct: 'account', pwd: 'password', addr: 'address', msg: 'message',
  login: 'log in', logon: 'log on', signin: 'sign in', signup: 'sign up', b4: 'before',
  // The stemmer folds these into "person", the word of "talk to a person".
  personal: 'private', personalized: 'customized', personalised: 'customized', personalize: 'customize',
  personalise: 'customize', personalization: 'customization', personalisation: 'customization',
  // "the order I placed", "what I purchased" speak of an existing order; the stemmer would fold
  // them into "place"/"purchase", the words of someone about to order.
  placed: 'already', purchased: 'already',
};

// Suffixes the stemmer removes anyway: a word whose base is known is left alone.
const INFLECTIONS = ['s', 'es', 'ed', 'd', 'ing', 'ly', 'er', 'ers', 'ment', 'ments', 'ion', 'ions'];

/** Lower-case words of `text`, entities removed, contractions and shorthand spelled out. */
export function plainWords(text: string): string[] {
  let clean = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`]/g, "'");
  // Before the order numbers go: "add a ring to purchase 12345" is about an order.
  for (const [pattern, replacement] of ORDER_WORDS) clean = clean.replace(pattern, replacement);
  for (const [pattern, replacement] of PHRASINGS) clean = clean.replace(pattern, replacement);
  clean = stripEntities(clean);
  for (const [pattern, replacement] of CONTRACTIONS) clean = clean.replace(pattern, replacement);
  const words: string[] = [];
  for (const word of clean.split(/[^a-z0-9]+/)) {
    if (!word) continue;
    const expanded = SHORTHAND[word];
    if (expanded) words.push(...expanded.split(' '));
    else words.push(word);
  }
  return words;
}

export interface TextNormalizer {
  /** Words of `text` after correction, joined by single spaces. */
  normalize(text: string): string;
  words(text: string): string[];
  /** Whether `word` is in the vocabulary. */
  knows(word: string): boolean;
}

/**
 * A normalizer that corrects unknown words towards `phrases`' vocabulary. `otherText` (questions
 * of other domains, the policy documents) adds words that are real and left alone, so "weather"
 * is not corrected into "whether"; a typo is still corrected towards the phrases' words first.
 */
export function createTextNormalizer(phrases: Iterable<string>, otherText: Iterable<string> = []): TextNormalizer {
  const frequency = new Map<string, number>();
  // The training texts' plain words, kept for the first `words()` of each (training reads them all).
  const plainOfTraining = new Map<string, string[]>();
  const plainOf = (text: string): string[] => {
    const plain = plainWords(text);
    plainOfTraining.set(text, plain);
    return plain;
  };
  for (const phrase of phrases) {
    // The words as written count too ("purchase" in "my purchase"), so a misspelt one is still
    // recognised and then rewritten like the real one.
    const written = phrase.toLowerCase().split(/[^a-z]+/).filter(Boolean);
    for (const word of new Set([...plainOf(phrase), ...written])) frequency.set(word, (frequency.get(word) ?? 0) + 1);
  }
  for (const text of otherText) {
    for (const word of plainOf(text)) if (word.length > 1 && !/\d/.test(word) && !frequency.has(word)) frequency.set(word, 0);
  }
  const byLength = new Map<number, string[]>();
  for (const word of frequency.keys()) {
    const list = byLength.get(word.length) ?? [];
    list.push(word);
    byLength.set(word.length, list);
  }
  const cache = new Map<string, readonly string[]>();

  const known = (word: string): boolean => frequency.has(word);

  function correct(word: string): readonly string[] {
    if (known(word) || word.length < 3 || /\d/.test(word)) return [word];
    const cached = cache.get(word);
    if (cached) return cached;
    // Three letters leave too little to go on: only swapped letters ("teh") are fixed. A known
    // word one slip away wins ("shiping"); a known word plus an ending is left to the stemmer.
    const result =
      word.length === 3
        ? swapped(word)
        : (closestWord(word, 1) ?? (isInflected(word) ? undefined : (split(word) ?? closestWord(word, 2))));
    const corrected = result ?? [word];
    if (cache.size > 20_000) cache.clear();
    cache.set(word, corrected);
    return corrected;
  }

  function swapped(word: string): string[] | undefined {
    const candidate = (byLength.get(word.length) ?? []).find(
      (known) => sameLetters(known, word) && editDistance(word, known, 1) === 1,
    );
    return candidate === undefined ? undefined : [candidate];
  }

  function isInflected(word: string): boolean {
    if (word.endsWith('ies') && known(`${word.slice(0, -3)}y`)) return true;
    return INFLECTIONS.some((suffix) => word.endsWith(suffix) && known(word.slice(0, -suffix.length)));
  }

  function closestWord(word: string, maxDistance: 1 | 2): string[] | undefined {
    if (maxDistance === 2 && word.length < 7) return undefined;
    let best: string | undefined;
    let bestScore = -Infinity;
    for (let length = word.length - maxDistance; length <= word.length + maxDistance; length += 1) {
      for (const candidate of byLength.get(length) ?? []) {
        if (candidate.length < 3) continue;
        const distance = editDistance(word, candidate, maxDistance);
        if (distance > maxDistance) continue;
        // Fewer edits first, then swapped letters (the commonest slip), then a matching first
        // letter, then the more common word.
        const score =
          -distance * 1000 +
          (sameLetters(candidate, word) ? 200 : 0) +
          (candidate[0] === word[0] ? 100 : 0) +
          Math.min(frequency.get(candidate) ?? 0, 99);
        if (score > bestScore) {
          bestScore = score;
          best = candidate;
        }
      }
    }
    return best === undefined ? undefined : [best];
  }

  /** Run-on words ("trackmy", "ordernumber"): the split into the fewest known words. */
  function split(word: string): string[] | undefined {
    if (word.length > 30) return undefined;
    const isPart = (part: string): boolean => (part.length >= 2 || part === 'a' || part === 'i') && known(part);
    const best: Array<string[] | undefined> = [[]];
    for (let end = 1; end <= word.length; end += 1) {
      for (let start = 0; start < end; start += 1) {
        const head = best[start];
        const part = word.slice(start, end);
        if (!head || !isPart(part)) continue;
        const current = best[end];
        if (!current || head.length + 1 < current.length) best[end] = [...head, part];
      }
    }
    const parts = best[word.length];
    return parts && parts.length > 1 ? parts : undefined;
  }

  function words(text: string): string[] {
    const kept = plainOfTraining.get(text);
    if (kept !== undefined) plainOfTraining.delete(text);
    const plain = kept ?? plainWords(text);
    const corrected = plain.flatMap(correct);
    const changed = corrected.length !== plain.length || corrected.some((word, index) => word !== plain[index]);
    // A correction can reveal what the rewrites look for ("my purchse" → "my purchase").
    return changed ? plainWords(corrected.join(' ')) : corrected;
  }

  return { words, normalize: (text) => words(text).join(' '), knows: known };
}

function sameLetters(a: string, b: string): boolean {
  return a.length === b.length && [...a].sort().join('') === [...b].sort().join('');
}

/** Optimal string alignment distance (a swap of neighbours counts once), capped at `max + 1`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (beforePrevious[j - 2] ?? 0) + 1);
      }
      row.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    beforePrevious = previous;
    previous = row;
  }
  return previous[b.length] ?? max + 1;
}
