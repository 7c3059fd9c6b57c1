// What a flow learned, in one paragraph for the agent, so a handoff that follows a flow does not
// ask the shopper to explain again: the late order with its dates, the return verdict, the lookup
// that could not be done. The shopper is then only asked whether they want to add anything.
import type { BrandProfile } from '../brands/brand-profile.schema.js';
import { describeTracking, brandTimeZone } from '../orders/tracking-status.js';
import { formatDate } from '../wording.js';
import type { HandoffCase } from './handoff-case.types.js';

export type SummaryProfile = Pick<BrandProfile, 'timeZone' | 'timelines' | 'returns'>;

const VERDICT_WORDS = { true: 'eligible', false: 'not eligible', review: 'needs the team to review it' } as const;

/** The paragraph, or undefined when the flow learned nothing the shopper's own words would not say. */
export function summarizeCase(handoffCase: HandoffCase, profile: SummaryProfile, at: string): string | undefined {
  const order = handoffCase.verifiedOrder;
  const zone = brandTimeZone(profile);
  const verdict = handoffCase.returnVerdict;
  if (verdict !== undefined) {
    const item = `the ${verdict.item.name} (${verdict.item.sku}) of order ${verdict.orderNumber}`;
    return `Return check for ${item}: ${VERDICT_WORDS[String(verdict.eligible) as keyof typeof VERDICT_WORDS]}. Condition: ${verdict.condition.replace(/_/g, ' ')}; reason: ${verdict.wish.replace(/_/g, ' ')}.`;
  }
  switch (handoffCase.category) {
    case 'late_delivery':
    case 'not_shipped': {
      if (order === undefined) return undefined;
      const status = describeTracking(order, profile, at);
      if (status.status === 'late') {
        return `Order ${order.orderNumber} is running late: it shipped with ${status.carrier} (tracking ${status.trackingNumber}) and was expected between ${formatDate(status.deliveryBetween.earliest, zone)} and ${formatDate(status.deliveryBetween.latest, zone)}, and it has not been delivered.`;
      }
      if (status.status === 'processing' && status.shipBy !== null) {
        return `Order ${order.orderNumber} has not shipped yet; it was expected to ship by ${formatDate(status.shipBy, zone)}.`;
      }
      return `Order ${order.orderNumber} is ${order.status}.`;
    }
    case 'other':
      return order?.status === 'cancelled' ? `Order ${order.orderNumber} shows as cancelled; the shopper asks about it.` : undefined;
    case 'lookup_failed':
      return 'The shopper could not verify their order with the assistant (the order number and email did not match, or they did not have them).';
    default:
      return undefined;
  }
}
