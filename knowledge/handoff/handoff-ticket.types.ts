import type { BrandId } from '../brand-ids.js';
import type { Order } from '../orders/order.schema.js';
import type { ReturnVerdict } from '../returns/return-verdict.types.js';
import type { HandoffCategory } from './handoff-case.types.js';
import type { ReplyExpectation } from './reply-by.js';
import type { EscalationRoute } from './subject.js';
import type { HandoffUrgency } from './urgency.js';

/**
 * What the handoff flow hands to the `submitHandoff` effect: everything the ticket needs except
 * the transcript, the id and the recipient, which the effect adds. Free text is already redacted.
 */
export interface HandoffSubmission {
  brand: BrandId;
  category: HandoffCategory;
  urgency: HandoffUrgency;
  /** The email subject, per the brand's rules (urgent word, or the §6 escalation template). */
  subject: string;
  customer: { name: string; email: string };
  /** The order number the shopper gave or the flow verified; null when they have none. */
  orderNumber: string | null;
  /** Number and email matched in this conversation: its facts can be trusted. */
  verifiedOrder: Order | null;
  returnVerdict: ReturnVerdict | null;
  /** What the shopper asked for, in their own words. */
  description: string;
  /** Every message of the shopper's since the handoff began (redacted), so nothing they typed is lost; absent on tickets stored before it was kept. */
  shopperWrote?: string[];
  /** Set when the ticket goes to the brand's escalation address instead of the support inbox. */
  escalation: EscalationRoute | null;
  /** When the shopper is told to expect a reply, computed once, at the confirming turn. */
  expectation: ReplyExpectation;
}

/** One line of the conversation, redacted. */
export interface TranscriptLine {
  /** ISO time. */
  at: string;
  from: 'shopper' | 'bot';
  text: string;
}

/** The stored ticket: the submission plus what the composition root adds. Plain JSON. */
export interface HandoffTicket extends HandoffSubmission {
  version: 1;
  id: string;
  /** The short reference the shopper is given ("JAM-7K3Q9X"). */
  reference: string;
  createdAt: string;
  /** Resolved recipient: the escalation address, the SUPPORT_INBOX_<BRAND> override, or the profile's inbox. */
  to: string;
  /** `<id@domain of the brand's From>` (bot/handoff/mail-from.ts): fixed at creation, so stable across retries and restarts and a receiver can drop duplicates. */
  messageId: string;
  transcript: TranscriptLine[];
  /** Where the conversation happened, for the agent and the live-agent event. */
  conversation: { key: string } | null;
}
