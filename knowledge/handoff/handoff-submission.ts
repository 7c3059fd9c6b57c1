// From what the handoff flow has gathered to what it submits and what the shopper confirms. Pure:
// the brand's profile decides urgency, subject and escalation route; `at` (the confirming turn)
// decides time windows such as "defective items reported within the 7-day window".
import type { BrandId } from '../brand-ids.js';
import type { BrandProfile } from '../brands/brand-profile.schema.js';
import { normalizeOrderNumber } from '../orders/order-matching.js';
import type { Order } from '../orders/order.schema.js';
import type { ReturnVerdict } from '../returns/return-verdict.types.js';
import type { HandoffCategory } from './handoff-case.types.js';
import type { HandoffSubmission } from './handoff-ticket.types.js';
import { redactSecrets } from './redaction.js';
import { replyBy } from './reply-by.js';
import { escalationRoute, handoffSubject, oneLine, type EscalationRoute } from './subject.js';
import { urgencyOf } from './urgency.js';

const MAX_NAME_CHARS = 80;
const MAX_DESCRIPTION_CHARS = 2_000;

/** What the flow knows so far; null where it has not been given yet. */
export interface HandoffFacts {
  brand: BrandId;
  category: HandoffCategory;
  shopperSaysUrgent: boolean;
  verifiedOrder: Order | null;
  returnVerdict: ReturnVerdict | null;
  /** What the shopper said about how long ago the order arrived, in days, when no verified order tells. */
  daysSinceDelivery: number | null;
  name: string | null;
  email: string | null;
  orderNumber: string | null;
  /** The shopper's own words. */
  description: string | null;
  /** What the bot learned in the flow before the handoff, for the agent; the shopper's words add to it. */
  summary: string | null;
  /** Every message of the shopper's since the handoff began, redacted, in order. */
  shopperWrote: readonly string[];
}

export type SubmissionProfile = Pick<BrandProfile, 'urgency' | 'returns' | 'timeZone' | 'escalation' | 'replyTime' | 'hours'>;

/** What the shopper confirms before anything is sent. */
export interface HandoffSummary {
  name: string;
  email: string;
  orderNumber: string | null;
  orderVerified: boolean;
  description: string;
  category: HandoffCategory;
  urgent: boolean;
  /** The brand's documents call this case urgent: the shopper may be told it is flagged. */
  urgentByPolicy: boolean;
  escalation: EscalationRoute | null;
}

export function buildSubmission(facts: HandoffFacts, profile: SubmissionProfile, at: string): HandoffSubmission {
  const urgency = urgencyOf(
    profile,
    {
      category: facts.category,
      shopperSaysUrgent: facts.shopperSaysUrgent,
      ...(facts.verifiedOrder === null ? {} : { verifiedOrder: facts.verifiedOrder }),
      ...(facts.returnVerdict === null ? {} : { returnVerdict: facts.returnVerdict }),
      ...(facts.daysSinceDelivery === null ? {} : { daysSinceDelivery: facts.daysSinceDelivery }),
      ...(facts.description === null ? {} : { description: facts.description }),
    },
    at,
  );
  const escalation = escalationRoute(profile, facts.category, facts.description);
  const name = facts.name ?? '';
  const description = [facts.summary, facts.description].filter((part) => part !== null && part !== '').join('\n\n');
  return {
    brand: facts.brand,
    category: facts.category,
    urgency,
    subject:
      escalation?.subject ??
      handoffSubject({ category: facts.category, urgency, customerName: name, orderNumber: facts.orderNumber }),
    customer: { name, email: facts.email ?? '' },
    orderNumber: facts.orderNumber,
    verifiedOrder: facts.verifiedOrder,
    returnVerdict: facts.returnVerdict,
    description,
    shopperWrote: [...facts.shopperWrote],
    escalation,
    expectation: replyBy(profile, at),
  };
}

export function summarize(submission: HandoffSubmission): HandoffSummary {
  return {
    name: submission.customer.name,
    email: submission.customer.email,
    orderNumber: submission.orderNumber,
    orderVerified: submission.verifiedOrder !== null,
    description: submission.description,
    category: submission.category,
    urgent: submission.urgency.urgent,
    urgentByPolicy: submission.urgency.urgent && submission.urgency.basis?.kind === 'policy',
    escalation: submission.escalation,
  };
}

/** A name as it will be shown and emailed: one line, bounded; null when nothing is left. */
export function cleanName(name: string | null | undefined): string | null {
  const line = name ? oneLine(name).slice(0, MAX_NAME_CHARS) : '';
  return line === '' ? null : line;
}

/** The shopper's words with secrets removed, bounded; null when empty. */
export function cleanDescription(text: string | null | undefined): string | null {
  const clean = text ? redactSecrets(text).trim().slice(0, MAX_DESCRIPTION_CHARS) : '';
  return clean === '' ? null : clean;
}

/** An order number for people to read: one line, upper case, no leading "#". */
export function cleanOrderNumber(orderNumber: string | null | undefined): string | undefined {
  const clean = orderNumber ? oneLine(orderNumber).replace(/^#\s*/, '').toUpperCase() : '';
  return normalizeOrderNumber(clean) === '' ? undefined : clean;
}
