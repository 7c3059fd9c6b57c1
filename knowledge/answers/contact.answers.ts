import { isOperatorSetting, type Hours, type QuotedFact } from '../brands/brand-profile.schema.js';
import type { Topic } from '../topics.js';
import { formatDuration } from '../wording.js';
import { fromStatements, joinList, silent, stated, statementsFor, type AnswerBuilder, type Part } from './compose.js';

const CHANNELS_NEXT = ['contact.response_time', 'contact.hours', 'handoff.human'] as const;
const HOURS_NEXT = ['contact.response_time', 'contact.channels', 'handoff.human'] as const;
const REPLY_NEXT = ['contact.hours', 'contact.channels', 'handoff.human'] as const;

export const contactAnswers = {
  'contact.channels': (brand) => {
    const { channels, supportInbox } = brand.profile;
    // A store whose brand.yaml names no channel: its documents may still say, in their own words.
    if (channels.length === 0) return silent(brand, 'contact.channels', 'how to contact the team', { next: CHANNELS_NEXT });
    const exclusive = channels.find((channel) => channel.exclusive);
    const say = exclusive
      ? `The only official way to reach ${brand.name} is ${exclusive.say}.`
      : `You can reach ${brand.name} ${joinList(channels.map((channel) => channel.say))}.`;
    const unprintedEmail = isOperatorSetting(supportInbox) && channels.some((channel) => channel.kind === 'email' && !channel.address);
    const after = unprintedEmail ? "The policy doesn't print a general email address, so I can pass your message to the team." : undefined;
    return stated(brand, 'contact.channels', [{ say, from: exclusive ? [exclusive] : channels }], { next: CHANNELS_NEXT, ...(after ? { after } : {}) });
  },
  'contact.hours': (brand) => {
    const { hours } = brand.profile;
    if (isOperatorSetting(hours)) {
      const note = hours.value ? `Our team's default hours are ${formatHours(hours.value)}, a store setting rather than stated policy` : undefined;
      return silent(brand, 'contact.hours', 'what its support hours are', { next: HOURS_NEXT, ...(note ? { operatorNote: note } : {}) });
    }
    const parts: Part[] = [{ say: `Support hours are ${hours.phrase}.`, from: [hours] }, ...statementsFor(brand, 'contact.hours')];
    return stated(brand, 'contact.hours', parts, { next: HOURS_NEXT });
  },
  'contact.response_time': (brand) => {
    const { replyTime } = brand.profile;
    if (isOperatorSetting(replyTime)) return silent(brand, 'contact.response_time', 'how fast the team replies', { next: REPLY_NEXT });
    const channel = replyTime.channel === 'email' ? 'emails' : 'Contact Us form inquiries';
    const parts: Part[] = [{ say: `${brand.name} replies to ${channel} within ${formatDuration(replyTime)}.`, from: [replyTime] }];
    return stated(brand, 'contact.response_time', [...parts, ...statementsFor(brand, 'contact.response_time')], { next: REPLY_NEXT });
  },
  complaint: fromStatements('complaint', 'how complaints are handled', ['handoff.human', 'feedback']),
  feedback: fromStatements('feedback', 'how to leave feedback', ['contact.channels', 'handoff.human']),
  // handoff.human starts the handoff flow; this is what the policy says about reaching the team.
  'handoff.human': (brand) => {
    const { supportInbox, replyTime } = brand.profile;
    const next = ['contact.response_time', 'contact.hours', 'contact.channels'] as const;
    const at = isOperatorSetting(supportInbox) ? '' : ` at ${supportInbox.address}`;
    const when = isOperatorSetting(replyTime) ? '' : `; they reply within ${formatDuration(replyTime)}`;
    const from: QuotedFact[] = [];
    if (!isOperatorSetting(supportInbox)) from.push(supportInbox);
    if (!isOperatorSetting(replyTime)) from.push(replyTime);
    if (from.length === 0) return silent(brand, 'handoff.human', 'how to reach the team', { next });
    return stated(brand, 'handoff.human', [{ say: `I can pass your message to the ${brand.name} team${at}${when}.`, from }], { next });
  },
} satisfies Partial<Record<Topic, AnswerBuilder>>;

const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function formatHours(hours: Hours): string {
  const first = DAY_NAMES[(hours.weekdays[0] ?? 1) - 1];
  const last = DAY_NAMES[(hours.weekdays[hours.weekdays.length - 1] ?? 1) - 1];
  return `${first}-${last}, ${hours.open}-${hours.close}`;
}
