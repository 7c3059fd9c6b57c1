import type { Topic } from '../topics.js';

export interface TopicScore {
  topic: Topic;
  /** 0..1 */
  confidence: number;
}

/** What the recognizer made of one shopper message. */
export interface Understanding {
  topic: Topic;
  confidence: number;
  /** Likeliest topics, best first, starting with `topic`; at most 5. */
  ranked: TopicScore[];
  /** Values found in the text, normalised as typed (no lookup happens here). */
  entities: {
    orderNumber?: string;
    email?: string;
  };
  /**
   * How likely the message's meaningful words lie outside a jewelry store's support, 0..1
   * (knowledge/understanding/out-of-scope-gate.ts); absent where a recognizer does not measure it.
   */
  outOfDomain?: number;
  /** The likeliest kind of small talk the message could be, and how likely it is small talk of that kind. */
  smallTalk?: { topic: 'greeting' | 'goodbye' | 'thanks' | 'help'; likelihood: number };
  /** The message's language, when it says enough to tell (knowledge/understanding/language.ts). */
  language?: LanguageReading;
  /** What the message ends as for the conversation's brand, once resolved; absent from the recognizer. */
  outcome?: QuestionOutcome;
}

/** What the shopper's language is, when a message says enough to tell. */
export interface LanguageReading {
  /** ISO 639-1, e.g. "es". */
  code: string;
  english: boolean;
}

/** A sentence of the brand's documents, quoted word for word. */
export interface QuotedPassage {
  document: string;
  /** The printed heading number without its trailing dot, or "intro". */
  section: string;
  text: string;
}

/** What one question ends as, for one brand (knowledge/understanding/resolve-question.ts). */
export type QuestionOutcome =
  /** The topic's composed answer answers it (or the topic starts a flow). */
  | { kind: 'topic'; topic: Topic; confidence: number }
  /** The documents say something more specific than the topic's answer, or no topic fits. */
  | { kind: 'passage'; topic: Topic; confidence: number; passages: QuotedPassage[] }
  /** Nothing a jewelry store's support does. */
  | { kind: 'out_of_scope'; confidence: number }
  /** Not sure: every option offered is plausible (possibly none). */
  | { kind: 'clarify'; options: TopicScore[] }
  /** Written in another language than English. */
  | { kind: 'not_english'; language: string };

export interface Recognizer {
  recognize(text: string): Promise<Understanding>;
  /** How many readings it remembers (0 or absent: none); what reads on top of it may remember as many. */
  readonly memoSize?: number;
}
