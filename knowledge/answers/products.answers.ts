import type { Topic } from '../topics.js';
import { fromStatements, silent, statementsFor, type AnswerBuilder } from './compose.js';
import { withHandoff } from './handoff-offer.js';

const ISSUE_NEXT = ['handoff.human', 'returns.start', 'returns.shipping'] as const;

export const productAnswers = {
  // Damaged, defective or wrong items lead to a handoff, urgent where the brand says so.
  'product.issue': (brand, report) => {
    const parts = statementsFor(brand, 'product.issue');
    if (parts.length === 0) return silent(brand, 'product.issue', 'what happens with damaged or wrong items', { next: ISSUE_NEXT });
    return withHandoff(brand, 'product.issue', parts, ['damaged', 'defective', 'wrong_item'], ISSUE_NEXT, report);
  },
  'product.info': fromStatements('product.info', 'anything about product details', ['product.care', 'handoff.human']),
  'product.care': fromStatements('product.care', 'anything about jewelry care', ['product.info', 'handoff.human']),
  'product.custom': fromStatements('product.custom', 'anything about custom or personalized pieces', ['returns.policy', 'handoff.human']),
  'product.final_sale': fromStatements('product.final_sale', 'anything about final sale items', ['returns.policy', 'handoff.human']),
} satisfies Partial<Record<Topic, AnswerBuilder>>;
