import type { UrgentCase } from '../brands/brand-profile.schema.js';
import type { Answer } from '../knowledge-base.types.js';
import type { Topic } from '../topics.js';
import { capitalize, stated, type BrandContext, type Part, type ReportedProblem } from './compose.js';

const OFFER = 'I can pass this to the support team.';

/**
 * The sentence that offers the support team, urgent where the brand's documents say so: the
 * cases they name, or the shopper's own "it's urgent" where they invite marking a matter urgent.
 * For a reported problem it follows the urgency the ticket would carry (knowledge/handoff/urgency.ts),
 * so the bot never promises a flag the ticket will not have. Operator-set urgent cases change how
 * the handoff is flagged, never what the shopper is told.
 */
export function handoffOffer(brand: BrandContext, cases: readonly UrgentCase[], report?: ReportedProblem): Part {
  const { cases: urgentCases, subjectWord } = brand.profile.urgency;
  if ('operatorSetting' in urgentCases) return { say: OFFER, from: [] };
  const marked = 'operatorSetting' in subjectWord ? 'as urgent' : `marked "${subjectWord.word}"`;
  const invitesMarking = urgentCases.cases.includes('shopper_says_urgent') && !('operatorSetting' in subjectWord);
  const flagged = report === undefined ? urgentCases.cases.some((urgent) => cases.includes(urgent)) : report.urgency.urgent;
  const onlyBecauseSaid = report !== undefined && report.urgency.because.every((reason) => reason === 'shopper_says_urgent');
  if (flagged && onlyBecauseSaid && invitesMarking) return { say: `Since you say it's urgent, I can pass this to the support team ${marked}.`, from: [subjectWord] };
  if (flagged && urgentCases.say) return { say: `${capitalize(urgentCases.say)} count as urgent, so I can pass this to the support team ${marked}.`, from: [urgentCases] };
  if (invitesMarking) return { say: `I can pass this to the support team, ${marked} if it's urgent.`, from: [subjectWord] };
  return { say: OFFER, from: [] };
}

/** Policy parts, then the handoff offer: cited when it rests on the documents, plain otherwise. */
export function withHandoff(
  brand: BrandContext,
  topic: Topic,
  parts: readonly Part[],
  cases: readonly UrgentCase[],
  next: readonly Topic[],
  report?: ReportedProblem,
): Answer {
  const offer = handoffOffer(brand, cases, report);
  return offer.from.length > 0 ? stated(brand, topic, [...parts, offer], { next }) : stated(brand, topic, parts, { next, after: offer.say });
}
