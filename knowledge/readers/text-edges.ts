// Trimming what a sentence puts around a word or at its end ("KS-100234.", "<jane@example.com>",
// "yes!!"), by walking the characters once from the edge: a pattern like /[.!?]+$/ looks for its
// run from every position of the text, which a long run of punctuation makes quadratic.

/** `text` without any of `chars` at its end. */
export function trimTrailing(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text.charAt(end - 1))) end -= 1;
  return text.slice(0, end);
}

/** `text` without any of `chars` at its start. */
export function trimLeading(text: string, chars: string): string {
  let start = 0;
  while (start < text.length && chars.includes(text.charAt(start))) start += 1;
  return text.slice(start);
}

/** Runs of whitespace as single spaces, the ends trimmed. */
export function collapseSpaces(text: string): string {
  return text.split(/\s+/).filter(Boolean).join(' ');
}
