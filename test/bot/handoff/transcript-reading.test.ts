// The transcript as the email shows it (bot/handoff/transcript-reading.ts): every shopper line,
// each bot message once, repeats counted on the first.
import { describe, expect, it } from 'vitest';

import { gistOf, readableTranscript } from '../../../bot/handoff/transcript-reading.js';
import type { TranscriptLine } from '../../../knowledge/handoff/handoff-ticket.types.js';
import { NOT_A_NAME_TEXT, REPETITIVE_TRANSCRIPT, SUMMARY_TEXT } from './transcript-fixtures.js';

const count = (lines: readonly TranscriptLine[], pattern: RegExp) => lines.filter((line) => pattern.test(line.text)).length;

describe('readableTranscript', () => {
  it('is given a transcript with the summary three times and the name prompt four times', () => {
    expect(count(REPETITIVE_TRANSCRIPT, /Here's what I'll send/)).toBe(3);
    expect(count(REPETITIVE_TRANSCRIPT, /What\s+name\s+should\s+the\s+team\s+use/)).toBe(4);
  });

  const readable = readableTranscript(REPETITIVE_TRANSCRIPT);

  it('keeps every shopper line, in order, untouched', () => {
    expect(readable.filter((line) => line.from === 'shopper').map(({ at, from, text }) => ({ at, from, text }))).toEqual(
      REPETITIVE_TRANSCRIPT.filter((line) => line.from === 'shopper'),
    );
  });

  it('shows the summary once, counting the two repeats that only added "Sorry, …"', () => {
    const summaries = readable.filter((line) => /Here's what I'll send/.test(line.text));
    expect(summaries).toEqual([expect.objectContaining({ from: 'bot', text: SUMMARY_TEXT, repeats: 2 })]);
  });

  it('keeps the first ask and the first "didn\'t catch a name", leaving out its two repeats (one spaced differently)', () => {
    const prompts = readable.filter((line) => /What name should the team use/.test(line.text));
    expect(prompts.map((line) => [line.text, line.repeats])).toEqual([
      ["I'll pass this to a person on the Kendra Scott Mall team. First, a few details. What name should the team use for you?", 0],
      [NOT_A_NAME_TEXT, 2],
    ]);
  });

  it('reads as the conversation went: each bot line right after the shopper line it answered', () => {
    expect(readable.map((line) => `${line.from}: ${line.text.split('\n')[0]}`)).toEqual([
      'shopper: I need to talk to a person, my necklace never arrived',
      "bot: I'll pass this to a person on the Kendra Scott Mall team. First, a few details. What name should the team use for you?",
      'shopper: why do you need that',
      `bot: ${NOT_A_NAME_TEXT}`,
      'shopper: <script>alert(1)</script>',
      'shopper: ???',
      'shopper: Jane Doe',
      'bot: What email address should the team reply to?',
      'shopper: jane@example.com',
      "bot: Do you have an order number? It's in your order confirmation email. If you don't have one, just say so.",
      'shopper: KS-100234, paid with [card number removed]',
      "bot: In your own words, what do you need help with? (Please don't include card numbers.)",
      'shopper: My necklace never arrived <b>at all</b>',
      "bot: Here's what I'll send to the Kendra Scott Mall team:",
      'shopper: hmm',
      'shopper: what do you mean',
    ]);
    expect(readable).toHaveLength(REPETITIVE_TRANSCRIPT.length - 4);
  });

  it('keeps a summary that changed: a correction is something new', () => {
    const corrected = SUMMARY_TEXT.replace('jane@example.com', 'jane.doe@example.com');
    const lines: TranscriptLine[] = [
      ...REPETITIVE_TRANSCRIPT,
      { at: '2026-11-27T15:10:00.000Z', from: 'shopper', text: 'change my email to jane.doe@example.com' },
      { at: '2026-11-27T15:10:00.000Z', from: 'bot', text: `Got it, I've changed your email address. ${corrected}` },
    ];
    const summaries = readableTranscript(lines).filter((line) => /Here's what I'll send/.test(line.text));
    expect(summaries.map((line) => line.repeats)).toEqual([2, 0]);
    expect(summaries[1]?.text).toContain('jane.doe@example.com');
  });

  it('never drops a shopper line, even one said twice, and leaves a transcript without repeats as it is', () => {
    const lines: TranscriptLine[] = [
      { at: '2026-11-27T15:00:00.000Z', from: 'shopper', text: 'yes' },
      { at: '2026-11-27T15:00:00.000Z', from: 'bot', text: 'Which one?' },
      { at: '2026-11-27T15:01:00.000Z', from: 'shopper', text: 'yes' },
    ];
    expect(readableTranscript(lines)).toEqual(lines.map((line) => ({ ...line, repeats: 0 })));
    expect(readableTranscript([])).toEqual([]);
  });
});

describe('gistOf', () => {
  it('normalises whitespace and sets a leading "Sorry, …" sentence aside, nothing else', () => {
    expect(gistOf('  What email address\n should  the team reply to? ')).toBe('What email address should the team reply to?');
    expect(gistOf("Sorry, I need a yes or a no. Here's what I'll send")).toBe("Here's what I'll send");
    expect(gistOf('Sorry!')).toBe('Sorry!');
    expect(gistOf("Got it, I've changed your name. Sorry, one more thing.")).toBe("Got it, I've changed your name. Sorry, one more thing.");
  });
});
