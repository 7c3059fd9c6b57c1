import { isOperatorSetting } from '../brands/brand-profile.schema.js';
import type { Topic } from '../topics.js';
import { formatDuration, policyDoesNot } from '../wording.js';
import { fromStatements, silent, stated, statementsFor, statementsOrFacts, type AnswerBuilder, type BrandContext, type Part } from './compose.js';
import { customRule } from './products.answers.js';

const POLICY_NEXT = ['returns.start', 'returns.shipping', 'refund.timeline'] as const;
const REFUND_NEXT = ['refund.status', 'returns.start'] as const;

export const returnAnswers = {
  // returns.start starts the returns flow; this is only what the policy says about starting one.
  'returns.start': fromStatements('returns.start', 'how to start a return', ['returns.policy', 'returns.shipping', 'refund.timeline']),
  'returns.policy': (brand) => {
    const { window } = brand.profile.returns;
    const parts: Part[] = isOperatorSetting(window) ? [] : [{ say: window.say, from: [window] }];
    parts.push(...statementsOrFacts(brand, 'returns.policy', [customRule(brand)]));
    if (parts.length === 0) {
      const note = isOperatorSetting(window) && window.value ? `Our team's default return window is ${formatDuration(window.value)}, a store setting rather than stated policy` : undefined;
      return silent(brand, 'returns.policy', 'what its return policy is', { next: POLICY_NEXT, ...(note ? { operatorNote: note } : {}) });
    }
    return stated(brand, 'returns.policy', parts, { next: POLICY_NEXT, after: windowNote(brand) });
  },
  'returns.shipping': (brand) => {
    const next = ['returns.start', 'refund.timeline', 'handoff.human'] as const;
    const parts = statementsOrFacts(brand, 'returns.shipping', [returnShippingRule(brand)]);
    return parts.length > 0 ? stated(brand, 'returns.shipping', parts, { next }) : silent(brand, 'returns.shipping', 'who pays for return shipping', { next });
  },
  'refund.timeline': (brand) => {
    const { refund } = brand.profile.timelines;
    if (isOperatorSetting(refund)) {
      const note = refund.value ? `Our team's default estimate is ${formatDuration(refund.value)}, a store setting rather than stated policy` : undefined;
      return silent(brand, 'refund.timeline', 'how long refunds take', { next: REFUND_NEXT, ...(note ? { operatorNote: note } : {}) });
    }
    const after = refund.startsAfter === 'return_inspected' ? ' of receiving and inspecting your return' : '';
    const say = `Refunds are issued within ${formatDuration(refund)}${after}.`;
    return stated(brand, 'refund.timeline', [{ say, from: [refund] }, ...statementsFor(brand, 'refund.timeline')], { next: REFUND_NEXT });
  },
  'refund.status': fromStatements('refund.status', "how to check a refund's status", ['refund.timeline', 'handoff.human']),
} satisfies Partial<Record<Topic, AnswerBuilder>>;

// What the documents leave open about the window, with the operator's default named as such.
function windowNote(brand: BrandContext): string {
  const { window, windowStart } = brand.profile.returns;
  if (isOperatorSetting(window)) {
    const fallback = window.value ? `; our team's default is ${formatDuration(window.value)}, a store setting rather than stated policy` : '';
    return `${policyDoesNot(brand.profile)} state a return window${fallback}.`;
  }
  const days = formatDuration(window);
  // A start the documents state is part of the window's own sentence, not a gap.
  if (!isOperatorSetting(windowStart)) return '';
  const start = windowStart.value === null ? '' : `; our team's default is to count from ${windowStart.value === 'delivery' ? 'delivery' : 'the order date'}`;
  return `${policyDoesNot(brand.profile)} say when the ${days} start${start}.`;
}

const ISSUE_WORDS = { damaged: 'arrived damaged', defective: 'is defective', wrong_item: 'is the wrong item', our_error: 'was the store’s error' } as const;

/** Who pays for return shipping, from brand.yaml's `returns.returnShipping` fact. */
function returnShippingRule(brand: BrandContext): Part | undefined {
  const rule = brand.profile.returns.returnShipping;
  if (rule === undefined) return undefined;
  const cases = rule.storePaysFor.map((issue) => ISSUE_WORDS[issue]);
  if (rule.defaultPayer === 'store') return { say: 'Return shipping is free: the store pays for it', from: [rule] };
  if (rule.defaultPayer === 'customer') {
    return { say: `The customer pays for return shipping${cases.length > 0 ? `, unless the item ${cases.join(' or ')}` : ''}`, from: [rule] };
  }
  return cases.length > 0 ? { say: `The store pays for return shipping when the item ${cases.join(' or ')}`, from: [rule] } : undefined;
}
