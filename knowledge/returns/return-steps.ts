// The next steps of a return verdict, in the brand's own terms: who confirms eligibility, the RA
// number or the account portal where the brand uses them, the deadline, who pays return shipping,
// how long the refund takes and whether the case is urgent. Each step that rests on a policy names
// its section in its own words; what the store sets rather than states says so.
import { isOperatorSetting } from '../brands/brand-profile.schema.js';
import { localDate } from '../calendar/business-days.js';
import type { Source } from '../knowledge-base.types.js';
import type { Order, OrderItem } from '../orders/order.schema.js';
import type { HandoffUrgency } from '../handoff/urgency.js';
import { ISSUE_OF, windowWords, type ReturnsProfile, type ReturnWindowCheck } from './return-rules.js';
import type { ReturnVerdict, ReturnWish } from './return-verdict.types.js';
import { brandName, citeSource, formatDate, formatDuration, policyDoesNot, policyOf, sourceOf } from '../wording.js';

export interface Step {
  say: string;
  source?: Source;
}

export interface StepFacts {
  order: Order;
  item: OrderItem;
  wish: ReturnWish;
  profile: ReturnsProfile;
  now: string;
  zone: string;
  productIssue: boolean;
  eligible: ReturnVerdict['eligible'];
  /** Units going back, of `item.quantity`. */
  quantity: number;
  /** What the handoff would flag (knowledge/handoff/urgency.ts): told only where a policy says it. */
  urgency: HandoffUrgency;
  window: ReturnWindowCheck;
}

const BECAUSE: Readonly<Partial<Record<ReturnWish, string>>> = {
  damaged_on_arrival: 'since the item arrived damaged',
  defective: 'since the item is defective',
  wrong_item: 'since you were sent the wrong item',
};

export function nextSteps(facts: StepFacts): Step[] {
  const { profile, eligible, productIssue, item } = facts;
  const steps: Step[] = [...preCheck(facts)];
  if (eligible === false) {
    steps.push(...remedy(facts));
    steps.push({
      say: productIssue
        ? `A person on the team can still look at the problem with the ${item.name}.`
        : 'If you think something here is wrong, a person on the team can take a look.',
    });
    return steps;
  }
  const { returnAuthorization, accountPortalReturns } = profile.returns;
  if (returnAuthorization) {
    steps.push(stated('The team issues a Return Authorization (RA) number for the return', returnAuthorization, profile));
  }
  if (accountPortalReturns) {
    const portal = profile.channels.find((channel) => channel.kind === 'account_portal');
    const where = portal ? portal.say : 'through your account on the website';
    steps.push(stated(`You can start the return request ${where}`, accountPortalReturns, profile));
  }
  steps.push(...deadline(facts), ...remedy(facts), ...returnShipping(facts), refundTiming(facts), ...urgency(facts), ...quantityNote(facts));
  return steps;
}

/** Next steps for an order with nothing to return yet (or any more). */
export function blockedOrderSteps(order: Order, profile: ReturnsProfile): Step[] {
  switch (order.status) {
    case 'cancelled':
      return [{ say: 'If you have questions about the cancellation, a person on the team can help.' }];
    case 'processing': {
      const cancel = profile.statements['order.cancel']?.[0];
      return cancel
        ? [stated(`If you'd rather not receive it: ${cancel.say.replace(/\.$/, '')}`, cancel, profile)]
        : [{ say: "If you'd rather not receive it, a person on the team can tell you whether the order can still be cancelled." }];
    }
    case 'shipped':
      return [{ say: "Once it's delivered, ask me again and I'll check the return for you. In the meantime you can track the order." }];
    case 'delivered':
      return [];
  }
}

function stated(sentence: string, fact: { document: string; section: string }, profile: ReturnsProfile): Step {
  const source = sourceOf(fact);
  return { say: `${sentence} (${citeSource(source, profile, 'comma')}).`, source };
}

/** generic-store §5: the team confirms eligibility first, so any verdict here is a pre-check. */
function preCheck({ profile, eligible }: StepFacts): Step[] {
  const rule = profile.returns.confirmEligibilityFirst;
  if (!rule) return [];
  const channel = profile.channels.find((candidate) => candidate.kind === 'contact_form') ?? profile.channels[0];
  const how = channel ? ` ${channel.say}` : '';
  return eligible === false
    ? [stated(`This is a pre-check: the team confirms return eligibility, and you can still ask them${how}`, rule, profile)]
    : [stated(`This is a pre-check: the team confirms return eligibility first. Contact them${how} before sending anything, and they'll send a return guide with the return shipping address and the documents needed`, rule, profile)];
}

function deadline({ window, now, zone, profile }: StepFacts): Step[] {
  if (window.kind !== 'window' || !window.open) return [];
  const by = formatDate(window.endsOn, zone, localDate(now, zone));
  const from = window.startsFrom === 'delivery' ? 'the delivery date' : 'the order date';
  if (window.basis.kind === 'operator') {
    return [{ say: `Start the return by ${by}: the store's return window is ${windowWords(window.basis)} from ${from} (a store setting rather than a stated policy).` }];
  }
  return [{
    say: `Start the return by ${by}, the end of the ${windowWords(window.basis)} (${citeSource(window.basis.source, profile, 'comma')}), counted from ${from} (the store's own setting).`,
    source: window.basis.source,
  }];
}

/** How the brand says it handles this product issue, in its words. */
function remedy({ wish, profile }: StepFacts): Step[] {
  const issue = ISSUE_OF[wish];
  if (issue === undefined) return [];
  const fact = (profile.returns.productIssues ?? []).find((candidate) => candidate.issues.includes(issue));
  return fact ? [stated(fact.say.replace(/\.$/, ''), fact, profile)] : [];
}

function returnShipping({ wish, profile }: StepFacts): Step[] {
  const rule = profile.returns.returnShipping;
  const issue = ISSUE_OF[wish];
  const notStated: Step = { say: `${policyDoesNot(profile)} say who pays return shipping for this return; the team will tell you.` };
  if (!rule) return [notStated];
  if (issue !== undefined && rule.storePaysFor.includes(issue)) {
    // The remedy step already quotes the same sentence ("we cover all return shipping costs").
    const remedyQuote = (profile.returns.productIssues ?? []).find((fact) => fact.issues.includes(issue))?.quote;
    if (remedyQuote === rule.quote) return [];
    return [stated(`${brandName(profile)} covers the return shipping, ${BECAUSE[wish] ?? 'for this return'}`, rule, profile)];
  }
  if (issue === 'wrong_item' && rule.storePaysFor.includes('our_error')) {
    return [stated(`${brandName(profile)} covers the return shipping, since sending the wrong item is an error on its part`, rule, profile)];
  }
  if (issue !== undefined && rule.defaultPayer === 'customer') {
    // A product issue the rule does not name (generic-store: damage in transit is neither "a
    // product defect" nor plainly "an error on our part"): the team decides.
    return [stated('The store pays return shipping for product defects and its own errors; the team will confirm whether that covers this one', rule, profile)];
  }
  if (rule.defaultPayer === 'customer') return [stated('Return shipping is paid by you, since the return is not due to a defect or an error on the store\'s part', rule, profile)];
  if (rule.defaultPayer === 'store') return [stated(`${brandName(profile)} covers the return shipping`, rule, profile)];
  return [notStated];
}

function refundTiming({ profile }: StepFacts): Step {
  const { refund } = profile.timelines;
  if (isOperatorSetting(refund)) {
    return refund.value === null
      ? { say: `${policyDoesNot(profile)} say how long refunds take; the team will tell you.` }
      : { say: `The store's usual refund time is ${formatDuration(refund.value)} (a store setting rather than a stated policy).` };
  }
  return refund.startsAfter === 'return_inspected'
    ? stated(`Refunds are issued within ${refund.phrase} of the returned item being received and inspected`, refund, profile)
    : stated(`Refunds follow the ${refund.phrase} refund timeline`, refund, profile);
}

function urgency({ urgency, profile, eligible }: StepFacts): Step[] {
  const { cases } = profile.urgency;
  // A "no" ends the return here; operator-set urgency changes the flag, never what is said.
  if (!urgency.urgent || eligible === false || isOperatorSetting(cases) || urgency.basis?.kind !== 'policy') return [];
  if (urgency.because.every((reason) => reason === 'shopper_says_urgent')) {
    return [stated(`Since you say it's urgent, the team will see it marked “${urgency.word}”`, cases, profile)];
  }
  const what = cases.say ?? 'cases like this';
  return [stated(`Under ${policyOf(profile)}, ${what} are urgent matters, so the team prioritises this one`, cases, profile)];
}

function quantityNote({ item, quantity }: StepFacts): Step[] {
  if (item.quantity === 1) return [];
  return quantity === item.quantity
    ? [{ say: `This covers all ${item.quantity} units of the ${item.name} on the order.` }]
    : [{ say: `This covers ${quantity} of the ${item.quantity} units of the ${item.name} on the order; the others are not part of this return.` }];
}
