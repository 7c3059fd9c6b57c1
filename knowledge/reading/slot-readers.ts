// Readers of the slot values the learned models do not give: a name typed at the name prompt,
// how the shopper names an item ("the second one", "the personalized one"), which detail a
// correction is about ("the email is wrong"), and whether a message says enough to pass on.
// Word lists, not patterns: each reads the message's words once.
import { nameWords } from '../returns/item-match.js';
import type { ItemMention, Slot } from './reading.types.js';
import type { Recognizers } from './recognizers.js';

/** What people put before their name ("my name is", "it's", "this is"), as word sequences. */
const NAME_LEADS: readonly string[][] = [
  ['my', 'name', 'is'], ['my', 'names'], ['name', 'is'], ['names'], ['the', 'name', 'is'], ['name'], ['i', 'am'], ['im'],
  ['its'], ['it', 'is'], ['this', 'is'], ['call', 'me'], ['hi'], ['hello'], ['hey'], ['sure'], ['ok'], ['yes'], ['thanks'], ['thank', 'you'], ['thx'],
];
/** What people put after it ("… thanks"). */
const NAME_TAILS: ReadonlySet<string> = new Set(['thanks', 'thank', 'you', 'thx', 'please', 'pls', 'here']);
const MAX_NAME_WORDS = 5;
const MAX_NAME_CHARS = 80;

/**
 * The shopper's name from what they typed at the name prompt ("Jane Doe", "my name is jane",
 * "it's Casey Nguyen, thanks"): the words left after the lead and the thanks, if they are only
 * letters (hyphens, apostrophes and dots inside a name kept). All-lower or all-upper names are
 * capitalised; otherwise kept as typed.
 */
export function readName(text: string): string | undefined {
  const typed = text.trim().split(/\s+/).filter(Boolean);
  const lower = typed.map((word) => nameWords(word).join(''));
  let start = 0;
  for (let changed = true; changed; ) {
    changed = false;
    for (const lead of NAME_LEADS) {
      if (lead.every((word, offset) => lower[start + offset] === word) && start + lead.length < typed.length) {
        start += lead.length;
        changed = true;
        break;
      }
    }
  }
  let end = typed.length;
  while (end > start && NAME_TAILS.has(lower[end - 1] ?? '')) end -= 1;
  // Commas between words go; dots stay inside a name ("Dr. Ana"), not after it.
  const words = trimPunctuation(typed.slice(start, end).join(' ')).split(' ').map((word) => (word.endsWith(',') ? word.slice(0, -1) : word)).filter(Boolean);
  const name = words.join(' ');
  if (words.length === 0 || words.length > MAX_NAME_WORDS || name.length > MAX_NAME_CHARS) return undefined;
  if (!words.every(isNameWord)) return undefined;
  const sameCase = name === name.toLowerCase() || name === name.toUpperCase();
  return sameCase ? words.map(capitalised).join(' ') : name;
}

function trimPunctuation(word: string): string {
  let start = 0;
  let end = word.length;
  while (start < end && ',.!;:"()'.includes(word.charAt(start))) start += 1;
  while (end > start && ',.!;:"()?'.includes(word.charAt(end - 1))) end -= 1;
  return word.slice(start, end);
}

function isNameWord(word: string): boolean {
  const letters = [...word];
  if (letters.length === 0 || !isLetter(letters[0] ?? '')) return false;
  return letters.every((char) => isLetter(char) || char === '-' || char === "'" || char === '’' || char === '.');
}

function isLetter(char: string): boolean {
  return char.toLowerCase() !== char.toUpperCase();
}

function capitalised(word: string): string {
  return word
    .toLowerCase()
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('-');
}

/** Words that single out a personalized or a final-sale item ("the engraved one", "the clearance earrings"). */
const PERSONALIZED_WORDS: ReadonlySet<string> = new Set(['personalized', 'personalised', 'personalization', 'engraved', 'engraving', 'custom', 'customized', 'customised', 'monogram', 'monogrammed', 'initial', 'initials']);
const FINAL_SALE_WORDS: ReadonlySet<string> = new Set(['clearance', 'discounted', 'final']);

/** How the message names an item: its words, a place in the list, and whether it singles out a personalized or final-sale one. */
export function itemMention(text: string, recognizers: Recognizers): ItemMention {
  const words = nameWords(text);
  const place = words.length <= 5 ? recognizers.place(text) : undefined;
  const personalized = words.some((word) => PERSONALIZED_WORDS.has(word));
  const finalSale = words.some((word) => FINAL_SALE_WORDS.has(word)) || words.join(' ').includes('on sale');
  return {
    words,
    ...(place === undefined ? {} : { place }),
    ...(personalized ? { personalized } : {}),
    ...(finalSale ? { finalSale } : {}),
  };
}

/** The words that name each detail of a handoff summary, as the summary itself labels them. */
const SLOT_NAMES: ReadonlyArray<[Slot, readonly string[][]]> = [
  ['email', [['email'], ['e', 'mail'], ['email', 'address'], ['reply', 'address']]],
  ['orderNumber', [['order', 'number'], ['order', 'no'], ['order']]],
  ['description', [['message'], ['description'], ['details'], ['problem'], ['issue'], ['what', 'happened']]],
  ['name', [['name']]],
];

/** The detail of a summary a message names ("change my email", "the name is wrong"), if it names one. */
export function slotNamed(text: string): Slot | undefined {
  const words = nameWords(text);
  for (const [slot, names] of SLOT_NAMES) {
    if (names.some((name) => words.some((_, at) => name.every((word, offset) => words[at + offset] === word)))) return slot;
  }
  return undefined;
}

/** Words that take a detail out of a summary ("remove the order number"). */
const REMOVING: ReadonlySet<string> = new Set(['remove', 'delete', 'drop', 'clear', 'erase', 'without', 'none']);

/** The message asks to take the detail out rather than change it. */
export function removesDetail(text: string): boolean {
  return nameWords(text).some((word) => REMOVING.has(word));
}

/** Enough letters to be something a person could act on ("ok" and "hmm" are not). */
export function saysSomething(text: string): boolean {
  let letters = 0;
  for (const char of text) if (isLetter(char)) letters += 1;
  return letters >= 3;
}
