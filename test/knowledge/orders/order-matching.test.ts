import { describe, expect, it } from 'vitest';

import { emailsMatch, normalizeOrderNumber, orderNumbersMatch } from '../../../knowledge/orders/order-matching.js';

describe('normalizeOrderNumber', () => {
  it.each([
    ['KS-100234', 'KS100234'],
    ['#ks-100234', 'KS100234'],
    ['  # KS 100 234 ', 'KS100234'],
    ['ks\u2013100234', 'KS100234'], // en dash from autocorrect
    ['ＫＳ－１００２３４', 'KS100234'], // full-width keyboard
    ['3310492', '3310492'],
    ['#', ''],
    ['  ', ''],
  ])('%j -> %j', (input, expected) => {
    expect(normalizeOrderNumber(input)).toBe(expected);
  });

  it('keeps characters that distinguish orders', () => {
    expect(normalizeOrderNumber('KS-100234/2')).toBe('KS100234/2');
    expect(orderNumbersMatch('KS-100234', 'KS-1002345')).toBe(false);
  });
});

describe('orderNumbersMatch', () => {
  it('matches after normalisation and never on empty input', () => {
    expect(orderNumbersMatch('#ks 100234', 'KS-100234')).toBe(true);
    expect(orderNumbersMatch('#', '')).toBe(false);
  });
});

describe('emailsMatch', () => {
  it('ignores surrounding space and case', () => {
    expect(emailsMatch('  Shopper@Example.com ', 'shopper@example.com')).toBe(true);
  });

  it('does not match different or empty emails', () => {
    expect(emailsMatch('shopper@example.com', 'shopper@example.org')).toBe(false);
    expect(emailsMatch('shopper+1@example.com', 'shopper@example.com')).toBe(false);
    expect(emailsMatch('', '')).toBe(false);
    expect(emailsMatch('   ', ' ')).toBe(false);
  });
});
