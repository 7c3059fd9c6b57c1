import type { Order } from '../orders/order.schema.js';
import type { ReturnVerdict } from '../returns/return-verdict.types.js';

/** Why a conversation is handed to the brand's email support. */
export type HandoffCategory =
  | 'person_requested'
  | 'late_delivery'
  | 'missing_package'
  | 'not_shipped'
  | 'damaged'
  | 'defective'
  | 'wrong_item'
  | 'return'
  /** Something only the team can do to an order: change the address, cancel it, change a personalization. */
  | 'order_change'
  | 'cancellation'
  | 'complaint'
  | 'escalation'
  | 'misunderstood'
  | 'lookup_failed'
  | 'other';

/** What a flow already knows when it hands off: the handoff never asks for it again. */
export interface HandoffCase {
  category: HandoffCategory;
  /** The shopper said it is urgent ("it's urgent", "asap"). */
  shopperSaysUrgent?: boolean;
  /** An order this conversation verified (number and email matched). */
  verifiedOrder?: Order;
  returnVerdict?: ReturnVerdict;
  /** How many days after delivery the shopper says they report this, when no verified order tells. */
  daysSinceDelivery?: number;
  /** What the shopper asked for, in their own words, when already said. */
  description?: string;
  /** What the bot learned in a flow before the handoff ("order KS-100235 was expected by …"), for the agent. */
  summary?: string;
  name?: string;
  email?: string;
  orderNumber?: string;
  /** The shopper's messages that led to the handoff (the request, a flow's opening words): kept for the team. */
  shopperWrote?: string[];
  /** The shopper said they do not have the order number: the handoff does not ask for it. */
  noOrderNumber?: boolean;
}
