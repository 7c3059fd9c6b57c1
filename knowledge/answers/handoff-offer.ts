import type { UrgentCase } from '../brands/brand-profile.schema.js';
import type { Answer } from '../knowledge-base.types.js';
import type { Topic } from '../topics.js';
import { capitalize, stated, type BrandContext, type Part } from './compose.js';

/**
 * The sentence that offers the support team, urgent where the brand's documents say so: the
 * cases they name, or the shopper's own "it's urgent" where they invite marking a matter urgent.
 * Operator-set urgent cases change how the handoff is flagged, never what the shopper is told.
 */
export function handoffOffer(brand: BrandContext, cases: readonly UrgentCase[]): Part {
  const { cases: urgentCases, subjectWord } = brand.profile.urgency;
  if ('operatorSetting' in urgentCases) return { say: 'I can pass this to the support team.', from: [] };
  const marked = 'operatorSetting' in subjectWord ? 'as urgent' : `marked "${subjectWord.word}"`;
  if (urgentCases.say && urgentCases.cases.some((urgent) => cases.includes(urgent))) {
    return { say: `${capitalize(urgentCases.say)} count as urgent, so I can pass this to the support team ${marked}.`, from: [urgentCases] };
  }
  if (urgentCases.cases.includes('shopper_says_urgent') && !('operatorSetting' in subjectWord)) {
    return { say: `I can pass this to the support team, ${marked} if it's urgent.`, from: [subjectWord] };
  }
  return { say: 'I can pass this to the support team.', from: [] };
}

/** Policy parts, then the handoff offer: cited when it rests on the documents, plain otherwise. */
export function withHandoff(brand: BrandContext, topic: Topic, parts: readonly Part[], cases: readonly UrgentCase[], next: readonly Topic[]): Answer {
  const offer = handoffOffer(brand, cases);
  return offer.from.length > 0 ? stated(brand, topic, [...parts, offer], { next }) : stated(brand, topic, parts, { next, after: offer.say });
}
