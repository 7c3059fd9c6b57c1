// The order verification's replies, for whichever flow is verifying: asks never mention an order
// (the shopper has not proved anything yet) and a verification that ends without one always
// offers a person and the brand's own way to reach its team.
import { ActionTypes, type Activity, type CardAction } from 'botbuilder';
import type { BrandId } from '../knowledge/brand-ids.js';
import type { BrandProfile } from '../knowledge/brands/brand-profile.schema.js';
import type { Topic } from '../knowledge/topics.js';
import type { VerifyAskProblem, VerifyEnding, VerifyPurpose, VerifyReply, VerifySlot } from '../machines/verify-order.machine.js';
import { reachTeam } from './brand-words.js';
import { messageActivity, type BotMessage } from './message.js';

export type VerifyRenderProfile = Pick<BrandProfile, 'displayName' | 'channels'>;

const TOPIC: Record<VerifyPurpose, Topic> = { tracking: 'order.tracking', returns: 'returns.start' };
const PERSON: readonly Topic[] = ['handoff.human'];
const FORMAT_EXAMPLE = 'for example AB-123456 or 1234567';
const STUCK_CHOICES: CardAction[] = [
  { type: ActionTypes.ImBack, title: "I don't have it", value: "I don't have it" },
  { type: ActionTypes.ImBack, title: 'Talk to a person', value: 'talk to a person' },
  { type: ActionTypes.ImBack, title: 'Cancel', value: 'cancel' },
];
/** What the first ask says the order number is for. */
const NEEDED_FOR: Record<VerifyPurpose, string> = {
  tracking: 'To look up your order I need its order number.',
  returns: 'To check whether an item can be returned, I first need its order number.',
};
/** What a flow cannot do while lookups are down. */
const CANNOT: Record<VerifyPurpose, string | undefined> = { tracking: undefined, returns: "I can't check the return" };

export function renderVerifyReply(brand: BrandId, reply: VerifyReply, profile: VerifyRenderProfile): Partial<Activity> {
  const topic = TOPIC[reply.purpose];
  switch (reply.kind) {
    case 'verify.ask': {
      const lead = reply.corrected === undefined ? '' : `Got it, I'll look up ${reply.corrected === '' ? 'that order number' : reply.corrected} instead. `;
      const activity = messageActivity(brand, { topic, text: `${lead}${askText(reply.purpose, reply.slot, reply.problem)}`, awaiting: reply.slot });
      // Asked twice without an answer it could use: never a third time without a way on.
      return reply.stuck === true ? { ...activity, suggestedActions: { to: [], actions: STUCK_CHOICES } } : activity;
    }
    case 'verify.ended':
      return messageActivity(brand, { topic, ...endingMessage(reply.ending, profile, CANNOT[reply.purpose]) });
  }
}

function askText(purpose: VerifyPurpose, slot: VerifySlot, problem: VerifyAskProblem | undefined): string {
  if (slot === 'email') {
    return problem === 'notAnEmail'
      ? "That doesn't look like an email address. Please type the email you used for the order, like name@example.com."
      : "Thanks. What's the email address on the order? I use it to make sure the order is yours.";
  }
  switch (problem) {
    case 'emailInsteadOfNumber':
      return `That looks like an email address; I've kept it for the next step. I need the order number first: it's in your order confirmation email, ${FORMAT_EXAMPLE}.`;
    case 'notAnOrderNumber':
      return `Sorry, that doesn't look like an order number. It's the letters and digits in your order confirmation email, ${FORMAT_EXAMPLE}. What's your order number?`;
    case 'notMatched':
      return "I couldn't find an order with that order number and email address. Please check both, then send me the order number again, or just the right email if only that was wrong.";
    default:
      return `${NEEDED_FOR[purpose]} You'll find it in your order confirmation email, ${FORMAT_EXAMPLE}.`;
  }
}

/** Never an order detail; always a person offered, and the brand's own way to reach its team. */
function endingMessage(ending: VerifyEnding, profile: VerifyRenderProfile, unavailableMeans: string | undefined): Omit<BotMessage, 'topic'> {
  const reach = reachTeam(profile);
  const text = (() => {
    switch (ending.kind) {
      case 'gaveUp':
        return "I'm sorry, I still couldn't find an order matching those details, so I'll stop trying here. A person on the team can look into it for you.";
      case 'locked': {
        const minutes = Math.ceil(ending.retryAfterSeconds / 60);
        const when = minutes > 0 ? `in about ${minutes} minute${minutes === 1 ? '' : 's'}` : 'later';
        return `There have been too many order lookups from here, so I can't check any more right now. Please try again ${when}, or talk to a person on the team.`;
      }
      case 'unavailable':
        return `Sorry, I can't look up orders right now${unavailableMeans ? `, so ${unavailableMeans}` : ''}. Please try again in a little while, or talk to a person on the team.`;
      case 'skipped':
        return `No problem. Without ${ending.slot === 'orderNumber' ? 'the order number' : "the order's email address"} I can't look the order up here, but a person on the team can help without it.`;
    }
  })();
  return { text: `${text}${reach.text}`, sources: reach.sources, choices: PERSON };
}
