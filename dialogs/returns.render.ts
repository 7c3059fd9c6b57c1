// The returns flow's replies as messages, on the `returns.start` topic. Asks never mention an order
// until it is verified; the verdict says eligible / not eligible / needs a person's review, lists
// every reason with the section it comes from and the next steps, and carries
// `channelData.returnEligibility` beside `channelData.support`.
import { ActionTypes, type Activity, type CardAction } from 'botbuilder';
import type { BrandId } from '../knowledge/brand-ids.js';
import type { BrandProfile } from '../knowledge/brands/brand-profile.schema.js';
import type { Source } from '../knowledge/knowledge-base.types.js';
import { CONDITION_CHOICES, type ReturnChoice } from '../knowledge/returns/return-choices.js';
import type { ReturnReason, ReturnVerdict, ReturnVerdictReason } from '../knowledge/returns/return-verdict.types.js';
import type { Topic } from '../knowledge/topics.js';
import type { ReturnsAskProblem, ReturnsReply, ReturnsSlot } from '../machines/returns.machine.js';
import { citeSource, isAre } from '../knowledge/wording.js';
import { messageActivity, type BotMessage } from './message.js';

/** What the renderer reads of a brand profile. */
export type ReturnsRenderProfile = Pick<BrandProfile, 'displayName' | 'documents' | 'channels' | 'returns'>;

/** `channelData.returnEligibility` (docs/contracts.md). */
export interface ReturnEligibilityData {
  eligible: ReturnVerdict['eligible'];
  reasons: ReturnReason[];
}

const TOPIC = 'returns.start' satisfies Topic;
const WAY_OUT: CardAction[] = [
  { type: ActionTypes.ImBack, title: 'Talk to a person', value: 'talk to a person' },
  { type: ActionTypes.ImBack, title: 'Cancel', value: 'cancel' },
];
const PERSON: readonly Topic[] = ['handoff.human'];

export function renderReturnsReply(brand: BrandId, reply: ReturnsReply, profile: ReturnsRenderProfile): Partial<Activity> {
  const say = (message: Omit<BotMessage, 'topic'>) => messageActivity(brand, { topic: TOPIC, ...message });
  switch (reply.kind) {
    case 'returns.ask': {
      const lead =
        reply.corrected === undefined
          ? ''
          : reply.corrected.slot === 'item'
            ? `Got it, the ${reply.corrected.itemName}. `
            : `Got it, I've noted it as ${CONDITION_CHOICES[reply.corrected.condition].title.toLowerCase()}. `;
      const activity = say({ text: `${lead}${askText(reply.slot, reply.problem, reply.itemName)}`, awaiting: reply.slot });
      const actions = [...choiceActions(reply.options ?? []), ...(reply.stuck === true ? WAY_OUT : [])];
      return actions.length > 0 ? { ...activity, suggestedActions: { to: [], actions } } : activity;
    }
    case 'returns.verdict':
      return withEligibility(say({ text: verdictText(reply.verdict, profile), sources: reply.sources, choices: verdictChoices(reply.verdict) }), reply.verdict.eligible, reply.verdict.reasons);
    case 'returns.notReturnable': {
      const choices: readonly Topic[] =
        reply.status === 'processing' ? ['order.cancel', 'order.tracking'] : reply.status === 'shipped' ? ['order.tracking'] : PERSON;
      const text = [reply.reasons.map((reason) => withCite(reason, profile)).join(' '), ...stepsText(reply.nextSteps)].join('\n\n');
      return withEligibility(say({ text, sources: reply.sources, choices }), false, reply.reasons);
    }
  }
}

function askText(slot: ReturnsSlot, problem: ReturnsAskProblem | undefined, itemName: string | undefined): string {
  const it = itemName === undefined ? 'it' : `the ${itemName}`;
  switch (slot) {
    case 'item':
      if (problem === 'ambiguous') return 'More than one item on the order matches that. Which one do you mean?';
      if (problem === 'notUnderstood') return "Sorry, I couldn't tell which item you mean. Which of these would you like to return?";
      return 'Which item would you like to return?';
    case 'condition':
      if (problem === 'tags') return 'Thanks. Are the tags still on?';
      // Whatever else the message said was kept; the tags are what is still missing.
      if (problem === 'tagsStillUnknown') return `I still need to know one thing: are the tags still on ${it}?`;
      if (problem === 'notUnderstood') return `Sorry, I didn't catch that. Is ${it} unused with the tags on, unused without tags, worn, or damaged?`;
      return `What condition is ${it} in?`;
    case 'reason':
      if (problem === 'notUnderstood') return "Sorry, I didn't catch why. Which of these is closest?";
      return `Why would you like to return ${it}?`;
  }
}

function choiceActions(options: readonly ReturnChoice[]): CardAction[] {
  return options.map((option) => ({ type: ActionTypes.ImBack, title: option.title, value: option.value }));
}

function verdictText(verdict: ReturnVerdict, profile: ReturnsRenderProfile): string {
  const item = `the ${verdict.item.name}`;
  const preCheck = profile.returns.confirmEligibilityFirst !== undefined;
  const headline =
    verdict.eligible === true
      ? preCheck
        ? `From what you've told me, ${item} looks eligible for a return.`
        : `Good news: ${item} ${isAre(verdict.item.name)} eligible for a return.`
      : verdict.eligible === 'review'
        ? `The return of ${item} needs a person's review before it can go ahead.`
        : `I'm sorry: from what you've told me, ${item} can't be returned.`;
  // A damaged, defective or wrong item is a problem the shopper has: said sorry for first.
  const paragraphs = [verdict.productIssue ? `I'm sorry to hear that. ${headline}` : headline];
  if (verdict.reasons.length > 0) {
    paragraphs.push([verdict.eligible === false ? 'Why:' : 'What needs checking:', ...verdict.reasons.map((reason) => `- ${withCite(reason, profile)}`)].join('\n'));
  }
  paragraphs.push(...stepsText(verdict.nextSteps));
  return paragraphs.join('\n\n');
}

function stepsText(steps: readonly string[]): string[] {
  return steps.length === 0 ? [] : [['Next steps:', ...steps.map((step) => `- ${step}`)].join('\n')];
}

function verdictChoices(verdict: ReturnVerdict): readonly Topic[] {
  if (verdict.eligible !== false || verdict.productIssue) return PERSON;
  return ['returns.policy', 'handoff.human'];
}

/** The reason in plain words, then where it comes from: a section, or nothing for a store setting. */
function withCite(reason: ReturnVerdictReason, profile: ReturnsRenderProfile): string {
  return reason.source ? `${reason.say.replace(/\.$/, '')} (${citeSource(reason.source, profile, 'comma')}).` : reason.say;
}

function withEligibility(activity: Partial<Activity>, eligible: ReturnVerdict['eligible'], reasons: readonly ReturnVerdictReason[]): Partial<Activity> {
  const returnEligibility: ReturnEligibilityData = { eligible, reasons: [...new Set(reasons.map((reason) => reason.code))] };
  const channelData = activity.channelData as Record<string, unknown>;
  return { ...activity, channelData: { ...channelData, returnEligibility } };
}

