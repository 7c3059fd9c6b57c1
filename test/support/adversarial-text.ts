// Messages built to make a backtracking regular expression take its worst path: a keyword one of
// Clasp's readers looks for, then about 2 KB of what may follow it (spaces, tabs, digits,
// separators) and a character that ends the match. Under the message limit, so they are read.

import { MAX_MESSAGE_CHARS } from '../../dialogs/conversation.turn.js';

/** Every word or sign a reader of shopper text keys on. */
export const KEYWORDS = [
  'purchase', 'order', 'invoice', 'ref', 'reference', '#', 'order number', 'order no.', 'order id', 'purchase num',
  'to purchase', 'i order', 'please order', 'my order', 'order a', 'in order to', 'make a purchase',
  'cvv', 'cvc2', 'cid', 'security code', 'card verification value', '3-digit code', 'exp', 'expiry date', 'expires',
  'valid thru', 'pin', 'pin code', 'password', 'passcode', 'ssn', 'social security number',
  '12', '12 times', '3 plus', '4 divided by', '2 to the power of', '1.5',
  'email', 'e-mail', 'jane@', 'my name is', 'name:', 'hi, my name is', "it's", 'urgent', 'not', 'not in a', 'no rush',
  'talk to a person', 'help', 'yes', 'no', 'cancel', 'start over', 'thanks', 'sorry', 'um', 'change my', 'KS-', 'card',
];

/** What follows the keyword, repeated to the limit. */
export const FILLERS = [' ', '\t', ' \t', '1', '1 ', '1-', '1.', '-', '.', '/', '_', ':', '#', ' -', '!', '?', ',', 'a', '@', '1\u00a0', '\n', 'x '];

/** `keyword`, then `filler` up to the message limit, then a character no pattern wants next. */
export function adversarial(keyword: string, filler: string, length = MAX_MESSAGE_CHARS): string {
  const head = `${keyword}${filler}`;
  const body = head + filler.repeat(Math.ceil((length - head.length) / filler.length));
  return `${body.slice(0, length - 1)}\u2603`;
}

/** Every keyword with every filler, and each filler alone. */
export function adversarialMessages(length = MAX_MESSAGE_CHARS): Array<{ label: string; text: string }> {
  const messages = FILLERS.map((filler) => ({ label: `${JSON.stringify(filler)} alone`, text: adversarial('', filler, length) }));
  for (const keyword of KEYWORDS) {
    for (const filler of FILLERS) messages.push({ label: `${JSON.stringify(keyword)} + ${JSON.stringify(filler)}`, text: adversarial(keyword, filler, length) });
  }
  return messages;
}
