// Properties of the card redaction over generated layouts (fast-check): a Luhn-valid number of
// 13-19 digits, cut into random groups, the groups joined by one to three joiners (the
// punctuation and invisible characters the red team used, and the separators
// knowledge/handoff/redaction.ts always took), set in a sentence, never survives, and the
// sentence around it does; numbers failing the Luhn check, order numbers and dates survive
// whole. A failure prints its seed and the shrunk layout, so it can be replayed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { CARD_REDACTED, redactSecrets } from '../../../knowledge/handoff/redaction.js';

const RUNS = 2_000;

/** Unicode format characters (general category Cf), which show as nothing. */
const FORMAT = ['\u200b', '\u200c', '\u200d', '\u2060', '\u00ad', '\ufeff', '\u200e', '\u200f', '\u202a', '\u202c', '\u2062', '\u061c', '\u180e', '\u{e0020}'];
/** What the red team joined groups with, as listed. */
const LISTED = [',', ':', '+', '*', '|', '\u2022', '\u00b7', "'", '\uff0d', ')('];
/** What already joined groups before (spaces of any kind, line breaks, dots, slashes, dashes). */
const EARLIER = [' ', '\u00a0', '\u3000', '\n', '\t', '.', '/', '\\', '_', '-', '\u2013', '\u2212'];

/** A joint: one to three pieces, at most three visible characters (format characters count as none). */
function joint(pieces: readonly string[]): fc.Arbitrary<string> {
  return fc
    .array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 3 })
    .map((chosen) => chosen.join(''))
    .filter((text) => [...text].filter((character) => !FORMAT.includes(character)).length <= 3);
}

/**
 * Words around a number: none a label the redaction acts on ("cvv", "pin", "exp", "password",
 * "ssn"), and no digits, which a joiner would join to the number's own (order numbers have a
 * property of their own below).
 */
const WORDS = ['my', 'card', 'is', 'charged', 'twice', 'refund', 'please', 'thanks!', 'order', '(visa)', 'número', 'carte', 'カード', '👩\u200d💻', 'naïve', 'ok?', '—', '"'];
const sentence = fc.array(fc.constantFrom(...WORDS), { maxLength: 6 }).map((words) => words.join(' '));
/** What may stand between the sentence and the number: never a digit. */
const edge = fc.constantFrom('', ' ', ': ', ' (', '"', '\n', ' \u200b', '#');

/** `digits` cut into consecutive groups at random. */
function groupsOf(digits: string): fc.Arbitrary<string[]> {
  return fc.uniqueArray(fc.integer({ min: 1, max: digits.length - 1 }), { maxLength: digits.length - 1 }).map((cuts) => {
    const bounds = [0, ...cuts.sort((a, b) => a - b), digits.length];
    return bounds.slice(1).map((end, index) => digits.slice(bounds[index], end));
  });
}

/** `groups` with a joint drawn from `pieces` between each two. */
function joined(groups: readonly string[], pieces: readonly string[]): fc.Arbitrary<string> {
  return fc.array(joint(pieces), { minLength: groups.length - 1, maxLength: groups.length - 1 }).map((joints) => groups.map((group, index) => group + (joints[index] ?? '')).join(''));
}

/** The Luhn check, written out here so the test does not trust the module's own. */
function luhn(digits: string): boolean {
  let sum = 0;
  [...digits].reverse().forEach((character, index) => {
    const value = Number(character) * (index % 2 === 1 ? 2 : 1);
    sum += value > 9 ? value - 9 : value;
  });
  return sum % 10 === 0;
}

/** `text`'s ASCII digits in a row: a card (ASCII here) survives in it whatever joined its groups. */
const digitsOnly = (text: string) => text.replace(/[^0-9]/g, '');

/** The check digit that makes `body` + it pass the Luhn check. */
function checkDigit(body: string): string {
  for (let digit = 0; digit <= 9; digit += 1) if (luhn(body + digit)) return String(digit);
  throw new Error('unreachable: one of ten digits always completes the sum');
}

const digitString = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });
/** A Luhn-valid number of 13-19 digits. */
const cardNumber = digitString(12, 18).map((body) => body + checkDigit(body));

/** Whether some span of whole groups, 13-19 digits long, passes the Luhn check (what a card is). */
function hasCardSpan(groups: readonly string[]): boolean {
  for (let start = 0; start < groups.length; start += 1) {
    let digits = '';
    for (let end = start; end < groups.length; end += 1) {
      digits += groups[end];
      if (digits.length > 19) break;
      if (digits.length >= 13 && luhn(digits)) return true;
    }
  }
  return false;
}

const layout = (pieces: readonly string[]) =>
  cardNumber.chain((card) => groupsOf(card).chain((groups) => fc.record({ card: fc.constant(card), groups: fc.constant(groups), text: joined(groups, pieces) })));

describe('a Luhn-valid card number in any layout', () => {
  it('is removed, and the sentence around it kept, with the listed joiners and format characters', () => {
    fc.assert(
      fc.property(layout([...LISTED, ...FORMAT]), sentence, edge, edge, sentence, ({ text }, before, left, right, after) => {
        const message = `${before}${left}${text}${right}${after}`;
        expect(redactSecrets(message)).toBe(`${before}${left}${CARD_REDACTED}${right}${after}`);
      }),
      { numRuns: RUNS },
    );
  });

  it('is removed with any mix of the listed joiners, the earlier separators and format characters', () => {
    fc.assert(
      fc.property(layout([...LISTED, ...EARLIER, ...FORMAT]), sentence, edge, edge, sentence, ({ text }, before, left, right, after) => {
        const message = `${before}${left}${text}${right}${after}`;
        expect(redactSecrets(message)).toBe(`${before}${left}${CARD_REDACTED}${right}${after}`);
      }),
      { numRuns: RUNS },
    );
  });

  it('leaves none of its digits in a row, whatever text (other digits included) surrounds it', () => {
    const noise = fc
      .array(fc.oneof(fc.string({ unit: 'binary', maxLength: 8 }), digitString(1, 5), joint([...LISTED, ...EARLIER, ...FORMAT])), { maxLength: 6 })
      .map((parts) => parts.join(''));
    // Never a digit at the edge, or the card's first or last group would be a longer one.
    const border = fc.constantFrom(' ', ',', '\u200b', 'x', '\n', ', ');
    fc.assert(
      fc.property(layout([...LISTED, ...EARLIER, ...FORMAT]), noise, border, border, noise, ({ card, text }, before, left, right, after) => {
        // Surroundings with 13 digits could hold a card of their own, or this one by chance.
        fc.pre(digitsOnly(before + after).length < 13);
        const out = redactSecrets(`${before}${left}${text}${right}${after}`);
        expect(digitsOnly(out)).not.toContain(card);
        expect(out).toContain(CARD_REDACTED);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('numbers that are not cards', () => {
  it('keeps a number failing the Luhn check, in any layout of the listed joiners, as it was', () => {
    const invalid = digitString(13, 19).filter((digits) => !luhn(digits));
    const laidOut = invalid.chain((digits) => groupsOf(digits).filter((groups) => !hasCardSpan(groups)).chain((groups) => joined(groups, [...LISTED, ...FORMAT, ' '])));
    fc.assert(
      fc.property(laidOut, sentence, edge, edge, sentence, (text, before, left, right, after) => {
        const message = `${before}${left}${text}${right}${after}`;
        expect(redactSecrets(message)).toBe(message);
      }),
      { numRuns: RUNS },
    );
  });

  it('keeps order numbers, alone or listed with the joiners', () => {
    const orderNumber = fc.tuple(fc.constantFrom('KS', 'KSM', 'JAM', 'GS', 'ORD'), fc.constantFrom('-', '', ' ', '#'), digitString(4, 8)).map(([letters, dash, digits]) => `${letters}${dash}${digits}`);
    // At most one without letters ("#3310492", "5550001234"): two of those listed side by side
    // are digit groups like any other, and one in ten such lists passes the Luhn check.
    const bare = fc.option(fc.tuple(fc.constantFrom('#', '', 'No. '), digitString(4, 12)).map(([sign, digits]) => `${sign}${digits}`), { nil: undefined });
    const list = fc
      .tuple(bare, fc.array(orderNumber, { minLength: 1, maxLength: 5 }), joint([...LISTED, ...FORMAT, ' ']))
      .map(([first, numbers, between]) => [...(first === undefined ? [] : [first]), ...numbers].join(between));
    fc.assert(
      fc.property(list, sentence, edge, (numbers, before, left) => {
        const message = `${before}${left}${numbers}`;
        expect(redactSecrets(message)).toBe(message);
      }),
      { numRuns: RUNS },
    );
  });

  it('keeps dates, with or without a time to the minute', () => {
    const two = (n: number) => String(n).padStart(2, '0');
    const date = fc
      .record({ year: fc.integer({ min: 1990, max: 2040 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }), separator: fc.constantFrom('-', '/', '.', ' '), order: fc.constantFrom('ymd', 'dmy', 'mdy') })
      .map(({ year, month, day, separator, order }) => {
        const parts = order === 'ymd' ? [String(year), two(month), two(day)] : order === 'dmy' ? [two(day), two(month), String(year)] : [two(month), two(day), String(year)];
        return parts.join(separator);
      });
    const time = fc.option(fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([hour, minute]) => ` ${two(hour)}:${two(minute)}`), { nil: '' });
    fc.assert(
      fc.property(fc.tuple(date, time).map(([day, at]) => day + at), sentence, edge, sentence, (when, before, left, after) => {
        const message = `${before}${left}${when} ${after}`;
        expect(redactSecrets(message)).toBe(message);
      }),
      { numRuns: RUNS },
    );
  });
});
