// The one reader of order numbers in what shoppers type, for every flow and for the
// understanding step, so "order number KS-100234", "#ks 100234", "KS-100234." and "JAM 204811"
// all read as the same order everywhere. It reads word by word (no pattern runs over the whole
// message), so its cost grows with the message and no message can make it stall.
//
// A reading keeps two forms: `typed`, as people should see it ("KS-100234": upper case, no "#",
// no trailing dot), and `normalized`, as orders are matched (see order-matching.ts).
import { normalizeOrderNumber } from '../orders/order-matching.js';
import { withoutEmails } from './email-address.reader.js';
import { trimLeading, trimTrailing } from './text-edges.js';

export interface OrderNumberReading {
  typed: string;
  normalized: string;
}

// Words that announce an order number ("order", "purchase 5550001234", "ref: 42-1199").
const KEYWORDS = new Set(['order', 'purchase', 'invoice', 'ref', 'reference']);
// Words between the keyword and the number: "order number: …", "order no. …", "order # …".
const BETWEEN = new Set(['number', 'num', 'no', 'nr', 'id', '#', ':', '#:', 'is']);
// Lead-ins of a whole-message answer: "it's KS-100234", "my order number is #3310492".
const LEAD_INS = new Set([...KEYWORDS, ...BETWEEN, 'my', 'the', 'its', "it's", 'it', 'this', 'that', 'sure', 'ok', 'okay', 'yes']);
// Upper-case words that are not the letters of an order number before its digits.
const NOT_A_PREFIX = new Set(['OK', 'HI', 'ID', 'NO', 'IS', 'MY', 'AT', 'TO', 'IT', 'ME', 'US', 'AM', 'PM', 'ZIP', 'APT', 'PIN', 'CVV', 'CARD', 'SKU', 'TEL', 'PH', 'FAX', 'BOX', 'PO', 'SUITE', 'UNIT']);
// Words after which bare digits number something else: a box, a flat, a phone, a card.
const NOT_AN_ORDER_AFTER = new Set(['BOX', 'PO', 'APT', 'SUITE', 'UNIT', 'TEL', 'PH', 'PHONE', 'FAX', 'ZIP', 'PIN', 'CVV', 'CARD']);

// US states and territories: "MA 02169" and "GA 30303-1234" end an address, they are no order.
const STATES = new Set(
  ('AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR GU VI AS MP').split(' '),
);
const ZIP = /^\d{5}(?:-\d{4})?$/;

const NUMBER_AFTER_KEYWORD = /^[a-z]{0,4}-?\d[\d-]{2,}\d$/i;
const PREFIXED = /^[a-z]{1,4}-?\d{4,}$/i;
const LETTERS = /^[a-z]{1,4}$/i;
const UPPER_LETTERS = /^[A-Z]{2,4}$/;
const DIGITS = /^\d{4,}$/;
const BARE_DIGITS = /^\d{6,}$/;
const CANONICAL = /^[A-Z0-9]{3,24}$/;

/** A word without the punctuation a sentence puts around it; a leading "#" stays. */
function core(word: string): string {
  return trimTrailing(trimLeading(word, '("\'[{'), '.,!?;:)"\']}');
}

function reading(typed: string): OrderNumberReading | undefined {
  const clean = typed.replace(/^#\s*/, '').replace(/\s+/g, ' ').trim().toUpperCase();
  const normalized = normalizeOrderNumber(clean);
  const digits = normalized.replace(/\D/g, '').length;
  return CANONICAL.test(normalized) && digits >= 3 ? { typed: clean, normalized } : undefined;
}

/** Words of `text`, emails blanked, punctuation around each word dropped ("#" kept). */
function wordsOf(text: string): string[] {
  return withoutEmails(text)
    .normalize('NFKC')
    .split(/\s+/)
    .map(core)
    .filter((word) => word !== '');
}

/**
 * Whether a text could hold the three digits an order number needs: plain ASCII without a digit
 * cannot (most messages), so it is not read word by word. Anything beyond ASCII may be a digit
 * once normalised ("１２３", "²").
 */
function mayHoldDigits(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if ((code >= 48 && code <= 57) || code > 0x7f) return true;
  }
  return false;
}

/** "ks 100234", "JAM 204811": letters, then digits, as two words. */
function spaced(letters: string | undefined, digits: string | undefined): boolean {
  return letters !== undefined && digits !== undefined && LETTERS.test(letters) && DIGITS.test(digits);
}

/** Where an order number stands among the words: `from` to `to` (exclusive), and how sure the form is. */
interface Found {
  from: number;
  to: number;
  /** 0: announced by a keyword or "#"; 1: letters and digits; 2: bare digits. */
  rank: 0 | 1 | 2;
}

/** The order number a word starts, if any; `announcedBy`: a keyword or "#" came just before. */
function foundAt(words: readonly string[], index: number, announcedBy: boolean): Found | undefined {
  const word = words[index] ?? '';
  const next = words[index + 1];
  const unhashed = word.replace(/^#/, '');
  const hashed = word.length > 1 && word.startsWith('#');
  if ((announcedBy || hashed) && NUMBER_AFTER_KEYWORD.test(unhashed)) return { from: index, to: index + 1, rank: 0 };
  // "#ks 100234", "order JAM 204811"; not "invoice for 99887766".
  if ((hashed || (announcedBy && UPPER_LETTERS.test(word) && !NOT_A_PREFIX.has(word))) && spaced(unhashed, next)) return { from: index, to: index + 2, rank: 0 };
  if (PREFIXED.test(unhashed)) return { from: index, to: index + 1, rank: 1 };
  if (UPPER_LETTERS.test(word) && !NOT_A_PREFIX.has(word) && next !== undefined && DIGITS.test(next) && !(STATES.has(word) && ZIP.test(next))) {
    return { from: index, to: index + 2, rank: 1 };
  }
  // Not the number of a box, a flat or a phone: "PO Box 123456", "apt 120034".
  if (BARE_DIGITS.test(unhashed) && !NOT_AN_ORDER_AFTER.has((words[index - 1] ?? '').toUpperCase())) return { from: index, to: index + 1, rank: 2 };
  return undefined;
}

/** Every order number among the words, in the order they stand. */
function scan(words: readonly string[]): Found[] {
  const found: Found[] = [];
  let announcedBy = false;
  for (let index = 0; index < words.length; ) {
    const word = words[index] ?? '';
    const lower = word.toLowerCase();
    const here = foundAt(words, index, announcedBy);
    if (here !== undefined) {
      found.push(here);
      announcedBy = false;
      index = here.to;
      continue;
    }
    // "order number: …", "order no. …": a keyword announces the number up to two words on.
    if (KEYWORDS.has(lower) || word === '#') announcedBy = true;
    else if (!(announcedBy && BETWEEN.has(lower))) announcedBy = false;
    index += 1;
  }
  return found;
}

function typedOf(words: readonly string[], found: Found): string {
  return words.slice(found.from, found.to).join(' ');
}

/** The first order number anywhere in a message ("where is my order KS-100233 and can i …"). */
export function findOrderNumber(text: string): OrderNumberReading | undefined {
  if (!mayHoldDigits(text)) return undefined;
  const words = wordsOf(text);
  const found = scan(words);
  // An announced number first, then a prefixed one; five digits could be a ZIP code and a phone
  // number has separators, so bare digits need six and come last.
  for (const rank of [0, 1, 2] as const) {
    const first = found.find((candidate) => candidate.rank === rank);
    if (first !== undefined) return reading(typedOf(words, first));
  }
  return undefined;
}

/** `text` without its email addresses and order numbers, so they never count as words. */
export function withoutOrderNumbersOrEmails(text: string): string {
  const words = wordsOf(text);
  const blanked = new Set(scan(words).flatMap((found) => Array.from({ length: found.to - found.from }, (_, offset) => found.from + offset)));
  return words.map((word, index) => (blanked.has(index) ? ' ' : word.replace(/^#/, ''))).join(' ');
}

/**
 * The whole message read as an order number, with the words people put before one ("it's",
 * "order number:") and the punctuation after it ignored: "KS-100234.", "order number KS-100234",
 * "#ks 100234", "JAM 204811", "3310492".
 */
export function readOrderNumber(text: string): OrderNumberReading | undefined {
  const words = wordsOf(text);
  let start = 0;
  while (start < words.length - 1 && LEAD_INS.has((words[start] ?? '').toLowerCase())) start += 1;
  const rest = words.slice(start);
  if (rest.length === 1) {
    const only = (rest[0] ?? '').replace(/^#/, '');
    return /^[\p{L}\p{N}-]+$/u.test(only) ? reading(only) : undefined;
  }
  const letters = (rest[0] ?? '').replace(/^#/, '');
  return rest.length === 2 && spaced(letters, rest[1]) ? reading(`${letters} ${rest[1] ?? ''}`) : undefined;
}
