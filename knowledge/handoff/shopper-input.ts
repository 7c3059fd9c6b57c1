// Reading the handoff's slots from what the shopper typed: a name, "I don't have an order
// number", yes/no, and "change my email" style corrections. Emails and order numbers have one
// reader each, in knowledge/readers/.
import { findEmail } from '../readers/email-address.reader.js';
import { findOrderNumber, readOrderNumber } from '../readers/order-number.reader.js';
import { collapseSpaces, trimTrailing } from '../readers/text-edges.js';

const VALUE_LEADS = [' should be ', ' to ', ' is ', " it's ", ' its '];

/** What follows the first "to" / "is" / "should be" / "it's" ("change my email to …"): word by word, not a pattern over the text. */
function valueAfter(text: string): string | undefined {
  const lower = ` ${text.toLowerCase()}`;
  let best: number | undefined;
  let length = 0;
  for (const lead of VALUE_LEADS) {
    const at = lower.indexOf(lead);
    if (at >= 0 && (best === undefined || at < best)) {
      best = at;
      length = lead.length;
    }
  }
  if (best === undefined) return undefined;
  const value = text.slice(best - 1 + length).trim();
  return value === '' ? undefined : value;
}

export type HandoffSlot = 'name' | 'email' | 'orderNumber' | 'description';

function plain(text: string): string {
  return collapseSpaces(text.replace(/[’‘]/g, "'"));
}

function bare(text: string): string {
  return trimTrailing(plain(text).toLowerCase(), '.!?,; ');
}

const THANKS_AT_END = [' thank you', ' thanks', ' thx'];

const NO_ORDER_NUMBER =
  /^(?:no|nope|none|n\/?a|skip|no order(?: number)?|not sure|no idea|i don'?t know(?: it)?|dunno|i (?:don'?t|do not) have (?:one|it|an? (?:order )?number)|(?:i )?(?:don'?t|do not|didn'?t) have (?:one|it|the number|an order number|a number)|i (?:can'?t|cannot) find (?:it|one)|(?:i )?haven'?t (?:got )?(?:one|it)|there isn'?t one|i never (?:got|received) one)(?: sorry)?$/;

/** The shopper says they have no order number to give (the slot is optional). */
export function saysNoOrderNumber(text: string): boolean {
  const said = bare(text).replace(/^(?:sorry|um+|uh+|hmm+)[, ]+/, '');
  return NO_ORDER_NUMBER.test(said) || (/\b(?:don'?t|do not|didn'?t|never) (?:have|know|got|get|remember)\b/.test(said) && /\b(?:number|one|it)\b/.test(said) && said.length <= 60);
}

const NAME_LEAD = /^(?:(?:hi|hello|hey)[,!.]?\s+)?(?:my name is|my name's|name is|name's|the name is|name:|i am|i'm|im|it's|it is|this is|call me)\s+/i;
const NOT_A_NAME = /\b(?:why|what|how|when|where|who|don'?t|won'?t|can'?t|want|need|order|help|please|my|the|is|are|was|not|no|yes|email|number|cancel|person|human|agent|wrong|right|incorrect|correct|misspelled|actually|changed?|typo|mistake|spelled|spelt|let|talk|speak|manager|supervisor|someone|somebody|representative|rep|staff|team|support|wait|hold|hello|thanks|sorry|ok|okay|it|that|this|you|me)\b/i;

/**
 * The shopper's name from "Jane Doe", "my name is Jane", "I'm jane doe": letters, spaces,
 * apostrophes, hyphens and dots, at most six words. All-lower or all-upper names are capitalised.
 */
export function readName(text: string): string | undefined {
  const lead = trimTrailing(plain(text).replace(NAME_LEAD, ''), '.!,; ');
  const thanks = THANKS_AT_END.find((ending) => lead.toLowerCase().endsWith(ending));
  const name = (thanks === undefined ? lead : lead.slice(0, -thanks.length)).trim();
  if (name.length < 1 || name.length > 80) return undefined;
  if (!/^[\p{L}][\p{L}\p{M}'. -]*$/u.test(name)) return undefined;
  if (name.split(' ').length > 6 || NOT_A_NAME.test(name)) return undefined;
  const sameCase = name === name.toLowerCase() || name === name.toUpperCase();
  return sameCase ? name.toLowerCase().replace(/(^|[\s'-])(\p{L})/gu, (_m, lead: string, letter: string) => lead + letter.toUpperCase()) : name;
}

export interface Correction {
  slot: HandoffSlot;
  /** The new value when the message carries it ("change my email to jane@example.com"). */
  value?: string;
  /** "I don't have an order number" / "remove the order number". */
  none?: boolean;
}

const SLOT_WORDS: ReadonlyArray<[HandoffSlot, RegExp]> = [
  ['email', /\b(?:e-?mail|email address|e-mail address)\b/],
  ['description', /\b(?:description|details|message|what happened|the problem|the issue|my issue|my problem|wording|text)\b/],
  ['orderNumber', /\border(?: number| no\.?| #|#)?\b/],
  ['name', /\bname\b/],
];

const CHANGE = /\b(?:change|changed|wrong|fix|correct|correction|update|edit|typo|incorrect|mistake|different|not right|misspelled|replace|remove|delete|instead|actually|should be|meant|i mean)\b/;

/**
 * Which detail of the summary the shopper wants to change: "change my email", "the name is
 * wrong", "order number should be KS-1", or just a new email address.
 */
export function readCorrection(text: string): Correction | undefined {
  const said = bare(text);
  const email = findEmail(text);
  const named = SLOT_WORDS.find(([, pattern]) => pattern.test(said))?.[0];
  if (named === undefined) return email === undefined ? undefined : { slot: 'email', value: email };
  const onlyTheField = SLOT_WORDS.some(([slot, pattern]) => slot === named && new RegExp(`^(?:my |the )?${pattern.source}$`).test(said));
  if (!CHANGE.test(said) && !onlyTheField && !(named === 'email' && email !== undefined)) return undefined;
  const after = valueAfter(plain(text))?.replace(/^(?:actually|really|in fact) /i, '');
  switch (named) {
    case 'email':
      return email === undefined ? { slot: 'email' } : { slot: 'email', value: email };
    case 'orderNumber': {
      if (/\b(?:remove|delete|no|none|don'?t have|do not have)\b/.test(said)) return { slot: 'orderNumber', none: true };
      // "order number should be KS-1" reads the value after the verb; "I meant order KS-1" has
      // none, so the first order number anywhere in the message is the new one.
      const number = (after === undefined ? undefined : readOrderNumber(after)?.typed) ?? findOrderNumber(text)?.typed;
      return number === undefined ? { slot: 'orderNumber' } : { slot: 'orderNumber', value: number };
    }
    case 'name': {
      const name = after === undefined ? undefined : readName(after);
      return name === undefined ? { slot: 'name' } : { slot: 'name', value: name };
    }
    case 'description':
      return { slot: 'description' };
  }
}
