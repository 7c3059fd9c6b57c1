import type { Topic } from '../topics.js';
import { fromStatements, silent, stated, statementsOrFacts, type AnswerBuilder, type BrandContext, type Part } from './compose.js';
import { withHandoff } from './handoff-offer.js';

const ISSUE_NEXT = ['handoff.human', 'returns.start', 'returns.shipping'] as const;

export const productAnswers = {
  // Damaged, defective or wrong items lead to a handoff, urgent where the brand says so.
  'product.issue': (brand, report) => {
    const parts = statementsOrFacts(brand, 'product.issue', (brand.profile.returns.productIssues ?? []).map((fact) => ({ say: fact.say, from: [fact] })));
    if (parts.length === 0) return silent(brand, 'product.issue', 'what happens with damaged or wrong items', { next: ISSUE_NEXT });
    return withHandoff(brand, 'product.issue', parts, ['damaged', 'defective', 'wrong_item'], ISSUE_NEXT, report);
  },
  'product.info': fromStatements('product.info', 'anything about product details', ['product.care', 'handoff.human']),
  'product.care': fromStatements('product.care', 'anything about jewelry care', ['product.info', 'handoff.human']),
  'product.custom': (brand) => {
    const next = ['returns.policy', 'handoff.human'] as const;
    const parts = statementsOrFacts(brand, 'product.custom', [customRule(brand)]);
    return parts.length > 0 ? stated(brand, 'product.custom', parts, { next }) : silent(brand, 'product.custom', 'anything about custom or personalized pieces', { next });
  },
  'product.final_sale': fromStatements('product.final_sale', 'anything about final sale items', ['returns.policy', 'handoff.human']),
} satisfies Partial<Record<Topic, AnswerBuilder>>;

/** The brand's rule on returning personalized pieces, in its own terms, when brand.yaml states one. */
export function customRule(brand: BrandContext): Part | undefined {
  const rule = brand.profile.returns.customNonRefundableUnlessDefective;
  return rule?.say === undefined ? undefined : { say: rule.say, from: [rule] };
}
