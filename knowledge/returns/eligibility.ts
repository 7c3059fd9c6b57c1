// Return eligibility: the verdict a brand's own rules imply for one item
// of a verified order, with every reason that applies and the next steps. Pure: `now` is an
// argument and everything returned is plain JSON.
//
// How reasons decide the verdict: a rule the documents (or an operator setting) state and the
// item fails makes it not eligible, and the reasons are every such rule; otherwise a rule that
// cannot be decided here (the documents are silent, or the brand hands the case to a person)
// makes it "review", and the reasons are every such question; no reasons at all: eligible.
// Rules the documents do not state never produce "not eligible": they produce `policy_silent`.
//
// Readings of the documents, each kept deliberately narrow:
// - Damaged, defective and wrong-item returns are product issues. Where a brand states how it
//   handles such an issue (`returns.productIssues`) without a time limit, an unset return window
//   does not hold it up; a window the brand does state or set still applies.
// - james-avery-malls §4 "non-refundable unless defective": custom pieces that arrived damaged or
//   incorrect are not blocked either, since §3 covers every order that "arrives damaged,
//   defective, or incorrect".
// - kendra-scott-mall §2 "the 7-day window" for defective items counts from delivery.
// - Condition rules (generic-store §5) block ordinary returns; for a product issue the team
//   decides after inspecting, so an unmet condition there goes to review.
import { isOperatorSetting, type BrandProfile } from '../brands/brand-profile.schema.js';
import { isPastEndOfDay, localDate } from '../calendar/business-days.js';
import type { Source } from '../knowledge-base.types.js';
import type { Order, OrderItem } from '../orders/order.schema.js';
import { brandTimeZone } from '../orders/tracking-status.js';
import type { ItemCondition, ReturnReason, ReturnVerdict, ReturnVerdictReason, ReturnWish } from './return-verdict.types.js';
import { categoryOfWish } from '../handoff/issue-case.js';
import { urgencyOf, type HandoffUrgency } from '../handoff/urgency.js';
import { coversIssue, endOfSpan, PRODUCT_ISSUE_WISHES, returnWindowFor, windowWords, type ReturnsProfile } from './return-rules.js';
import { blockedOrderSteps, nextSteps, type Step } from './return-steps.js';
import { formatDate, isAre, policyDoesNot, sourceOf, uniqueSources } from '../wording.js';

export type { ReturnsProfile } from './return-rules.js';

export interface ReturnEligibilityInput {
  order: Order;
  /** One line of `order.items`. */
  item: OrderItem;
  condition: ItemCondition;
  wish: ReturnWish;
  profile: ReturnsProfile;
  /** The moment of the question (ISO instant); dates are compared in the brand's time zone. */
  now: string;
  /** How many units of the line go back; the whole line when absent. */
  quantity?: number;
  /** The shopper said it is urgent, which some brands honour. */
  shopperSaysUrgent?: boolean;
}

export interface ReturnAssessment {
  verdict: ReturnVerdict;
  /** Every section the reasons and next steps quote, for `channelData.support.sources`. */
  sources: Source[];
  /** Whether a person would get this case flagged urgent, and why: the handoff's own rule. */
  urgency: HandoffUrgency;
}

/** A reason and what it does to the verdict. */
export interface Finding extends ReturnVerdictReason {
  effect: 'blocks' | 'review';
}

export function assessReturn(input: ReturnEligibilityInput): ReturnAssessment {
  const { order, item, condition, wish, profile, now } = input;
  const quantity = checkedQuantity(input);
  const productIssue = PRODUCT_ISSUE_WISHES.includes(wish);
  const facts = { order, item, condition, wish, profile, now, productIssue, zone: brandTimeZone(profile) };

  const allFindings: Finding[] =
    order.status === 'cancelled'
      ? orderFindings(order)
      : [...orderFindings(order), ...itemFindings(facts), ...(order.status === 'delivered' ? deliveredFindings({ ...facts, order }) : [])];
  const blocking = allFindings.filter((finding) => finding.effect === 'blocks');
  // A "no" lists what makes it a no; questions for a person only matter when nothing does.
  const findings = blocking.length > 0 ? blocking : allFindings;
  const eligible = blocking.length > 0 ? false : findings.length > 0 ? 'review' : true;
  const reasons = findings.map(({ code, say, source }) => ({ code, say, ...(source ? { source } : {}) }));
  const found: ReturnVerdict = { eligible, reasons, nextSteps: [], orderNumber: order.orderNumber, item: { sku: item.sku, name: item.name }, condition, wish, productIssue };
  // The same call the ticket's flag comes from, on the case a handoff after this verdict carries.
  const urgency = urgencyOf(
    profile,
    { category: categoryOfWish(wish), verifiedOrder: order, returnVerdict: found, ...(input.shopperSaysUrgent === true ? { shopperSaysUrgent: true } : {}) },
    now,
  );
  const steps = nextSteps({ ...facts, eligible, quantity, urgency, window: order.status === 'delivered' ? returnWindowFor(order, profile, now) : { kind: 'none' } });
  const verdict: ReturnVerdict = { ...found, nextSteps: steps.map((step) => step.say) };
  return { verdict, sources: sourcesOf(findings, steps), urgency };
}

/** Orders nothing can be returned from yet (or any more): the reasons and next steps, else null. */
export function orderReturnBlock(order: Order, profile: ReturnsProfile): { reasons: ReturnVerdictReason[]; nextSteps: string[]; sources: Source[] } | null {
  if (order.status === 'delivered') return null;
  const findings = orderFindings(order);
  const steps = blockedOrderSteps(order, profile);
  return {
    reasons: findings.map(({ code, say, source }) => ({ code, say, ...(source ? { source } : {}) })),
    nextSteps: steps.map((step) => step.say),
    sources: sourcesOf(findings, steps),
  };
}

function checkedQuantity({ order, item, quantity }: ReturnEligibilityInput): number {
  if (!order.items.some((line) => line.sku === item.sku && line.name === item.name)) {
    throw new RangeError(`item ${item.sku} is not on order ${order.orderNumber}`);
  }
  if (quantity === undefined) return item.quantity;
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > item.quantity) {
    throw new RangeError(`quantity ${quantity} is not between 1 and the ${item.quantity} ordered`);
  }
  return quantity;
}

function finding(code: ReturnReason, effect: Finding['effect'], say: string, source?: Source): Finding {
  return { code, effect, say, ...(source ? { source } : {}) };
}

function orderFindings(order: Order): Finding[] {
  switch (order.status) {
    case 'cancelled':
      return [finding('cancelled', 'blocks', `Order ${order.orderNumber} was cancelled, so there is nothing to send back.`)];
    case 'processing':
      return [finding('not_delivered', 'blocks', `Order ${order.orderNumber} hasn't shipped yet, so there is nothing to send back yet.`)];
    case 'shipped':
      return [finding('not_delivered', 'blocks', `Order ${order.orderNumber} is still on its way, so a return can only start once it has been delivered.`)];
    case 'delivered':
      return [];
  }
}

interface Facts {
  order: Order;
  item: OrderItem;
  condition: ItemCondition;
  wish: ReturnWish;
  profile: ReturnsProfile;
  now: string;
  zone: string;
  productIssue: boolean;
}

/** Rules about the piece itself: they hold whatever the order's status. */
function itemFindings({ item, profile, productIssue }: Facts): Finding[] {
  const { finalSaleNonRefundable, customNonRefundableUnlessDefective } = profile.returns;
  const findings: Finding[] = [];
  if (item.finalSale) {
    findings.push(
      finalSaleNonRefundable
        ? finding('final_sale', 'blocks', `Items marked “Final Sale” are non-refundable, and the ${item.name} ${isAre(item.name)} marked Final Sale.`, sourceOf(finalSaleNonRefundable))
        : finding('policy_silent', 'review', `The ${item.name} ${isAre(item.name)} marked Final Sale, and ${policyDoesNot(profile)} say whether Final Sale items can be returned.`),
    );
  }
  if (item.personalized && !productIssue) {
    findings.push(
      customNonRefundableUnlessDefective
        ? finding('personalized', 'blocks', customNonRefundableUnlessDefective.say === undefined
          ? `Custom pieces are made to order, so they are non-refundable unless defective, and the ${item.name} ${isAre(item.name)} a custom piece.`
          : `${withoutStop(customNonRefundableUnlessDefective.say)}. The ${item.name} ${isAre(item.name)} personalized.`, sourceOf(customNonRefundableUnlessDefective))
        : finding('policy_silent', 'review', `The ${item.name} ${isAre(item.name)} personalized, and ${policyDoesNot(profile)} say whether personalized pieces can be returned.`),
    );
  }
  return findings;
}

function deliveredFindings(facts: Facts & { order: Order & { status: 'delivered' } }): Finding[] {
  return [...defectFindings(facts), ...windowFindings(facts), ...conditionFindings(facts)];
}

/** kendra-scott-mall §2: defective items reported within the 7-day window are urgent; later ones go to a person. */
function defectFindings({ order, item, wish, profile, now, zone }: Facts & { order: Order & { status: 'delivered' } }): Finding[] {
  const rule = profile.returns.defectReportWindow;
  if (wish !== 'defective' || !rule) return [];
  const endsOn = endOfSpan(order.deliveredAt, { min: rule.min, max: rule.max, unit: rule.unit }, zone);
  if (!isPastEndOfDay(now, endsOn, zone)) return [];
  const delivered = formatDate(localDate(order.deliveredAt, zone), zone, localDate(now, zone));
  return [
    finding(
      'defect_report_late',
      'review',
      `Defective items are handled as urgent when “reported within the ${rule.phrase} window”; the ${item.name} was delivered on ${delivered}, so this report is past that window and needs a person's review.`,
      sourceOf(rule),
    ),
  ];
}

function windowFindings({ order, wish, profile, now, zone, productIssue }: Facts & { order: Order & { status: 'delivered' } }): Finding[] {
  const window = returnWindowFor(order, profile, now);
  const today = localDate(now, zone);
  switch (window.kind) {
    case 'none':
      if (productIssue && coversIssue(profile, wish)) return [];
      return [finding('policy_silent', 'review', `${policyDoesNot(profile)} state a return window, and the store hasn't set one, so the team has to confirm the return is still in time.`)];
    case 'unknownStart':
      return [
        finding(
          'policy_silent',
          'review',
          window.reason === 'missingDate'
            ? `The order's date is missing, so I can't tell whether the return is still in time; the team has to confirm it.`
            : `${policyDoesNot(profile)} say when the ${windowWords(window.basis)} starts counting, and the store hasn't set it, so the team has to confirm the return is still in time.`,
        ),
      ];
    case 'window': {
      if (window.open) return [];
      const ended = formatDate(window.endsOn, zone, today);
      const from = window.startsFrom === 'delivery' ? 'the delivery date' : 'the order date';
      return window.basis.kind === 'policy'
        ? [finding('window_expired', 'blocks', `The ${windowWords(window.basis)} ended on ${ended}, counting from ${from}${startNote(profile)}.`, window.basis.source)]
        : [finding('window_expired', 'blocks', `The store's return window of ${windowWords(window.basis)} from ${from} ended on ${ended} (a store setting rather than a stated policy).`)];
    }
  }
}

const CONDITION_WORDS: Record<ItemCondition, string> = {
  unused_with_tags: 'is unused with its tags',
  unused_no_tags: 'no longer has its tags',
  worn: 'has been worn',
  damaged: 'is damaged',
};

function conditionFindings({ condition, wish, profile, productIssue }: Facts): Finding[] {
  const rule = profile.returns.conditions;
  // The damage is the reason for the return: it cannot count against it.
  if (condition === 'damaged' && (wish === 'damaged_on_arrival' || wish === 'defective')) return [];
  if (!rule) {
    if (productIssue || (condition !== 'worn' && condition !== 'damaged')) return [];
    const what = condition === 'worn' ? 'worn pieces' : 'damaged pieces';
    return [finding('policy_silent', 'review', `${policyDoesNot(profile)} say whether ${what} can be returned.`)];
  }
  const { requirements } = rule;
  const fails =
    (condition === 'worn' && (requirements.includes('unused') || requirements.includes('original_condition'))) ||
    (condition === 'unused_no_tags' && requirements.includes('tags_attached')) ||
    (condition === 'damaged' && (requirements.includes('original_condition') || requirements.includes('unused')));
  if (!fails) return [];
  const criteria = rule.quote.replace(/^\(|\)$/g, '');
  const base = `Returns must be “${criteria}”, and you said it ${CONDITION_WORDS[condition]}`;
  return productIssue
    ? [finding('condition', 'review', `${base}; since it's a problem with the item itself, the team decides after inspecting it.`, sourceOf(rule))]
    : [finding('condition', 'blocks', `${base}.`, sourceOf(rule))];
}

function sourcesOf(findings: readonly Finding[], steps: readonly Step[]): Source[] {
  return uniqueSources([...findings, ...steps].flatMap((part) => (part.source ? [part.source] : [])));
}

/** "Engraved items are final sale." → "Engraved items are final sale", to go on with ", and …". */
function withoutStop(sentence: string): string {
  return sentence.trim().replace(/[.!]+$/, '');
}

/** Said of a window the documents state but whose start only the store set. */
export function startNote(profile: Pick<BrandProfile, 'returns'>): string {
  return isOperatorSetting(profile.returns.windowStart) ? " (the store's own setting, since the policy doesn't say when it starts)" : '';
}
