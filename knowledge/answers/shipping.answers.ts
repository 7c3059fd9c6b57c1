import { isOperatorSetting } from '../brands/brand-profile.schema.js';
import type { Topic } from '../topics.js';
import { formatDuration } from '../wording.js';
import { fromStatements, silent, stated, statementsFor, type AnswerBuilder } from './compose.js';
import { withHandoff } from './handoff-offer.js';

const TIMELINE_NEXT = ['order.tracking', 'shipping.cost', 'shipping.problem'] as const;
const PROBLEM_NEXT = ['handoff.human', 'order.tracking', 'contact.response_time'] as const;
const COST_NEXT = ['shipping.timeline', 'shipping.international', 'returns.shipping'] as const;

export const shippingAnswers = {
  'shipping.timeline': (brand) => {
    const { processing, delivery } = brand.profile.timelines;
    if (isOperatorSetting(processing) || isOperatorSetting(delivery)) {
      const defaults = isOperatorSetting(processing) && isOperatorSetting(delivery) && processing.value && delivery.value
        ? `Our team's default estimate is ${formatDuration(processing.value)} for processing and ${formatDuration(delivery.value)} for delivery, a store setting rather than stated policy`
        : undefined;
      return silent(brand, 'shipping.timeline', 'how long processing and delivery take', { next: TIMELINE_NEXT, ...(defaults ? { operatorNote: defaults } : {}) });
    }
    const say = `Orders are processed in ${formatDuration(processing)} and delivered in ${formatDuration(delivery)}.`;
    return stated(brand, 'shipping.timeline', [{ say, from: [processing, delivery] }, ...statementsFor(brand, 'shipping.timeline')], { next: TIMELINE_NEXT });
  },
  'shipping.cost': (brand) => {
    const parts = statementsFor(brand, 'shipping.cost');
    const terms = brand.profile.shippingTerms?.value;
    const after = terms ? `Our team's default shipping terms: ${terms} (a store setting rather than stated policy)` : undefined;
    if (parts.length === 0) return silent(brand, 'shipping.cost', 'what shipping costs', { next: COST_NEXT, ...(after ? { operatorNote: after } : {}) });
    return stated(brand, 'shipping.cost', parts, { next: COST_NEXT, ...(after ? { after } : {}) });
  },
  'shipping.international': fromStatements('shipping.international', 'anything about international shipping', ['shipping.timeline', 'shipping.cost', 'handoff.human']),
  // Late, missing or undeliverable parcels lead to a handoff, urgent where the brand says so.
  'shipping.problem': (brand, report) => {
    const parts = statementsFor(brand, 'shipping.problem');
    if (parts.length === 0) return silent(brand, 'shipping.problem', 'what happens with late or missing deliveries', { next: PROBLEM_NEXT });
    return withHandoff(brand, 'shipping.problem', parts, ['late', 'missing', 'undeliverable'], PROBLEM_NEXT, report);
  },
} satisfies Partial<Record<Topic, AnswerBuilder>>;
