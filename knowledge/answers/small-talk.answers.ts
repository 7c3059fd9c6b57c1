import type { Topic } from '../topics.js';
import { possessive } from '../wording.js';
import { chat, type AnswerBuilder } from './compose.js';

/** Thanks answered where a question of the bot's follows in the same turn (dialogs/reply.render.ts). */
export const YOU_ARE_WELCOME = "You're welcome!";

// The same for every brand apart from its name and its assistant's (brand.yaml `assistantName`,
// `greeting`); they quote nothing.
export const smallTalkAnswers = {
  greeting: ({ name, profile }) => chat(
    'greeting',
    profile.greeting.value
      ?? `Hi, I'm ${profile.assistantName.value}, ${possessive(name)} support assistant. I can answer policy questions, track your order, help with a return or put you in touch with the team.`,
    ['order.tracking', 'returns.start', 'shipping.timeline'],
  ),
  // Also the answer to "are you a bot?": plainly an automated assistant, a person one message away.
  help: ({ name, profile }) => chat(
    'help',
    `I'm ${profile.assistantName.value}, ${possessive(name)} automated support assistant. I can answer questions about ${possessive(name)} policies (shipping, returns, refunds, contact and more), track your order or check whether an item can be returned, and a person on the team is one message away: just say "talk to a person".`,
    ['order.tracking', 'returns.start', 'handoff.human'],
  ),
  thanks: () => chat('thanks', `${YOU_ARE_WELCOME} Is there anything else I can help with?`, ['help']),
  goodbye: ({ name }) => chat('goodbye', `Thanks for visiting ${name}. Goodbye!`, []),
  out_of_scope: ({ name }) => chat(
    'out_of_scope',
    `That's outside what I can help with here. I can help with ${name} orders, shipping, returns and refunds, the store's policies, or put you in touch with the team.`,
    ['help', 'handoff.human'],
  ),
} satisfies Partial<Record<Topic, AnswerBuilder>>;
