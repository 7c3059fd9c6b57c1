// Order numbers and emails typed in free text. Values come back as typed (trimmed, order numbers
// upper-cased without a leading '#'); matching them to real orders happens elsewhere.
import type { Understanding } from './understanding.types.js';

export type Entities = Understanding['entities'];

// Starts only where a run of address characters starts, so a long run with no "@" is read once
// (linear) instead of once from each of its characters (quadratic).
const EMAIL = /(?<![a-z0-9._%+-])[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/gi;
// "order 00123842", "order no. KS-1001", "order number: #3310492", "purchase 5550001234", "#3310492"
// Each run of spaces is read by one `\s*` (a word or a colon ends it): linear in a long run.
const AFTER_KEYWORD =
  /(?:\b(?:order|purchase|invoice|ref(?:erence)?)\s*(?:(?:number|num|no\.?|id|#)\s*)?(?:[:#]\s*)?|#\s*)([a-z]{0,4}-?\d[\d-]{2,}\d)\b/gi;
// "KS-100234", "ks100234": a short letter prefix and at least four digits
const PREFIXED = /\b([a-z]{1,4}-?\d{4,})\b/gi;
// a bare run of six or more digits (five could be a ZIP code), e.g. "5550001234"
const BARE_DIGITS = /(?<![\w.-])(\d{6,})(?![\w.-])/g;

/** Finds the first order number and email in `text`. */
export function extractEntities(text: string): Entities {
  const entities: Entities = {};
  const email = text.match(EMAIL)?.[0];
  if (email) entities.email = email.trim().toLowerCase();
  const withoutEmails = text.replace(EMAIL, ' ');
  const orderNumber = firstMatch(withoutEmails, [AFTER_KEYWORD, PREFIXED, BARE_DIGITS]);
  if (orderNumber) entities.orderNumber = orderNumber.toUpperCase();
  return entities;
}

/** `text` without its emails and order numbers, so they do not count as words. */
export function stripEntities(text: string): string {
  return text
    .replace(EMAIL, ' ')
    .replace(AFTER_KEYWORD, (match, id: string) => match.slice(0, match.length - id.length).replace(/#/g, ' '))
    .replace(PREFIXED, ' ')
    .replace(BARE_DIGITS, ' ');
}

function firstMatch(text: string, patterns: readonly RegExp[]): string | undefined {
  for (const pattern of patterns) {
    pattern.lastIndex = 0;
    const match = pattern.exec(text);
    pattern.lastIndex = 0;
    if (match?.[1]) return match[1];
  }
  return undefined;
}
