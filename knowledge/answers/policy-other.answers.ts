import type { Topic } from '../topics.js';
import { silent, type AnswerBuilder } from './compose.js';

// `policy.other` is normally answered with the brand's own sentences (a passage answer,
// knowledge/passages/). This composed answer is what remains when the passages were searched
// and none of them answers the question: say so, quote nothing, offer a person.
export const policyOtherAnswer = {
  'policy.other': (brand) => silent(brand, 'policy.other', 'anything about that', { next: ['contact.channels', 'help'] }),
} satisfies Partial<Record<Topic, AnswerBuilder>>;
