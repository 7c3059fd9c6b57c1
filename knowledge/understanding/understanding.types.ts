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
}

export interface Recognizer {
  recognize(text: string): Promise<Understanding>;
}
