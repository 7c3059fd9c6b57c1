// The ticket's transcript as an agent wants to read it in the email. A shopper who answers a
// prompt with something the bot cannot use gets the same prompt again, and one who does not
// answer the summary with a yes or a no gets the whole summary again, so the recorded
// transcript can hold the same bot message many times. Here every shopper line stays, in order,
// and every bot line stays the first time it says something; a later bot line that says nothing
// new is left out, and the first one counts how often it was repeated.
//
// "Nothing new", kept simple enough to explain to an agent: the same text once whitespace is
// normalised, not counting a first sentence that starts with "Sorry" (the bot's apology for not
// understanding, e.g. "Sorry, I need a yes or a no, or tell me what to change. Here's what I'll
// send…", which dialogs/handoff.render.ts puts before the summary it repeats). A changed
// summary (a corrected name, email or message) is new, and stays.
import type { TranscriptLine } from '../../knowledge/handoff/handoff-ticket.types.js';

export interface ReadableLine extends TranscriptLine {
  /** How many later copies of this bot line were left out (0 for shopper lines). */
  repeats: number;
}

// "Sorry" up to the end of its sentence: a full stop, "!" or "?" followed by whitespace.
const LEADING_SORRY = /^sorry\b[^.!?]*[.!?]\s+/i;

/** What a bot line says, for comparing: whitespace normalised, a leading "Sorry, …" sentence aside. */
export function gistOf(text: string): string {
  const normalised = text.replace(/\s+/g, ' ').trim();
  const withoutSorry = normalised.replace(LEADING_SORRY, '');
  // A line that is only an apology is compared whole.
  return withoutSorry === '' ? normalised : withoutSorry;
}

/** The transcript with repeated bot lines left out; shopper lines are never dropped. */
export function readableTranscript(lines: readonly TranscriptLine[]): ReadableLine[] {
  const out: ReadableLine[] = [];
  // Each bot gist said so far, by the line that first said it.
  const firstSaid = new Map<string, ReadableLine>();
  for (const line of lines) {
    if (line.from === 'shopper') {
      out.push({ ...line, repeats: 0 });
      continue;
    }
    const gist = gistOf(line.text);
    const earlier = firstSaid.get(gist);
    if (earlier !== undefined) {
      earlier.repeats += 1;
      continue;
    }
    const kept: ReadableLine = { ...line, repeats: 0 };
    firstSaid.set(gist, kept);
    out.push(kept);
  }
  return out;
}
