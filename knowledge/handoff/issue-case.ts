import type { Topic } from '../topics.js';
import type { HandoffCase, HandoffCategory } from './handoff-case.types.js';
import { saysItsUrgent } from './urgent-words.js';

// A shopper who reports a problem and then asks for a person should not have to explain it
// twice: the answer to the report keeps what it already knows for the handoff.

const DAMAGED = /\b(damag\w*|broke|broken|crack\w*|scratch\w*|bent|snapp\w*|tarnish\w*|fell apart|chipped)\b/i;
const WRONG = /\b(wrong|incorrect|not what i ordered|different (item|one)|someone else'?s)\b/i;
const MISSING = /\b(missing|lost|never (arrived|came|got|received)|not (arrived|received|delivered)|didn'?t (arrive|come|get))\b/i;
const UNDELIVERABLE = /\b(undeliverable|returned to sender|wrong address)\b/i;

function categoryOf(topic: Topic, text: string): HandoffCategory | undefined {
  switch (topic) {
    case 'product.issue':
      return WRONG.test(text) ? 'wrong_item' : DAMAGED.test(text) ? 'damaged' : 'defective';
    case 'shipping.problem':
      return MISSING.test(text) || UNDELIVERABLE.test(text) ? 'missing_package' : 'late_delivery';
    case 'complaint':
      return 'complaint';
    default:
      return undefined;
  }
}

/** The handoff case a reported problem opens, or undefined for topics that report none. */
export function caseFromReport(topic: Topic, text: string): HandoffCase | undefined {
  const category = categoryOf(topic, text);
  if (category === undefined) return undefined;
  return { category, description: text, ...(saysItsUrgent(text) ? { shopperSaysUrgent: true } : {}) };
}

/** Categories that say nothing about the problem: the shopper's own words may say more. */
const UNSPECIFIC: readonly HandoffCategory[] = ['person_requested', 'other', 'misunderstood'];

/**
 * The category a shopper's own words give a handoff that was opened without one ("talk to a
 * person, my bracelet arrived broken"), so a damaged delivery is filed (and flagged) as one.
 */
export function categoryFromWords(current: HandoffCategory, text: string): HandoffCategory {
  if (!UNSPECIFIC.includes(current)) return current;
  if (WRONG.test(text)) return 'wrong_item';
  if (DAMAGED.test(text)) return 'damaged';
  if (MISSING.test(text) || UNDELIVERABLE.test(text)) return 'missing_package';
  return current;
}
