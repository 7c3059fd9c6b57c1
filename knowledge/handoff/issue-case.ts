// A shopper who reports a problem and then asks for a person should not have to explain it
// twice: the answer to the report keeps what it already knows for the handoff. What the problem
// is comes from the Reading step (knowledge/reading/), the same reading the returns flow gets, so
// a "crushed" charm is a damaged delivery whichever way the shopper reaches the team.
import type { MessageFacts, Problem } from '../reading/reading.types.js';
import type { ReturnWish } from '../returns/return-verdict.types.js';
import type { Topic } from '../topics.js';
import type { HandoffCase, HandoffCategory } from './handoff-case.types.js';

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

/** The product problem (damaged, defective, wrong item) or delivery problem a reading found, as the team files it. */
function problemCategory(problem: Problem | undefined): HandoffCategory | undefined {
  switch (problem) {
    case 'damaged_on_arrival':
    case 'defective':
    case 'wrong_item':
      return CATEGORY_OF_WISH[problem];
    case 'missing_package':
      return 'missing_package';
    case 'late_delivery':
      return 'late_delivery';
    default:
      return undefined;
  }
}

function categoryOf(topic: Topic, facts: MessageFacts): HandoffCategory | undefined {
  const problem = problemCategory(facts.problem);
  switch (topic) {
    case 'product.issue':
      return problem === 'damaged' || problem === 'defective' || problem === 'wrong_item' ? problem : 'defective';
    case 'shipping.problem':
      return problem === 'missing_package' ? 'missing_package' : 'late_delivery';
    case 'complaint':
      return 'complaint';
    default:
      return undefined;
  }
}

/** The handoff case a reported problem opens (the shopper's words its description), or undefined for topics that report none. */
export function caseFromReport(topic: Topic, facts: MessageFacts, words: string): HandoffCase | undefined {
  const category = categoryOf(topic, facts);
  if (category === undefined) return undefined;
  return {
    category,
    description: words,
    ...(facts.urgent === true ? { shopperSaysUrgent: true } : {}),
    ...(facts.daysSinceDelivery === undefined ? {} : { daysSinceDelivery: facts.daysSinceDelivery }),
  };
}

/** Categories that say nothing about the problem: what the shopper's words report may say more. */
const UNSPECIFIC: readonly HandoffCategory[] = ['person_requested', 'other', 'misunderstood'];

/**
 * The category a handoff opened without one ("talk to a person, my bracelet arrived broken")
 * gets from the problem the shopper's words report, so a damaged delivery is filed (and flagged)
 * as one.
 */
export function categoryFromProblem(current: HandoffCategory, problem: Problem | undefined): HandoffCategory {
  if (!UNSPECIFIC.includes(current)) return current;
  const category = problemCategory(problem);
  return category === undefined || category === 'late_delivery' ? current : category;
}
