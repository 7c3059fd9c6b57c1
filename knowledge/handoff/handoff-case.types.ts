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
  name?: string;
  email?: string;
  orderNumber?: string;
}
