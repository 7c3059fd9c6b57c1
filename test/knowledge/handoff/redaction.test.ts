import { describe, expect, it } from 'vitest';

import { CARD_REDACTED, containsSecret, luhnValid, redactDeep, redactSecrets } from '../../../knowledge/handoff/redaction.js';

describe('redactSecrets: payment card numbers', () => {
  it.each([
    ['4111111111111111', 'Visa, no separators'],
    ['4111 1111 1111 1111', 'Visa, spaces'],
    ['4111-1111-1111-1111', 'Visa, dashes'],
    ['5555 5555 5555 4444', 'Mastercard'],
    ['3782 822463 10005', 'Amex, 15 digits in 4-6-5 groups'],
    ['6011000990139424', 'Discover'],
    ['4222222222222', 'Visa, 13 digits'],
    ['6304 0000 0000 0000 018', '19 digits'],
  ])('removes %s (%s)', (card) => {
    const out = redactSecrets(`my card is ${card} thanks`);
    expect(out).toBe(`my card is ${CARD_REDACTED} thanks`);
  });

  it.each([
    ['4111 1111 1111 1112', 'fails the Luhn check'],
    ['order 3310492', 'an order number'],
    ['KS-100234', 'an order number with letters'],
    ['1Z999AA10123456784', 'a UPS tracking number'],
    ['call +1 555-123-4567', 'a phone number'],
    ['placed 2026-11-27', 'a date'],
    ['123456789012', '12 digits'],
    ['94001000000000000000000', 'a 23-digit run (USPS-style tracking)'],
  ])('keeps %s (%s)', (text) => {
    expect(redactSecrets(text)).toBe(text);
  });

  it.each([
    ['4111.1111.1111.1111', 'dots'],
    ['4111/1111/1111/1111', 'slashes'],
    ['4111_1111_1111_1111', 'underscores'],
    ['4111  1111  1111  1111', 'double spaces'],
    ['4111\u00a01111\u00a01111\u00a01111', 'non-breaking spaces'],
    ['4111 1111\n1111 1111', 'a line break between groups'],
    ['4111\r\n1111\r\n1111\r\n1111', 'Windows line breaks'],
    ['4111 – 1111 – 1111 – 1111', 'spaced en dashes'],
    ['４１１１ １１１１ １１１１ １１１１', 'full-width digits'],
    ['４１１１１１１１１１１１１１１１', 'full-width digits, no separators'],
    ['٤١١١ ١١١١ ١١١١ ١١١١', 'Arabic-Indic digits'],
    ['𝟒𝟏𝟏𝟏 𝟏𝟏𝟏𝟏 𝟏𝟏𝟏𝟏 𝟏𝟏𝟏𝟏', 'mathematical bold digits'],
    ['3782.822463.10005', 'Amex groups with dots'],
    // A run of spaces is one gap: typed with wide gaps, it is still the card an agent would read.
    ['4111    1111    1111    1111', 'groups with wide gaps of spaces'],
  ])('removes %s (%s)', (card) => {
    expect(redactSecrets(`my card is ${card} thanks`)).toBe(`my card is ${CARD_REDACTED} thanks`);
  });

  it.each([
    ['version 1.2.3.4.5.6.7.8.9.10.11', 'a dotted version'],
    ['192.168.100.200', 'an IP address'],
    ['12/27/2026', 'a US date'],
    ['between 3310492 and 5550001234', 'two order numbers in words'],
    ['４１１１ １１１１ １１１１ １１１２', 'full-width digits failing the Luhn check'],
  ])('keeps %s (%s)', (text) => {
    expect(redactSecrets(text)).toBe(text);
  });

  it('labels secrets in full-width digits too', () => {
    expect(redactSecrets('cvv １２３ and pin ４３２１')).toBe('cvv [removed] and pin [removed]');
  });

  it('finds a card number inside a longer run of groups ("… 1111 12 27")', () => {
    expect(redactSecrets('4111 1111 1111 1111 12 27')).toBe(`${CARD_REDACTED} 12 27`);
  });

  it('removes two cards in one message', () => {
    expect(redactSecrets('4111111111111111 or 5555-5555-5555-4444?')).toBe(`${CARD_REDACTED} or ${CARD_REDACTED}?`);
  });
});

describe('redactSecrets: labelled secrets', () => {
  it.each([
    ['cvv 123', 'cvv [removed]'],
    ['CVC: 1234', 'CVC: [removed]'],
    ['the security code is 987', 'the security code is [removed]'],
    ['exp 12/27', 'exp [removed]'],
    ['expiration date: 01-2028', 'expiration date: [removed]'],
    ['PIN 4321', 'PIN [removed]'],
    ['my password is hunter2!', 'my password is [removed]'],
    ['SSN 123-45-6789', 'SSN [removed]'],
    ['it is 123-45-6789', 'it is [removed]'],
  ])('%s → %s', (text, expected) => {
    expect(redactSecrets(text)).toBe(expected);
  });

  it('removes a whole card line and leaves the rest readable', () => {
    const out = redactSecrets('Charged twice on order 3310492: card 4111 1111 1111 1111 exp 12/27 cvv 123.');
    expect(out).toBe(`Charged twice on order 3310492: card ${CARD_REDACTED} exp [removed] cvv [removed].`);
  });

  it('leaves ordinary sentences alone', () => {
    for (const text of ['I forgot my password', 'It cost $123 and arrived 3 days late', 'The pin on the brooch broke', 'code 10 on the box']) {
      expect(redactSecrets(text)).toBe(text);
      expect(containsSecret(text)).toBe(false);
    }
  });
});

describe('luhnValid and redactDeep', () => {
  it('checks the Luhn sum', () => {
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
    expect(luhnValid('12ab')).toBe(false);
  });

  it('redacts every string of a JSON value, leaving other values as they are', () => {
    const value = { text: 'card 4111111111111111', nested: [{ note: 'cvv 123' }, 42, null, true] };
    expect(redactDeep(value)).toEqual({ text: `card ${CARD_REDACTED}`, nested: [{ note: 'cvv [removed]' }, 42, null, true] });
    expect(value.text).toBe('card 4111111111111111');
  });
});
