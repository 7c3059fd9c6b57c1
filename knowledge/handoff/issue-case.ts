// A shopper who reports a problem and then asks for a person should not have to explain it
// twice: the answer to the report keeps what it already knows for the handoff. What the problem
// is comes from the same reader the returns flow uses (knowledge/returns/return-answers.ts), so a
// "crushed" charm is a damaged delivery whichever way the shopper reaches the team.
import { readWish } from '../returns/return-answers.js';
import type { ReturnWish } from '../returns/return-verdict.types.js';
import { readDaysSinceDelivery } from '../readers/days-since.reader.js';
import type { Topic } from '../topics.js';
import type { HandoffCase, HandoffCategory } from './handoff-case.types.js';
import { saysItsUrgent } from './urgent-words.js';

const MISSING = /\b(missing|lost|never (arrived|came|got|received)|not (arrived|received|delivered)|didn'?t (arrive|come|get)|undeliverable|returned to sender|wrong address)\b/i;

/** How a return's reason is filed when it goes to a person. */
const CATEGORY_OF_WISH: Readonly<Record<ReturnWish, HandoffCategory>> = {
  changed_mind: 'return',
  wrong_size: 'return',
  damaged_on_arrival: 'damaged',
  defective: 'defective',
  wrong_item: 'wrong_item',
};

export function categoryOfWish(wish: ReturnWish): HandoffCategory {
  return CATEGORY_OF_WISH[wish];
}

/** The product problem the words describe (damaged, defective, wrong item), if any. */
function productProblem(text: string): HandoffCategory | undefined {
  const wish = readWish(text);
  return wish === 'damaged_on_arrival' || wish === 'defective' || wish === 'wrong_item' ? CATEGORY_OF_WISH[wish] : undefined;
}

function categoryOf(topic: Topic, text: string): HandoffCategory | undefined {
  switch (topic) {
    case 'product.issue':
      return productProblem(text) ?? 'defective';
    case 'shipping.problem':
      return MISSING.test(text) ? 'missing_package' : 'late_delivery';
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
  const days = readDaysSinceDelivery(text);
  return {
    category,
    description: text,
    ...(saysItsUrgent(text) ? { shopperSaysUrgent: true } : {}),
    ...(days === undefined ? {} : { daysSinceDelivery: days }),
  };
}

/** Categories that say nothing about the problem: the shopper's own words may say more. */
const UNSPECIFIC: readonly HandoffCategory[] = ['person_requested', 'other', 'misunderstood'];

/**
 * The category a shopper's own words give a handoff that was opened without one ("talk to a
 * person, my bracelet arrived broken"), so a damaged delivery is filed (and flagged) as one.
 */
export function categoryFromWords(current: HandoffCategory, text: string): HandoffCategory {
  if (!UNSPECIFIC.includes(current)) return current;
  return productProblem(text) ?? (MISSING.test(text) ? 'missing_package' : current);
}
