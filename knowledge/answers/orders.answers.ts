import type { Topic } from '../topics.js';
import { fromStatements, type AnswerBuilder } from './compose.js';

// order.tracking starts the tracking flow; this is only what the policy says about tracking.
export const orderAnswers = {
  'order.tracking': fromStatements('order.tracking', 'anything about order tracking', ['shipping.timeline', 'shipping.problem', 'handoff.human']),
  'order.cancel': fromStatements('order.cancel', 'how to cancel an order', ['order.change', 'handoff.human']),
  'order.change': fromStatements('order.change', 'how to change an order', ['order.cancel', 'handoff.human']),
  'order.place': fromStatements('order.place', 'how to place an order', ['shipping.timeline', 'payment.methods', 'product.info']),
  'order.invoice': fromStatements('order.invoice', 'anything about invoices', ['order.tracking', 'handoff.human']),
} satisfies Partial<Record<Topic, AnswerBuilder>>;
