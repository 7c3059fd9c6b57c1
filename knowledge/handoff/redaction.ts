// Payment card numbers and similar secrets never travel further than the message they were typed
// in: transcripts, stored tickets, emails, the widget's history and logs get these redacted copies,
// all through this one function. Card numbers are recognised by shape and checksum (13-19 digits
// in any script, ASCII or full-width alike, with up to three separators between groups: spaces of
// any kind and line breaks, dots, slashes, underscores, dashes; Luhn) so order numbers, phone
// numbers and dates stay readable; CVVs, expiry dates, PINs and passwords only when the shopper
// labels them ("cvv 123"), because three digits alone mean nothing.
//
// Every pattern here reads each character a bounded number of times (one `\s*` per run of
// spaces, runs of digits entered at their start), so a long message costs linear time.

export const CARD_REDACTED = '[card number removed]';
export const SECRET_REDACTED = '[removed]';

/** What may stand between a card number's groups. */
const SEPARATOR = String.raw`[\s._/\\\-\u2010-\u2015\u2212]{1,3}`;
/** Digit groups with separators between them: the candidates a card number hides in. */
const DIGIT_RUN = new RegExp(String.raw`\p{Nd}+(?:${SEPARATOR}\p{Nd}+)*`, 'gu');
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

/** An unlabelled US social security number in its printed form. */
const SSN_SHAPE = /\b\d{3}-\d{2}-\d{4}\b/g;

const IS_DIGIT = /^\p{Nd}$/u;
const digitValues = new Map<number, number>();

/**
 * The value of one decimal digit of any script. Unicode encodes each script's digits as a run
 * of ten from 0 to 9 (some runs back to back), so the value is the distance from the run's start.
 */
function digitValue(codePoint: number): number {
  if (codePoint >= 0x30 && codePoint <= 0x39) return codePoint - 0x30;
  const known = digitValues.get(codePoint);
  if (known !== undefined) return known;
  let first = codePoint;
  while (IS_DIGIT.test(String.fromCodePoint(first - 1))) first -= 1;
  const value = (codePoint - first) % 10;
  digitValues.set(codePoint, value);
  return value;
}

/** `text`'s digits as ASCII digits ("４１１１" → "4111"); other characters dropped. */
export function asciiDigits(text: string): string {
  let out = '';
  for (const character of text) {
    const codePoint = character.codePointAt(0) ?? 0;
    if (codePoint >= 0x30 && codePoint <= 0x39) out += character;
    else if (codePoint > 0x7f && IS_DIGIT.test(character)) out += String(digitValue(codePoint));
  }
  return out;
}

/** The Luhn checksum every payment card number satisfies. */
export function luhnValid(digits: string): boolean {
  return luhnSpan(digits, 0, digits.length);
}

/** Luhn over `digits[from, to)`, read in place (a long run is checked at many spans). */
function luhnSpan(digits: string, from: number, to: number): boolean {
  if (to <= from) return false;
  let sum = 0;
  for (let index = to - 1, double = false; index >= from; index -= 1, double = !double) {
    let digit = digits.charCodeAt(index) - 0x30;
    if (digit < 0 || digit > 9) return false;
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

function isCardSpan(digits: string, from: number, to: number): boolean {
  return to - from >= 13 && to - from <= 19 && luhnSpan(digits, from, to);
}

/**
 * A run's digits as one ASCII string, where each digit group starts in it (and, past the last,
 * its length), and the text of each group and of each separator after one.
 */
function groupsOf(run: string): { digits: string; starts: number[]; texts: string[]; separators: string[] } {
  const starts: number[] = [0];
  const texts: string[] = [];
  const separators: string[] = [];
  let digits = '';
  let groupStart = 0;
  let index = 0;
  while (index < run.length) {
    const codePoint = run.codePointAt(index) ?? 0;
    if (isDigitCode(codePoint)) {
      digits += codePoint <= 0x39 ? String.fromCharCode(codePoint) : String(digitValue(codePoint));
      index += codePoint > 0xffff ? 2 : 1;
      continue;
    }
    // A separator: the run's pattern puts one only between digit groups.
    texts.push(run.slice(groupStart, index));
    starts.push(digits.length);
    const separatorStart = index;
    while (index < run.length && !isDigitCode(run.codePointAt(index) ?? 0)) index += 1;
    separators.push(run.slice(separatorStart, index));
    groupStart = index;
  }
  texts.push(run.slice(groupStart));
  starts.push(digits.length);
  return { digits, starts, texts, separators };
}

function isDigitCode(codePoint: number): boolean {
  return (codePoint >= 0x30 && codePoint <= 0x39) || (codePoint > 0x7f && IS_DIGIT.test(String.fromCodePoint(codePoint)));
}

/**
 * The run with any card number in it removed. A whole run is tried first; a longer run of groups
 * ("4111 1111 1111 1111 12 27") is searched for the longest consecutive groups that form one.
 */
function redactRun(run: string): string {
  const { digits, starts, texts, separators } = groupsOf(run);
  if (isCardSpan(digits, 0, digits.length)) return CARD_REDACTED;
  const groups = texts.length;
  if (groups < 2) return run;
  const out: string[] = [];
  let start = 0;
  while (start < groups) {
    let matchedEnd = -1;
    const from = starts[start] ?? 0;
    for (let end = start; end < groups && (starts[end + 1] ?? 0) - from <= 19; end += 1) {
      if (isCardSpan(digits, from, starts[end + 1] ?? 0)) matchedEnd = end;
    }
    if (matchedEnd >= 0) {
      out.push(CARD_REDACTED);
      start = matchedEnd + 1;
    } else {
      out.push(texts[start] ?? '');
      start += 1;
    }
    if (start < groups) out.push(separators[start - 1] ?? ' ');
  }
  return out.join('');
}

/** `text` with card numbers and labelled secrets replaced; everything else unchanged. */
export function redactSecrets(text: string): string {
  let out = text.replace(DIGIT_RUN, redactRun);
  for (const pattern of LABELLED) out = out.replace(pattern, (_match, label: string, gap: string) => `${label}${gap}${SECRET_REDACTED}`);
  return out.replace(SSN_SHAPE, SECRET_REDACTED);
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
