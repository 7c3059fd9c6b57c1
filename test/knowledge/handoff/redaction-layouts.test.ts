// Card numbers laid out with the joiners a red-team pass found getting past the redaction:
// invisible format characters (zero-width space and joiner, word joiner, soft hyphen) and
// punctuation (comma, colon, "+", "*", "|", bullet, middle dot, apostrophe, full-width hyphen,
// ")("). Each joiner is tried with four card shapes, so the count of these that pass is the
// before/after figure for knowledge/handoff/redaction.ts.
import { describe, expect, it } from 'vitest';

import { CARD_REDACTED, redactSecrets } from '../../../knowledge/handoff/redaction.js';

/** The joiners as listed, each with a name for the test's title. */
const JOINERS: ReadonlyArray<[string, string]> = [
  ['zero-width space', '\u200b'],
  ['zero-width joiner', '\u200d'],
  ['word joiner', '\u2060'],
  ['soft hyphen', '\u00ad'],
  ['comma', ','],
  ['colon', ':'],
  ['plus', '+'],
  ['asterisk', '*'],
  ['pipe', '|'],
  ['bullet', '\u2022'],
  ['middle dot', '\u00b7'],
  ['apostrophe', "'"],
  ['full-width hyphen', '\uff0d'],
  ['")("', ')('],
];

/** Four shapes cards are printed in: 16 digits 4-4-4-4, Amex 4-6-5, 13 digits, 19 digits. */
const CARDS: ReadonlyArray<[string, string[]]> = [
  ['Visa 4-4-4-4', ['4111', '1111', '1111', '1111']],
  ['Amex 4-6-5', ['3782', '822463', '10005']],
  ['13 digits 4-4-5', ['4222', '2222', '22222']],
  ['19 digits 4-4-4-4-3', ['6304', '0000', '0000', '0000', '018']],
];

const LAYOUTS = JOINERS.flatMap(([joinerName, joiner]) => CARDS.map(([cardName, groups]) => [`${cardName}, ${joinerName}`, groups.join(joiner)] as const));

describe('card numbers joined by invisible characters or punctuation', () => {
  it.each(LAYOUTS)('removes %s', (_name, card) => {
    expect(redactSecrets(`my card is ${card} thanks`)).toBe(`my card is ${CARD_REDACTED} thanks`);
  });

  it.each([
    ['a comma and a space', '4111, 1111, 1111, 1111'],
    ['a zero-width space beside a space', '4111 \u200b1111 \u200b1111 \u200b1111'],
    ['zero-width spaces that do not count toward the three joiners', '4111 - \u200b\u200b\u200b\u200b1111 - 1111 - 1111'],
    ['a zero-width space inside a group', '41\u200b11 1111 1111 1111'],
    ['a byte-order mark and a left-to-right mark', '4111\ufeff1111\u200e1111\ufeff1111'],
    ['a Hangul filler (a letter nothing shows)', '4111\u31641111\u31641111\u31641111'],
    ['a right single quotation mark', '4111\u20191111\u20191111\u20191111'],
    ['a semicolon, a hash and a tilde', '4111;1111#1111~1111'],
    ['an emoji between groups', '4111💳1111💳1111💳1111'],
    ['full-width digits with full-width commas', '４１１１，１１１１，１１１１，１１１１'],
  ])('removes one joined by %s', (_name, card) => {
    expect(redactSecrets(`my card is ${card} thanks`)).toBe(`my card is ${CARD_REDACTED} thanks`);
  });

  it('removes a card whose every group is bracketed, leaving the outer brackets', () => {
    expect(redactSecrets('card (4111)(1111)(1111)(1111).')).toBe(`card (${CARD_REDACTED}).`);
    expect(redactSecrets('card [4111][1111][1111][1111].')).toBe(`card [${CARD_REDACTED}].`);
  });

  it('removes a card whole when digits before it also start a passing run ("6, 4111,1111,1111,1111")', () => {
    // "6 4111 1111 1111" passes the check too: taken alone it would leave the card's last group.
    expect(redactSecrets('on the 6, 4111,1111,1111,1111')).toBe(`on the ${CARD_REDACTED}`);
    expect(redactSecrets('on the 16, 4111,1111,1111,1111')).toBe(`on the 16, ${CARD_REDACTED}`);
  });

  it('removes two cards joined by a comma, as two when no groups across them pass the check too', () => {
    expect(redactSecrets('4111,1111,1111,1111, 6011\u200b1111\u200b1111\u200b1117')).toBe(`${CARD_REDACTED}, ${CARD_REDACTED}`);
    // "1111 1111 1111 5555" passes as well: every group of a passing run goes, so the two cards
    // and the comma between them go as one.
    expect(redactSecrets('4111,1111,1111,1111, 5555\u200b5555\u200b5555\u200b4444')).toBe(CARD_REDACTED);
  });

  it('keeps invisible characters that are not inside a card (an emoji sequence, a direction mark)', () => {
    const text = 'my 👩\u200d💻 is \u200fفاطمة\u200f and my card 4111\u200b1111\u200b1111\u200b1111';
    expect(redactSecrets(text)).toBe(`my 👩\u200d💻 is \u200fفاطمة\u200f and my card ${CARD_REDACTED}`);
  });

  it.each([
    ['KS-100234, KS-100235, KS-100236', 'order numbers in a list'],
    ['order 3310492 and 5550001234', 'two order numbers in words'],
    ['4111,1111,1111,1112', 'a comma layout failing the Luhn check'],
    ['4111\u200b1111\u200b1111\u200b1112', 'a zero-width layout failing the Luhn check'],
    ['+44 20 7946 0958', 'a UK phone number'],
    ['(555) 123-4567', 'a US phone number'],
    ['on 2026-11-27 at 10:30', 'a date and a time'],
    ['placed 2026-11-27 10:30', 'a date and a time with nothing between'],
    ['between 27.11.2026 and 04.12.2026', 'two dates'],
    ['4111,,,,1111,,,,1111,,,,1111', 'groups four joiners apart are not one number'],
    ['4111 - - 1111 - - 1111 - - 1111', 'nor are groups five apart'],
    ['4111a1111b1111c1111', 'letters between the groups'],
  ])('keeps %s (%s)', (text) => {
    expect(redactSecrets(text)).toBe(text);
  });
});
