// The shopper's own words for the returns flow's questions: which item ("the cuff"), its
// condition ("never worn, still has the tags") and why it goes back ("they're too big"). Small
// pattern rules, not a model: each reader returns undefined rather than guess, so the flow asks
// again. The choice values offered as buttons are read by the same rules.
import { readDaysSinceDelivery } from '../readers/days-since.reader.js';
import type { ItemCondition, ReturnWish } from './return-verdict.types.js';

/** A choice offered to the shopper: `value` is what the shopper would type. */
export interface ReturnChoice {
  title: string;
  value: string;
}

export const CONDITION_CHOICES: Readonly<Record<ItemCondition, ReturnChoice>> = {
  unused_with_tags: { title: 'Unused, tags on', value: 'Unused, tags on' },
  unused_no_tags: { title: 'Unused, no tags', value: 'Unused, no tags' },
  worn: { title: 'Worn', value: 'Worn' },
  damaged: { title: 'Damaged', value: 'Damaged' },
};

export const WISH_CHOICES: Readonly<Record<ReturnWish, ReturnChoice>> = {
  changed_mind: { title: 'Changed my mind', value: 'Changed my mind' },
  wrong_size: { title: 'Wrong size', value: 'Wrong size' },
  damaged_on_arrival: { title: 'Damaged on arrival', value: 'Damaged on arrival' },
  defective: { title: 'Defective', value: 'Defective' },
  wrong_item: { title: 'Wrong item sent', value: 'Wrong item sent' },
};

/** Lower case, plain apostrophes dropped ("don't" → "dont"), punctuation as spaces. */
export function normalizeAnswer(text: string): string {
  return ` ${text.toLowerCase().replace(/[’‘']/g, '').replace(/[^a-z0-9#]+/g, ' ').trim()} `;
}


// Damage the shopper describes now, whatever caused it.
const DAMAGE = /\b(damaged|broken|broke|cracked|scratched|scratches|bent|snapped|chipped|dented|tarnished|crushed|smashed|fell apart|falling apart|came apart|stone (fell|came) out|missing (a )?stone|lost a stone)\b/;
const NOT_DAMAGED = /\b(not|isnt|wasnt|no|arent|never) (damaged|broken|scratched|bent)\b/;
const UNWORN = /\b(never (been )?(worn|used|wore|opened)|not (been )?(worn|used)|unworn|unused|brand new|new with tags|(havent|didnt|have not|did not) (worn|wore|wear|used|use)|(only )?tried (it|them) on|unopened|still sealed|in (the|its|their) (original )?(box|packaging))\b/;
const TAGS_ON = /\b(tags? (are |is )?(still )?(on|attached)|with (the |its |their )?tags?|still (has|have) (the |its |their )?tags?|tagged)\b/;
const TAGS_OFF = /\b(no tags?|without (the |its |their )?tags?|tags? (are |is )?(off|removed|gone|missing|cut)|(took|cut|taken|removed|pulled|lost|threw) (off )?(the |its |their )?tags?)\b/;
const WORN = /\b(worn|wore|wearing|wear it|wear them|used it|used them|used|a few times|once or twice)\b/;

/**
 * The item's condition in the shopper's words. `'unused'` means unworn with nothing said about
 * the tags (ask about them); undefined means nothing recognisable was said about the condition.
 */
export function readCondition(text: string): ItemCondition | 'unused' | undefined {
  const said = normalizeAnswer(text);
  if (DAMAGE.test(said) && !NOT_DAMAGED.test(said)) return 'damaged';
  const unworn = UNWORN.test(said);
  if (!unworn && WORN.test(said)) return 'worn';
  if (TAGS_OFF.test(said)) return 'unused_no_tags';
  if (TAGS_ON.test(said)) return 'unused_with_tags';
  return unworn ? 'unused' : undefined;
}

const YES = new Set(['yes', 'yep', 'yeah', 'yup', 'sure', 'of course', 'they are', 'it is', 'yes they are', 'yes it is', 'still on', 'on', 'yes still on']);
const NO = new Set(['no', 'nope', 'nah', 'not anymore', 'no they are not', 'no theyre not', 'no it isnt', 'no its not', 'theyre off', 'off', 'no tags']);

/** The answer to "are the tags still on?": true, false, or undefined when it isn't a yes or no. */
export function readTagsAnswer(text: string): boolean | undefined {
  const said = normalizeAnswer(text);
  if (TAGS_OFF.test(said)) return false;
  if (TAGS_ON.test(said)) return true;
  const plain = said.trim();
  if (NO.has(plain)) return false;
  if (YES.has(plain)) return true;
  // "yes, they're on", "yeah, all of them": a yes that says nothing against it.
  if (/^(yes|yep|yeah|yup)\b/.test(plain) && !/\b(not|off|no|removed|cut)\b/.test(plain)) return true;
  return undefined;
}

const SENT_WRONG = /\b((sent|shipped|received|got|gave|delivered|mailed) (me |us )?(the |a )?wrong|wrong (item|one|piece|product|thing|colou?r|style|necklace|ring|bracelet|earrings?|charm|pendant|order)|not (the one|what) i (ordered|bought|picked)|different (item|one|piece) (than|from)|incorrect (item|order|piece)|someone elses)\b/;
const ARRIVED = /\b(arrived|arrive|came|showed up|delivered|delivery|in the (box|package|mail|mailbox)|out of the (box|package)|on arrival|upon arrival|in transit|shipping|shipment)\b/;
const DEFECT = /\b(defective|defect|faulty|broke|broken|stopped working|fell apart|falls apart|came apart|snapped|(clasp|chain|hook|post) (broke|came off|doesnt work|wont close|is broken)|stone (fell|came) out|fell out|lost a stone|tarnish(ed|es)?|turned (green|black)|discolou?red|peeling|flaking)\b/;
const SIZE = /\b(wrong size|too (big|small|large|tight|loose|long|short|snug|heavy)|doesnt fit|does not fit|didnt fit|dont fit|do not fit|wont fit|not fit|fits? (badly|poorly)|sizes?|smaller|bigger|larger)\b/;
const CHANGED_MIND = /\b(changed? (my|our) mind|change of heart|(dont|do not|didnt|did not) (really )?(want|like|need|love)|no longer (want|need|like)|not for me|(not|isnt|arent|wasnt|werent) (really |quite |just )?my (style|taste|thing)|(dont|doesnt) suit|not what i expected|second thoughts|regret|(gift|present) (didnt|did not) work|just (want|need) (to return|a refund)|no reason)\b/;

/** Why the shopper is returning the item, in their words, or undefined. */
export function readWish(text: string): ReturnWish | undefined {
  const said = normalizeAnswer(text);
  if (SENT_WRONG.test(said) && !/\b(ordered|picked|chose|bought) the wrong\b/.test(said)) return 'wrong_item';
  // Damage that came days after the delivery ("it broke two months after delivery") is a defect.
  const days = readDaysSinceDelivery(text);
  // "It broke a few days after it arrived": after the delivery, not on it.
  const onArrival = (days === undefined || days <= 1) && !/ (after|since) (it |they |the (order|parcel|package|box) )?(arrived|came|was delivered|were delivered|delivery|i got it|i received it)/.test(said);
  if (onArrival && / damaged /.test(said) && !DEFECT.test(said)) return 'damaged_on_arrival';
  if (onArrival && DAMAGE.test(said) && ARRIVED.test(said)) return 'damaged_on_arrival';
  if (DEFECT.test(said)) return 'defective';
  if (SIZE.test(said)) return 'wrong_size';
  if (CHANGED_MIND.test(said)) return 'changed_mind';
  return undefined;
}

/** Whether a message is exactly one of the offered choice values (a button press, not own words). */
export function isChoiceValue(text: string, choices: readonly ReturnChoice[]): boolean {
  const said = normalizeAnswer(text);
  return choices.some((choice) => normalizeAnswer(choice.value) === said || normalizeAnswer(choice.title) === said);
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

const STOPWORDS = new Set([
  'the', 'a', 'an', 'my', 'your', 'our', 'in', 'on', 'of', 'and', 'or', 'with', 'for', 'to', 'it', 'its', 'one', 'ones', 'this', 'that',
  'these', 'those', 'them', 'i', 'me', 'we', 'item', 'piece', 'order', 'return', 'back', 'send', 'can', 'want', 'would', 'like',
  'final', 'sale', 'bought', 'got', 'is', 'are', 'was', 'be', 'do', 'please', 'set', 'pair',
]);

function tokens(text: string): string[] {
  return normalizeAnswer(text)
    .trim()
    .split(' ')
    .filter((word) => word !== '' && !STOPWORDS.has(word))
    .map(singular);
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

const PERSONALIZED = /\b(personali[sz]ed|personali[sz]ation|engraved|engraving|custom|customi[sz]ed|monogram(?:med)?|initial(?:s|ed)?)\b/;
const FINAL_SALE = /\b(final sale|clearance|on sale|sale item|discounted)\b/;

/** The item the shopper names by what it is rather than what it is called. */
function itemsOfKind(said: string, items: ReadonlyArray<{ personalized?: boolean; finalSale?: boolean }>): ItemMatch | undefined {
  const flag = PERSONALIZED.test(said) ? 'personalized' : FINAL_SALE.test(said) ? 'finalSale' : undefined;
  if (flag === undefined) return undefined;
  const matching = items.flatMap((item, index) => (item[flag] === true ? [index] : []));
  if (matching.length === 0) return undefined;
  return matching.length === 1 && matching[0] !== undefined ? { index: matching[0] } : { ambiguous: matching };
}

const ORDINALS: ReadonlyArray<[RegExp, number]> = [
  [/\b(first|1st)\b/, 0], [/\b(second|2nd)\b/, 1], [/\b(third|3rd)\b/, 2], [/\b(fourth|4th)\b/, 3], [/\b(fifth|5th)\b/, 4],
];

export type ItemMatch = { index: number } | { ambiguous: number[] };

/**
 * Which of the order's items the shopper means: by number in the list ("2", "the second one"),
 * SKU, or the words of its name. Several equally good matches come back as `ambiguous`.
 */
export function matchItem(text: string, items: ReadonlyArray<{ sku: string; name: string; personalized?: boolean; finalSale?: boolean }>): ItemMatch | undefined {
  const said = normalizeAnswer(text);
  const number = /^ #?(\d{1,2}) $/.exec(said);
  if (number) {
    const index = Number(number[1]) - 1;
    return index >= 0 && index < items.length ? { index } : undefined;
  }
  const bySku = items.findIndex((item) => said.includes(` ${normalizeAnswer(item.sku).trim()} `));
  if (bySku >= 0) return { index: bySku };
  const byName = items.findIndex((item) => normalizeAnswer(item.name) === said);
  if (byName >= 0) return { index: byName };

  // "The personalized one", "the final sale earrings": what an item is, when only one item is that.
  const byKind = itemsOfKind(said, items);
  if (byKind !== undefined) return byKind;

  const words = new Set(tokens(text));
  const kinds = new Set([...words].map(kindOf).filter((kind) => kind !== undefined));
  const scores = items.map((item) => {
    const nameWords = new Set(tokens(item.name));
    let score = 0;
    for (const word of nameWords) if (words.has(word) || [...words].some((said) => oneTypoApart(said, word))) score += 2;
    const nameKinds = new Set([...nameWords].map((word) => KINDS[word]).filter((kind) => kind !== undefined));
    for (const kind of nameKinds) if (kinds.has(kind)) score += 1;
    return score;
  });
  const best = Math.max(...scores);
  if (best > 0) {
    const top = scores.flatMap((score, index) => (score === best ? [index] : []));
    return top.length === 1 && top[0] !== undefined ? { index: top[0] } : { ambiguous: top };
  }
  if (/\b(last one|last item|the last)\b/.test(said) && items.length > 0) return { index: items.length - 1 };
  for (const [pattern, index] of ORDINALS) if (pattern.test(said) && index < items.length) return { index };
  return undefined;
}
