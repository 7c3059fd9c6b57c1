// How a shopper's typed order number and email are compared with an order's (docs/contracts.md,
// "Orders file"). Pure, so the tracking machine and every order source agree on what "the same" means.

// Phones and word processors turn "-" into look-alike dashes; shoppers paste what they see.
const SEPARATORS = /[\s\-\u2010-\u2015\u2212]/gu;

/**
 * The canonical form of an order number: case ignored, a leading `#`, spaces and hyphens removed
 * ("#ks 100234", "KS-100234" and "ks100234" are all "KS100234"). NFKC first, so full-width
 * characters from some mobile keyboards compare equal to their ASCII forms. An empty result means
 * the input held no order number at all.
 */
export function normalizeOrderNumber(orderNumber: string): string {
  return orderNumber.normalize('NFKC').trim().replace(/^#+/u, '').replace(SEPARATORS, '').toUpperCase();
}

/** Whether two order numbers are the same after normalisation (empty never matches). */
export function orderNumbersMatch(a: string, b: string): boolean {
  const normalized = normalizeOrderNumber(a);
  return normalized !== '' && normalized === normalizeOrderNumber(b);
}

/** Whether two emails are the same, trimmed and case-insensitively (empty never matches). */
export function emailsMatch(a: string, b: string): boolean {
  const left = a.trim().toLowerCase();
  return left !== '' && left === b.trim().toLowerCase();
}
