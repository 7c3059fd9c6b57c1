import { isOperatorSetting } from '../brands/brand-profile.schema.js';
import type { Topic } from '../topics.js';
import { formatDuration, policyDoesNot } from '../wording.js';
import { fromStatements, silent, stated, statementsFor, type AnswerBuilder, type BrandContext, type Part } from './compose.js';

const POLICY_NEXT = ['returns.start', 'returns.shipping', 'refund.timeline'] as const;
const REFUND_NEXT = ['refund.status', 'returns.start'] as const;

export const returnAnswers = {
  // returns.start starts the returns flow; this is only what the policy says about starting one.
  'returns.start': fromStatements('returns.start', 'how to start a return', ['returns.policy', 'returns.shipping', 'refund.timeline']),
  'returns.policy': (brand) => {
    const { window } = brand.profile.returns;
    const parts: Part[] = isOperatorSetting(window) ? [] : [{ say: window.say, from: [window] }];
    parts.push(...statementsFor(brand, 'returns.policy'));
    if (parts.length === 0) {
      const note = isOperatorSetting(window) && window.value ? `Our team's default return window is ${formatDuration(window.value)}, a store setting rather than stated policy` : undefined;
      return silent(brand, 'returns.policy', 'what its return policy is', { next: POLICY_NEXT, ...(note ? { operatorNote: note } : {}) });
    }
    return stated(brand, 'returns.policy', parts, { next: POLICY_NEXT, after: windowNote(brand) });
  },
  'returns.shipping': fromStatements('returns.shipping', 'who pays for return shipping', ['returns.start', 'refund.timeline', 'handoff.human']),
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
  const start = windowStart.value === null ? '' : `; our team's default is to count from ${windowStart.value === 'delivery' ? 'delivery' : 'the order date'}`;
  return `${policyDoesNot(brand.profile)} say when the ${days} start${start}.`;
}
