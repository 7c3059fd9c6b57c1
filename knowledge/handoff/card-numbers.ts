// Where payment card numbers are in a text, for knowledge/handoff/redaction.ts to remove. A card
// number is 13-19 digits passing the Luhn check, its groups joined by at most three characters
// that are neither digits nor letters: spaces and line breaks, dots, dashes, slashes, commas,
// colons, "+", "*", "|", bullets, apostrophes, ")(", an emoji, anything else that is no letter.
// Characters that show as nothing (Unicode format characters, category Cf, and the other
// default-ignorable code points: zero-width spaces and joiners, the word joiner, soft hyphens,
// direction marks, Hangul fillers) are read past as if absent, so they neither hide a card nor
// count toward the three. They go with the card they sit in; elsewhere they stay, because an
// emoji sequence or a right-to-left name needs them. Digits of any script count, ASCII or
// full-width alike.
//
// One scan reads the text once; each card candidate is then checked at no more than 19 digits
// from each of its groups, so a long message costs linear time and no regular expression
// backtracks (test/bot/regex-safety.test.ts and test/bot/adversarial-text.test.ts hold it).

/** A card number's place in the text: `text.slice(start, end)` runs from its first digit to its last. */
export interface CardSpan {
  start: number;
  end: number;
}

const MIN_DIGITS = 13;
const MAX_DIGITS = 19;
/** Joiners allowed between two groups; format characters among them are not counted. */
const MAX_JOINERS = 3;

const IS_DIGIT = /^\p{Nd}$/u;
const IS_LETTER = /^\p{L}$/u;
const IS_INVISIBLE = /^[\p{Cf}\p{Default_Ignorable_Code_Point}]$/u;

/**
 * What a character is to the scan: a digit; a joiner (neither digit nor letter), which may join
 * two groups; invisible, read past; a letter, which ends a candidate.
 */
type Kind = 'digit' | 'joiner' | 'invisible' | 'letter';

function kindOf(codePoint: number): Kind {
  if (codePoint >= 0x30 && codePoint <= 0x39) return 'digit';
  if ((codePoint >= 0x41 && codePoint <= 0x5a) || (codePoint >= 0x61 && codePoint <= 0x7a)) return 'letter';
  if (codePoint < 0x80) return 'joiner';
  const character = String.fromCodePoint(codePoint);
  if (IS_DIGIT.test(character)) return 'digit';
  // Before letters: the Hangul fillers are letters that show as nothing.
  if (IS_INVISIBLE.test(character)) return 'invisible';
  if (IS_LETTER.test(character)) return 'letter';
  return 'joiner';
}

const digitValues = new Map<number, number>();

/**
 * The value of one decimal digit of any script. Unicode encodes each script's digits as a run
 * of ten from 0 to 9 (some runs back to back), so the value is the distance from the run's start.
 */
export function digitValue(codePoint: number): number {
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
  if (digits.length === 0) return false;
  let sum = 0;
  for (let index = digits.length - 1, double = false; index >= 0; index -= 1, double = !double) {
    const digit = digits.charCodeAt(index) - 0x30;
    if (digit < 0 || digit > 9) return false;
    sum += double ? DOUBLED[digit] ?? 0 : digit;
  }
  return sum % 10 === 0;
}

/** A digit's contribution when the Luhn check doubles it. */
const DOUBLED = [0, 2, 4, 6, 8, 1, 3, 5, 7, 9];

/** A candidate: digit groups, each joined to the next by few enough joiners. */
interface Candidate {
  /** Every digit of the candidate, as values. */
  digits: number[];
  /** Where each group's digits start in `digits`. */
  firsts: number[];
  /** Each group's first and last character in the text (`ends` is one past the last). */
  starts: number[];
  ends: number[];
}

/**
 * The groups of the candidate that form card numbers: every run of whole groups with 13-19 digits
 * passing the Luhn check, runs that share a group merged into one (so a card next to other digits
 * is removed whole wherever the scan would have started it: "12, 4111,1111,1111,1111"). From each
 * group backwards the Luhn sum is built digit by digit, at most 19 of them, keeping the longest
 * run that passes, so a group costs at most 19 steps.
 */
function cardGroups(candidate: Candidate): Array<[number, number]> {
  const { digits, firsts } = candidate;
  const groups = firsts.length;
  // reach[first] = the last group of the longest card starting at group `first`, or -1.
  const reach = new Array<number>(groups).fill(-1);
  for (let last = 0; last < groups; last += 1) {
    const end = last + 1 < groups ? firsts[last + 1] ?? digits.length : digits.length;
    let sum = 0;
    let first = last;
    let longest = -1;
    for (let index = end - 1, double = false; index >= 0 && end - index <= MAX_DIGITS; index -= 1, double = !double) {
      const digit = digits[index] ?? 0;
      sum += double ? DOUBLED[digit] ?? 0 : digit;
      while (first > 0 && (firsts[first] ?? 0) > index) first -= 1;
      const length = end - index;
      if (index === firsts[first] && length >= MIN_DIGITS && sum % 10 === 0) longest = first;
    }
    if (longest >= 0 && (reach[longest] ?? -1) < last) reach[longest] = last;
  }
  const found: Array<[number, number]> = [];
  let open = -1;
  let through = -1;
  for (let group = 0; group < groups; group += 1) {
    const last = reach[group] ?? -1;
    if (last < 0 && open < 0) continue;
    if (open >= 0 && group > through) {
      found.push([open, through]);
      open = -1;
    }
    if (last >= 0) {
      if (open < 0) open = group;
      through = Math.max(through, last);
    }
  }
  if (open >= 0) found.push([open, through]);
  return found;
}

/**
 * Whether `text` may hold a card number at all: it has 13 ASCII digits, or a character past ASCII
 * (a digit of another script, or one that shows as nothing). Most text has neither, and is not scanned.
 */
function mayHoldCard(text: string): boolean {
  let digits = 0;
  for (let at = 0; at < text.length; at += 1) {
    const code = text.charCodeAt(at);
    if (code > 0x7f) return true;
    if (code >= 0x30 && code <= 0x39 && ++digits >= MIN_DIGITS) return true;
  }
  return false;
}

/** Where in `text` card numbers are, in order and apart from one another. */
export function findCardNumbers(text: string): CardSpan[] {
  if (!mayHoldCard(text)) return [];
  const spans: CardSpan[] = [];
  let candidate: Candidate = { digits: [], firsts: [], starts: [], ends: [] };
  /** Joiners since the last digit; -1 when no group is open to join to. */
  let joiners = -1;

  const close = () => {
    if (candidate.firsts.length > 0 && candidate.digits.length >= MIN_DIGITS) {
      for (const [first, last] of cardGroups(candidate)) spans.push({ start: candidate.starts[first] ?? 0, end: candidate.ends[last] ?? 0 });
    }
    candidate = { digits: [], firsts: [], starts: [], ends: [] };
    joiners = -1;
  };

  let index = 0;
  // Whether the character before was a digit: a new group starts after anything else.
  let inGroup = false;
  while (index < text.length) {
    const codePoint = text.codePointAt(index) ?? 0;
    const width = codePoint > 0xffff ? 2 : 1;
    const kind = kindOf(codePoint);
    if (kind === 'digit') {
      if (!inGroup) {
        candidate.firsts.push(candidate.digits.length);
        candidate.starts.push(index);
        candidate.ends.push(index);
      }
      candidate.digits.push(digitValue(codePoint));
      candidate.ends[candidate.ends.length - 1] = index + width;
      inGroup = true;
      joiners = 0;
    } else if (kind === 'letter') {
      close();
      inGroup = false;
    } else {
      // An invisible character still ends a group ("12\u200b4111…" is 12, then a card), but
      // adds nothing to the joint.
      inGroup = false;
      // A run of spaces is one joint however wide ("4111    1111" is typed, and shown, as one gap).
      const repeatsSpace = codePoint === 0x20 && text.charCodeAt(index - 1) === 0x20;
      if (kind === 'joiner' && joiners >= 0 && !repeatsSpace) {
        joiners += 1;
        if (joiners > MAX_JOINERS) close();
      }
    }
    index += width;
  }
  close();
  return spans;
}
