import type { Topic } from '../topics.js';
import { fromStatements, type AnswerBuilder } from './compose.js';

export const accountAnswers = {
  'payment.methods': fromStatements('payment.methods', 'which payment methods it accepts', ['payment.issue', 'handoff.human']),
  'payment.issue': fromStatements('payment.issue', 'how payment problems are handled', ['payment.methods', 'handoff.human']),
  'account.help': fromStatements('account.help', 'anything about customer accounts', ['order.tracking', 'handoff.human']),
  'account.delete': fromStatements('account.delete', 'how to delete an account or your data', ['privacy.policy', 'handoff.human']),
  'privacy.policy': fromStatements('privacy.policy', 'how it handles your personal data', ['privacy.marketing', 'account.delete', 'handoff.human']),
  'privacy.marketing': fromStatements('privacy.marketing', 'how to stop marketing emails', ['privacy.policy', 'handoff.human']),
} satisfies Partial<Record<Topic, AnswerBuilder>>;
