// Order numbers and emails typed in free text, read by the one reader of each
// (knowledge/readers/): order numbers as typed (upper-cased, no leading "#"), emails lower-cased.
// Matching them to real orders happens elsewhere.
import { findEmail } from '../readers/email-address.reader.js';
import { findOrderNumber, withoutOrderNumbersOrEmails } from '../readers/order-number.reader.js';
import type { Understanding } from './understanding.types.js';

export type Entities = Understanding['entities'];

/** Finds the first order number and email in `text`. */
export function extractEntities(text: string): Entities {
  const entities: Entities = {};
  const email = findEmail(text);
  if (email !== undefined) entities.email = email;
  const orderNumber = findOrderNumber(text);
  if (orderNumber !== undefined) entities.orderNumber = orderNumber.typed;
  return entities;
}

/** `text` without its emails and order numbers, so they do not count as words. */
export function stripEntities(text: string): string {
  return withoutOrderNumbersOrEmails(text);
}
