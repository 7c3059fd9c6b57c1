import type { BrandId } from './brand-ids.js';
import type { Topic } from './topics.js';

/** A policy section an answer quotes: an item of `channelData.support.sources` (docs/contracts.md). */
export interface Source {
  /** Document id: the file name without `.txt` or `.md`, e.g. `customer-service-policy`. */
  document: string;
  /**
   * The printed heading number without its trailing dot (`"3"`, `"2.1"`); `"intro"` before the
   * first heading; an unnumbered Markdown heading's words joined by hyphens (`"urgent-problems"`).
   */
  section: string;
}

export interface Answer {
  topic: Topic;
  /** The direct answer first (the figure or action the shopper needs), then the source named. */
  text: string;
  sources: Source[];
  /** False when the brand's documents are silent on the topic: the text says so plainly and offers a person. */
  stated: boolean;
  /** Topics worth offering next as suggested actions, at most 3. */
  next: Topic[];
}

/** What the bot and dialogs need of a brand; the full profile lives in knowledge/brands. */
export interface BrandSummary {
  id: BrandId;
  displayName: string;
}

export interface KnowledgeBase {
  readonly brandIds: readonly BrandId[];
  brand(id: BrandId): BrandSummary;
  answer(brand: BrandId, topic: Topic): Answer;
}
