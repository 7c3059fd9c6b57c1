import type { Answer } from '../knowledge-base.types.js';
import type { Topic } from '../topics.js';
import { accountAnswers } from './account.answers.js';
import type { AnswerBuilder, BrandContext } from './compose.js';
import type { ReportedProblem } from './compose.js';
import { contactAnswers } from './contact.answers.js';
import { orderAnswers } from './orders.answers.js';
import { policyOtherAnswer } from './policy-other.answers.js';
import { productAnswers } from './products.answers.js';
import { returnAnswers } from './returns.answers.js';
import { shippingAnswers } from './shipping.answers.js';
import { smallTalkAnswers } from './small-talk.answers.js';

// Typed as a full record so a topic added to the catalog without an answer fails to compile.
const ANSWER_BUILDERS: Record<Topic, AnswerBuilder> = {
  ...smallTalkAnswers,
  ...orderAnswers,
  ...shippingAnswers,
  ...returnAnswers,
  ...productAnswers,
  ...accountAnswers,
  ...contactAnswers,
  ...policyOtherAnswer,
};

export function buildAnswer(brand: BrandContext, topic: Topic, report?: ReportedProblem): Answer {
  return ANSWER_BUILDERS[topic](brand, report);
}

export type { AnswerBuilder, BrandContext } from './compose.js';
export type { ReportedProblem } from './compose.js';
