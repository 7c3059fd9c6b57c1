// "Can you send a ring to Norway and is it free?" asks two things. A message is cut where a new question
// starts: after a question mark or a sentence's end, and before "and"/"also"/"but" or a
// comma when a question word follows ("…and is it free", "…, how long does it take"), unless
// what comes before the comma only leads in ("quick question, how long does it take"). At most
// three questions; the rest stays with the third. "Is it silver or is it plated?" is one question.
// Pure and cheap: no model involved.

export const MAX_QUESTIONS = 3;

// Words that start a new question, and the connectives that may join it to the one before.
const QUESTION_STARTS = new Set([
  'is', 'are', 'do', 'does', 'did', 'can', 'could', 'will', 'would', 'should', 'may', 'how', 'what', 'when', 'where', 'who', 'whom',
  'why', 'which', 'whats', "what's", "where's", "how's", "when's",
]);
const CONNECTIVES = new Set(['and', 'also', 'but', 'plus']);
// A sentence's end: ? ! . followed by space ("shopper@example.com" and "e.g. silver" stay whole).
const SENTENCE_END = /(?<=[?!]|[^.\s]{2}\.)\s+(?=\S)/g;

function bareWord(word: string): string {
  return word.toLowerCase().replace(/[^a-z']/g, '');
}

/**
 * A sentence cut where a new question starts: before a question word that follows "and" /
 * "also" / "but" / "plus" or a comma ("…and is it free", "…, how long does it take"). Read word
 * by word, once.
 */
function splitAtJoints(sentence: string, joinLeadIns: boolean): string[] {
  const parts: string[][] = [[]];
  for (const word of sentence.split(/\s+/).filter(Boolean)) {
    const current = parts[parts.length - 1] ?? [];
    const previous = current.at(-1);
    if (previous !== undefined && QUESTION_STARTS.has(bareWord(word))) {
      const joined = CONNECTIVES.has(bareWord(previous));
      if (joined || (previous.endsWith(',') && !(joinLeadIns && leadsIn(current)))) {
        if (joined) {
          current.pop();
          // "…and also can it…"
          if (current.length > 0 && CONNECTIVES.has(bareWord(current.at(-1) ?? ''))) current.pop();
        }
        const last = current.length - 1;
        if (last >= 0) current[last] = (current[last] ?? '').replace(/,$/, '');
        parts.push([word]);
        continue;
      }
    }
    current.push(word);
  }
  return parts.map((words) => words.join(' ')).filter((part) => part !== '');
}

const MIN_WORDS = 2;
/**
 * Words of a lead-in at most: a few words before a comma that ask nothing of their own ("quick
 * question, …", "just checking, …", "one more thing, …") open the question after them rather than
 * being one. A longer lead says something ("my necklace arrived broken, what are my options").
 */
const LEAD_IN_WORDS = 3;

/** Words before a comma that only lead into the question after them. */
function leadsIn(words: readonly string[]): boolean {
  return words.length <= LEAD_IN_WORDS && !QUESTION_STARTS.has(bareWord(words[0] ?? ''));
}

/**
 * A one-word sentence opens a part of at least this many words rather than joining it (and a
 * greeting opens a question of this many words: knowledge/reading/read-message.ts).
 */
export const OPENED_WORDS = 3;
const SENTENCE_ENDS: ReadonlySet<string> = new Set(['!', '?', '.']);

/**
 * The questions of `text`, in order, at most three; a message asking one thing is one question.
 * `joinLeadIns`: a lead-in before a comma stays with the question it opens (outside a prompt; at
 * one, "forget it, …" lets the flow go and must stay apart from what follows).
 */
export function splitQuestions(text: string, joinLeadIns = false): string[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  const parts = trimmed
    .split(SENTENCE_END)
    .flatMap((sentence) => splitAtJoints(sentence, joinLeadIns))
    .map((part) => part.trim().replace(/^(?:and|also|but|plus)\s+/i, ''))
    .filter((part) => part !== '');
  // A fragment too short to ask anything ("thanks.", "ok") stays with its neighbour, but a word
  // that ends a sentence of its own before a question ("hiya! is gift wrap a thing?") opens it:
  // read whole, the greeting would drown the question.
  const questions: string[] = [];
  for (const part of parts) {
    const words = part.split(/\s+/).length;
    const last = questions.length - 1;
    const previous = questions[last] ?? '';
    const opens = SENTENCE_ENDS.has(previous.at(-1) ?? '') && words >= OPENED_WORDS;
    if (last >= 0 && (words < MIN_WORDS || (previous.split(/\s+/).length < MIN_WORDS && !opens))) {
      questions[last] = `${questions[last]} ${part}`;
    } else {
      questions.push(part);
    }
  }
  if (questions.length <= MAX_QUESTIONS) return questions;
  return [...questions.slice(0, MAX_QUESTIONS - 1), questions.slice(MAX_QUESTIONS - 1).join(' ')];
}
