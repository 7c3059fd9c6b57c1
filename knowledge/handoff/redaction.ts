// Payment card numbers and similar secrets never travel further than the message they were typed
// in: transcripts, stored tickets, emails, the widget's history and logs get these redacted copies,
// all through this one function. Card numbers are recognised by shape and checksum
// (knowledge/handoff/card-numbers.ts: 13-19 digits in any script passing the Luhn check, their
// groups joined by up to three characters that are neither letters nor digits, characters that
// show as nothing read past) so order numbers, phone numbers and dates stay readable; CVVs,
// expiry dates, PINs and passwords only when the shopper labels them ("cvv 123"), because three
// digits alone mean nothing.
//
// The card scan reads the text once, and every pattern here reads each character a bounded
// number of times (one `\s*` per run of spaces), so a long message costs linear time.
import { findCardNumbers } from './card-numbers.js';

export { asciiDigits, luhnValid } from './card-numbers.js';

export const CARD_REDACTED = '[card number removed]';
export const SECRET_REDACTED = '[removed]';

/** After a labelled value: no further digit or word character (a `\b` that knows every script's digits). */
const END = String.raw`(?![\p{Nd}\w])`;

const LABELLED: ReadonlyArray<RegExp> = [
  // "cvv 123", "CVC: 1234", "security code is 123", "the 3 digit code 123"
  new RegExp(
    String.raw`\b(cvv2?|cvc2?|cvn|csc|cid|security code|card (?:verification|security) (?:code|value|number)|\d[- ]digit code)(\s*(?:(?:is|was|=|:|#|no\.?|number)\s*)?)(\p{Nd}{3,4})${END}`,
    'giu',
  ),
  // "exp 12/27", "expires 12-2027", "expiration date: 1/28", "valid thru 12/27"
  new RegExp(
    String.raw`\b(exp(?:iry|iration)?(?: date)?|expires?|valid (?:thru|through|until))(\s*(?:(?:is|=|:|on)\s*)?)(\p{Nd}{1,2}\s*[/-]\s*\p{Nd}{2,4})${END}`,
    'giu',
  ),
  // "pin 1234", "PIN code: 123456"
  new RegExp(String.raw`\b(pin(?: code| number)?)(\s*(?:(?:is|=|:|#)\s*)?)(\p{Nd}{4,8})${END}`, 'giu'),
  // "password is hunter2", "passcode: 1234": only with an explicit "is" or ":" before the value
  /\b(password|passcode|passwd|pwd)(\s*(?:is|=|:)\s*)(\S+)/gi,
  // "SSN 123-45-6789", "social security number: 123456789"
  new RegExp(String.raw`\b(ssn|social security(?: number| no\.?)?)(\s*(?:(?:is|=|:|#)\s*)?)(\p{Nd}{3}[- ]?\p{Nd}{2}[- ]?\p{Nd}{4})${END}`, 'giu'),
];

/** Every secret above holds a digit of some script, but a password: text with neither has none. */
const MAY_HOLD_SECRET = /\p{Nd}|pass|pwd/iu;
/** Each labelled secret's label starts with one of these: text with none has no labelled secret. */
const MAY_BE_LABELLED = /cvv|cvc|cvn|csc|cid|secur|verif|digit|exp|valid|pin|pass|pwd|ssn|social/iu;

/** An unlabelled US social security number in its printed form. */
const SSN_SHAPE = /\b\d{3}-\d{2}-\d{4}\b/g;

/** `text` with every card number `findCardNumbers` finds replaced by the placeholder. */
function withoutCardNumbers(text: string): string {
  const spans = findCardNumbers(text);
  if (spans.length === 0) return text;
  let out = '';
  let from = 0;
  for (const { start, end } of spans) {
    out += text.slice(from, start) + CARD_REDACTED;
    from = end;
  }
  return out + text.slice(from);
}

/** `text` with card numbers and labelled secrets replaced; everything else unchanged. */
export function redactSecrets(text: string): string {
  // Every transcript line and log field passes here: most hold nothing to remove, and say so cheaply.
  if (!MAY_HOLD_SECRET.test(text)) return text;
  let out = withoutCardNumbers(text);
  if (MAY_BE_LABELLED.test(out)) {
    for (const pattern of LABELLED) out = out.replace(pattern, (_match, label: string, gap: string) => `${label}${gap}${SECRET_REDACTED}`);
  }
  return out.includes('-') ? out.replace(SSN_SHAPE, SECRET_REDACTED) : out;
}

/** Whether `text` holds anything `redactSecrets` would remove. */
export function containsSecret(text: string): boolean {
  return redactSecrets(text) !== text;
}

/** A copy of a plain JSON value with every string redacted (for stored tickets and log objects). */
export function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return redactSecrets(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => redactDeep(item)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactDeep(item as unknown)])) as T;
  }
  return value;
}
