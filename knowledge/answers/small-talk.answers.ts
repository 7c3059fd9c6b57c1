import type { Topic } from '../topics.js';
import { possessive } from '../wording.js';
import { chat, type AnswerBuilder } from './compose.js';

// The same for every brand apart from its name; they quote nothing.
export const smallTalkAnswers = {
  greeting: ({ name }) => chat(
    'greeting',
    `Hi, I'm Clasp, ${possessive(name)} support assistant. I can answer policy questions, track your order, help with a return or put you in touch with the team.`,
    ['order.tracking', 'returns.start', 'shipping.timeline'],
  ),
  help: ({ name }) => chat(
    'help',
    `I can answer questions about ${possessive(name)} policies (shipping, returns, refunds, contact and more), track your order, check whether an item can be returned, or pass your question to a person.`,
    ['order.tracking', 'returns.start', 'handoff.human'],
  ),
  thanks: () => chat('thanks', "You're welcome! Is there anything else I can help with?", ['help']),
  goodbye: ({ name }) => chat('goodbye', `Thanks for visiting ${name}. Goodbye!`, []),
  out_of_scope: ({ name }) => chat(
    'out_of_scope',
    `I can only help with ${name} questions: policies, order tracking, returns and reaching a person.`,
    ['help', 'handoff.human'],
  ),
} satisfies Partial<Record<Topic, AnswerBuilder>>;
