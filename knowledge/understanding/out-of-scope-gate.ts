// What kind of message is it: a request a jewelry store's support answers, small talk (a
// greeting, a goodbye, thanks, "what can you do"), or something of another domain altogether? A
// naive Bayes reading of its words and word pairs, trained on the store's own words (the phrase
// table, the policy documents), small talk (the team's and CLINC150's) and the words of other
// domains (CLINC150's questions about weather, flights, recipes, banking…, and the team's own).
// A closed-set classifier sends a word it has never seen to whichever topic is largest; here a
// word no kind has seen counts as what it usually is: the store's vocabulary is small and repeats
// itself, other domains' is open-ended.
import { stem } from './stem.js';

export const MESSAGE_KINDS = ['request', 'greeting', 'goodbye', 'thanks', 'help', 'other'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export interface ScopeReading {
  /** How likely each kind is, summing to 1. */
  kinds: Readonly<Record<MessageKind, number>>;
  /** Whether any word or word pair of the message was usable at all. */
  evidence: boolean;
}

export interface ScopeGate {
  read(words: readonly string[]): ScopeReading;
}

export interface ScopeGateTraining {
  /** Normalized word lists per kind. */
  examples: Readonly<Record<MessageKind, Iterable<readonly string[]>>>;
}

/** Additive smoothing of every count. */
const SMOOTHING = 0.5;
/** No one feature moves a kind's log-likelihood by more than this against the average. */
const MAX_FEATURE_LOG_ODDS = 3;

export function createScopeGate(training: ScopeGateTraining): ScopeGate {
  // Words on their own and neighbouring pairs ("how are", "see you", "thank you"): with six kinds
  // to tell apart, even "how" and "you" say something.
  const features = (words: readonly string[]): string[] => {
    const found = new Set<string>();
    const stems = words.filter((word) => !/^\d+$/.test(word)).map(stem);
    // The message's first and last words are marked: small talk opens and closes its own way
    // ("have a…", "…bye"), questions of other domains theirs ("what is…", "how do I…").
    const marked = ['<', ...stems, '>'];
    marked.forEach((stemmed, index) => {
      if (index > 0 && index < marked.length - 1) found.add(stemmed);
      const next = marked[index + 1];
      if (next !== undefined && marked.length > 2) found.add(`${stemmed} ${next}`);
    });
    return [...found];
  };

  // Counted once per message: a feature's presence, not how often a message repeats it.
  const counts = MESSAGE_KINDS.map(() => new Map<string, number>());
  const totals = MESSAGE_KINDS.map(() => 0);
  MESSAGE_KINDS.forEach((kind, k) => {
    for (const words of training.examples[kind]) {
      for (const feature of features(words)) {
        counts[k]!.set(feature, (counts[k]!.get(feature) ?? 0) + 1);
        totals[k]! += 1;
      }
    }
  });
  const vocabulary = new Set(counts.flatMap((map) => [...map.keys()]));
  const denominators = totals.map((total) => total + SMOOTHING * (vocabulary.size + 1));
  // Good-Turing: the share of a kind's features seen only once is how often it meets a new one.
  const unseen = counts.map((map, k) => Math.log(([...map.values()].filter((n) => n === 1).length + SMOOTHING) / denominators[k]!));
  const centred = (row: number[]): Float64Array => {
    const mean = row.reduce((sum, value) => sum + value, 0) / row.length;
    return Float64Array.from(row, (value) => Math.max(-MAX_FEATURE_LOG_ODDS, Math.min(MAX_FEATURE_LOG_ODDS, value - mean)));
  };
  const unknownRow = centred(unseen);
  const rows = new Map<string, Float64Array>();
  for (const feature of vocabulary) {
    rows.set(feature, centred(counts.map((map, k) => Math.log(((map.get(feature) ?? 0) + SMOOTHING) / denominators[k]!))));
  }

  return {
    read(words) {
      const sums = new Float64Array(MESSAGE_KINDS.length);
      let evidence = false;
      for (const feature of features(words)) {
        const known = rows.get(feature);
        // An unknown pair of known words says little; an unknown word says what unknown words do.
        if (known === undefined && feature.includes(' ')) continue;
        evidence = true;
        const row = known ?? unknownRow;
        for (let k = 0; k < sums.length; k += 1) sums[k]! += row[k]!;
      }
      const max = Math.max(...sums);
      const exp = Array.from(sums, (value) => Math.exp(value - max));
      const total = exp.reduce((sum, value) => sum + value, 0);
      const kinds = Object.fromEntries(MESSAGE_KINDS.map((kind, k) => [kind, exp[k]! / total])) as Record<MessageKind, number>;
      return { kinds, evidence };
    },
  };
}
