// The ports of the flows: what a flow machine is built with. The brand profiles are the ones
// checked at start-up (knowledge/knowledge-base.ts), so an operator's settings reach every flow;
// the effects are the only way a flow reaches the world, and bot/flow-effects.ts implements them.
// Every result comes back as a value the machine reads (never a thrown shape).
import type { BrandId } from '../knowledge/brand-ids.js';
import type { BrandProfile } from '../knowledge/brands/brand-profile.schema.js';
import type { HandoffSubmission, HandoffTicket } from '../knowledge/handoff/handoff-ticket.types.js';
import type { Answer } from '../knowledge/knowledge-base.types.js';
import type { Order } from '../knowledge/orders/order.schema.js';
import type { Topic } from '../knowledge/topics.js';

export interface VerifyOrderInput {
  brand: BrandId;
  orderNumber: string;
  email: string;
}

/** An unknown order and a wrong email are the same outcome, so neither reveals that an order exists. */
export type VerifyOrderResult =
  | { outcome: 'verified'; order: Order }
  | { outcome: 'notMatched' }
  | { outcome: 'locked'; retryAfterSeconds: number };

/** The ticket is stored durably (`stored`), or this shopper sent too many lately and it was not. */
export type SubmitHandoffResult = { outcome: 'stored'; ticket: HandoffTicket } | { outcome: 'rateLimited'; retryAfterSeconds: number };

export interface FlowEffects {
  /** Looks the order up within the brand and compares the email; rejects when lookups are down. */
  verifyOrder(input: VerifyOrderInput): Promise<VerifyOrderResult>;
  /** Stores the ticket durably before resolving; rejects only when it was not stored. */
  submitHandoff(submission: HandoffSubmission): Promise<SubmitHandoffResult>;
}

export interface FlowDeps {
  /** The brand's profile as start-up checked it. */
  profileOf(brand: BrandId): BrandProfile;
  /** Whether the brand's documents state an answer to the topic (else the bot offers a person), and the sections it quotes. */
  answerOf(brand: BrandId, topic: Topic): Pick<Answer, 'stated' | 'sources'>;
  effects: FlowEffects;
}
