import { describe, expect, it } from 'vitest';
import { findEmail, isEmailAddress, readEmail } from '../../../knowledge/readers/email-address.reader.js';

describe('readEmail: the whole message as an address', () => {
  it.each([
    [' <Jane.Doe@Example.com>. ', 'jane.doe@example.com'],
    ['riley@example.com!', 'riley@example.com'],
    ['mailto:Jo.Doe+rings@Example.co.uk', 'jo.doe+rings@example.co.uk'],
  ])('%j reads as %s', (text, email) => {
    expect(readEmail(text)).toBe(email);
  });

  it.each(['jane at example dot com', 'jane@example', '@example.com', 'jane@@example.com', 'KS-100234', 'my email is jane@example.com'])('not an address: %j', (text) => {
    expect(readEmail(text)).toBeUndefined();
  });
});

describe('findEmail: an address inside a sentence', () => {
  it.each([
    ["sure, it's jane@example.com thanks", 'jane@example.com'],
    ['oops I meant riley@example.com', 'riley@example.com'],
    ['can u track ks100234 my email is Shopper@Example.com.', 'shopper@example.com'],
    ['(riley@example.com)', 'riley@example.com'],
  ])('finds it in %j', (text, email) => {
    expect(findEmail(text)).toBe(email);
  });

  it('finds none where there is none', () => {
    expect(findEmail('email me please')).toBeUndefined();
  });
});

describe('what an address may be (RFC 5321 lengths, no control characters)', () => {
  it('refuses a local part over 64 characters and an address over 254', () => {
    expect(isEmailAddress(`${'a'.repeat(64)}@example.com`)).toBe(true);
    expect(isEmailAddress(`${'a'.repeat(65)}@example.com`)).toBe(false);
    expect(isEmailAddress(`${'a'.repeat(1500)}@example.com`)).toBe(false);
    const longDomain = `${Array.from({ length: 5 }, () => 'd'.repeat(50)).join('.')}.com`;
    expect(isEmailAddress(`jane@${longDomain}`)).toBe(false);
  });

  it('refuses control characters, C0 and C1', () => {
    expect(isEmailAddress('ja\u0000ne@example.com')).toBe(false);
    expect(isEmailAddress('ja\u0085ne@example.com')).toBe(false);
    expect(isEmailAddress('jane@exa\u009bmple.com')).toBe(false);
    expect(readEmail('ja\u0090ne@example.com')).toBeUndefined();
  });

  it('reads a long message in time that grows with its length', () => {
    const hostile = `${'a@'.repeat(20_000)}x`;
    const started = performance.now();
    expect(findEmail(hostile)).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(200);
  });
});
