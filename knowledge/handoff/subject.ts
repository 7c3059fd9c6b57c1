// The handoff email's subject, as the brand's documents ask for it, and in one shape agents can
// sort by: the marker, the category, the order whenever one is known, the name.
//   urgent      "URGENT: Damaged delivery — order KS-100234 — Jane Doe" (the brand's own word, once)
//   not urgent  "Support request: Late delivery — order KS-100235 — Jane Doe"
//   escalation  "Escalation: <summary>" to the §6 address (james-avery-artisan)
// The category names the case, never the shopper's words cut short: those are in the body.
// Every part is one line of plain text with secrets removed: subjects travel through mail
// servers and inbox previews that nobody redacts afterwards.
import { trimTrailing } from '../readers/text-edges.js';
import type { BrandProfile } from '../brands/brand-profile.schema.js';
import type { Source } from '../knowledge-base.types.js';
import type { HandoffCategory } from './handoff-case.types.js';
import { redactSecrets } from './redaction.js';
import type { HandoffUrgency } from './urgency.js';

export const CATEGORY_LABELS: Readonly<Record<HandoffCategory, string>> = {
  person_requested: 'Question for the team',
  late_delivery: 'Late delivery',
  missing_package: 'Missing shipment',
  not_shipped: 'Order not shipped',
  damaged: 'Damaged delivery',
  defective: 'Defective item',
  wrong_item: 'Incorrect order',
  return: 'Return request',
  order_change: 'Order change request',
  cancellation: 'Cancellation request',
  complaint: 'Complaint',
  escalation: 'Escalation',
  misunderstood: 'Question the assistant could not answer',
  lookup_failed: 'Order lookup',
  other: 'General question',
};

const SUBJECT_SUMMARY_CHARS = 60;
const NAME_CHARS = 60;

/** One line of plain text: control characters and line breaks gone, spaces collapsed, secrets removed. */
export function oneLine(text: string): string {
  return redactSecrets(text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')).replace(/\s+/g, ' ').trim();
}

function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  // The cut may fall just before a space: then its last word is whole.
  const space = text.charAt(max - 1) === ' ' ? cut.length : cut.lastIndexOf(' ');
  // Entered only where a run of trailing marks starts: linear however long the run.
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/(?<![\s,;:.-])[\s,;:.-]+$/, '')}…`;
}

/** A short summary of what the shopper wrote: its first sentence, clipped at a word. */
export function issueSummary(description: string, max = SUBJECT_SUMMARY_CHARS): string {
  const line = oneLine(description);
  const first = /^(.+?[.!?])(?:\s|$)/.exec(line)?.[1] ?? line;
  const summary = clip(trimTrailing(first, '.!?'), max);
  return summary.charAt(0).toUpperCase() + summary.slice(1);
}

export interface SubjectFacts {
  category: HandoffCategory;
  urgency: Pick<HandoffUrgency, 'urgent' | 'word'>;
  customerName: string;
  orderNumber?: string | null;
}

export function handoffSubject(facts: SubjectFacts): string {
  const label = CATEGORY_LABELS[facts.category];
  const name = clip(oneLine(facts.customerName), NAME_CHARS);
  const order = facts.orderNumber ? ` — order ${oneLine(facts.orderNumber)}` : '';
  const marker = facts.urgency.urgent ? oneLine(facts.urgency.word) : 'Support request';
  return `${marker}: ${label}${order} — ${name}`;
}

/** Where an escalation goes and how, in the brand's own terms (james-avery-artisan §6). */
export interface EscalationRoute {
  to: string;
  subject: string;
  source: Source;
  /** "1 business day" to review, "2-3 business days" to resolve. */
  review: string;
  resolution: string;
}

/**
 * The brand's escalation path for a shopper not satisfied with a resolution, or null when the
 * case is not an escalation or the brand states no path. The subject follows the brand's
 * template, "Escalation: [Your Issue Summary]".
 */
export function escalationRoute(
  profile: Pick<BrandProfile, 'escalation'>,
  category: HandoffCategory,
  description: string | null | undefined,
): EscalationRoute | null {
  const escalation = profile.escalation;
  if (category !== 'escalation' || escalation === undefined) return null;
  const summary = description ? issueSummary(description, 70) : 'Not satisfied with the resolution';
  const template = escalation.contact.subject;
  const subject = /\[[^\]]*\]/.test(template) ? template.replace(/\[[^\]]*\]/, summary) : `${template} ${summary}`;
  return {
    to: escalation.contact.address,
    subject,
    source: { document: escalation.contact.document, section: escalation.contact.section },
    review: escalation.timing.review.phrase,
    resolution: escalation.timing.resolution.phrase,
  };
}
