import type { Source } from '../knowledge-base.types.js';

/** The `returnEligibility.reasons` codes (docs/contracts.md). */
export type ReturnReason =
  | 'window_expired'
  | 'final_sale'
  | 'personalized'
  | 'condition'
  | 'defect_report_late'
  | 'not_delivered'
  | 'cancelled'
  | 'policy_silent';

/** How the item is, in the shopper's words mapped to a choice. */
export type ItemCondition = 'unused_with_tags' | 'unused_no_tags' | 'worn' | 'damaged';

/** Why the shopper wants to return it. */
export type ReturnWish = 'changed_mind' | 'wrong_size' | 'damaged_on_arrival' | 'defective' | 'wrong_item';

export interface ReturnVerdictReason {
  code: ReturnReason;
  /** Plain words for the shopper (and the agent), naming the rule. */
  say: string;
  /** The policy section the rule comes from; absent for an operator setting. */
  source?: Source;
}

/** The verdict the returns flow gives and the handoff carries to the agents. */
export interface ReturnVerdict {
  eligible: true | false | 'review';
  reasons: ReturnVerdictReason[];
  /** Who pays return shipping, refund timing, RA number or account portal, confirmation by the team. */
  nextSteps: string[];
  orderNumber: string;
  item: { sku: string; name: string };
  condition: ItemCondition;
  wish: ReturnWish;
  /** Damaged, defective or wrong item: a case for the team, urgent where the brand says so. */
  productIssue: boolean;
}
