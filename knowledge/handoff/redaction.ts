// Payment card numbers and similar secrets never travel further than the message they were typed
// in: transcripts, stored tickets, emails and logs get these redacted copies. Card numbers are
// recognised by shape and checksum (13-19 digits, single spaces or dashes between groups, Luhn)
// so order numbers, phone numbers and dates stay readable; CVVs, expiry dates, PINs and passwords
// only when the shopper labels them ("cvv 123"), because three digits alone mean nothing.

export const CARD_REDACTED = '[card number removed]';
export const SECRET_REDACTED = '[removed]';

/** Digit groups separated by one space or dash: the candidates a card number hides in. */
const DIGIT_RUN = /\d+(?:[ -]\d+)*/g;

const LABELLED: ReadonlyArray<RegExp> = [
  // "cvv 123", "CVC: 1234", "security code is 123", "the 3 digit code 123"
  /\b(cvv2?|cvc2?|cvn|csc|cid|security code|card (?:verification|security) (?:code|value|number)|\d[- ]digit code)(\s*(?:is|was|=|:|#|no\.?|number)?\s*)(\d{3,4})\b/gi,
  // "exp 12/27", "expires 12-2027", "expiration date: 1/28", "valid thru 12/27"
  /\b(exp(?:iry|iration)?(?: date)?|expires?|valid (?:thru|through|until))(\s*(?:is|=|:|on)?\s*)(\d{1,2}\s*[/-]\s*\d{2,4})\b/gi,
  // "pin 1234", "PIN code: 123456"
  /\b(pin(?: code| number)?)(\s*(?:is|=|:|#)?\s*)(\d{4,8})\b/gi,
  // "password is hunter2", "passcode: 1234": only with an explicit "is" or ":" before the value
  /\b(password|passcode|passwd|pwd)(\s*(?:is|=|:)\s*)(\S+)/gi,
  // "SSN 123-45-6789", "social security number: 123456789"
  /\b(ssn|social security(?: number| no\.?)?)(\s*(?:is|=|:|#)?\s*)(\d{3}[- ]?\d{2}[- ]?\d{4})\b/gi,
];

/** An unlabelled US social security number in its printed form. */
const SSN_SHAPE = /\b\d{3}-\d{2}-\d{4}\b/g;

/** The Luhn checksum every payment card number satisfies. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

function isCardNumber(digits: string): boolean {
  return digits.length >= 13 && digits.length <= 19 && luhnValid(digits);
}

/**
 * The run with any card number in it removed. A whole run is tried first; a longer run of groups
 * ("4111 1111 1111 1111 12 27") is searched for the longest consecutive groups that form one.
 */
function redactRun(run: string): string {
  if (isCardNumber(run.replace(/\D/g, ''))) return CARD_REDACTED;
  const groups = run.split(/([ -])/);
  // groups alternate: digits, separator, digits, ...
  const digitGroups = groups.filter((_, index) => index % 2 === 0);
  if (digitGroups.length < 2) return run;
  const out: string[] = [];
  let start = 0;
  while (start < digitGroups.length) {
    let matchedEnd = -1;
    let digits = '';
    for (let end = start; end < digitGroups.length; end += 1) {
      digits += digitGroups[end];
      if (digits.length > 19) break;
      if (isCardNumber(digits)) matchedEnd = end;
    }
    if (matchedEnd >= 0) {
      out.push(CARD_REDACTED);
      start = matchedEnd + 1;
    } else {
      out.push(digitGroups[start] ?? '');
      start += 1;
    }
    if (start < digitGroups.length) out.push(groups[start * 2 - 1] ?? ' ');
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
