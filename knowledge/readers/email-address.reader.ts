// The one reader of email addresses in what shoppers type: at a prompt ("<Jane@Example.com>."),
// inside a sentence ("my email is jane@example.com thanks") and by the understanding step. Read
// word by word, never by a pattern over the whole message, so its cost grows with the message
// and no message can make it stall. Addresses are returned lower-cased, as orders compare them.

import { trimLeading, trimTrailing } from './text-edges.js';

/** RFC 5321: a local part of at most 64 octets, an address of at most 254. */
export const MAX_LOCAL_PART = 64;
export const MAX_ADDRESS = 254;

// Characters an address never contains unquoted; control characters (C0 and C1) with them.
const LOCAL_PART = /^[^\s@<>()[\]\\,;:"\p{Cc}]+$/u;
const DOMAIN_LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;
const TOP_LEVEL = /^\p{L}{2,63}$/u;
// What a sentence puts around an address: brackets, quotes and closing punctuation.
const LEADING = '<("\'[';
const TRAILING = '>)"\'].,!?;:';
// Where one word ends and the next begins when looking inside a sentence.
const WORD_BREAK = /[\s,;]+/;

/** Whether `candidate`, exactly, is an email address. */
export function isEmailAddress(candidate: string): boolean {
  if (candidate.length > MAX_ADDRESS) return false;
  const at = candidate.indexOf('@');
  if (at <= 0 || at !== candidate.lastIndexOf('@')) return false;
  const local = candidate.slice(0, at);
  const labels = candidate.slice(at + 1).split('.');
  const top = labels.at(-1) ?? '';
  return (
    local.length <= MAX_LOCAL_PART &&
    LOCAL_PART.test(local) &&
    labels.length >= 2 &&
    labels.every((label) => DOMAIN_LABEL.test(label)) &&
    TOP_LEVEL.test(top)
  );
}

function bare(word: string): string {
  return trimTrailing(trimLeading(word.trim().replace(/^mailto:/i, ''), LEADING), TRAILING);
}

/** The whole message read as an email address ("<Jane@Example.com>."), lower-cased, if it is one. */
export function readEmail(text: string): string | undefined {
  const candidate = bare(text);
  return isEmailAddress(candidate) ? candidate.toLowerCase() : undefined;
}

/** The first email address anywhere in the message, lower-cased. */
export function findEmail(text: string): string | undefined {
  for (const word of text.split(WORD_BREAK)) {
    if (!word.includes('@')) continue;
    const found = readEmail(word);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** `text` with every email address in it replaced by a space. */
export function withoutEmails(text: string): string {
  return text
    .split(/(\s+)/)
    .map((word) => (word.includes('@') && readEmail(trimTrailing(word, ',;')) !== undefined ? ' ' : word))
    .join('');
}
