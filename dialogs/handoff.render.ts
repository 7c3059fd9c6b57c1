// The handoff flow's replies as messages. What the shopper is told rests on the brand's own
// words: the reply time its documents promise, its hours, its urgent word and escalation path,
// each with the section named; operator settings are never presented as policy, and operator-set
// urgency changes how the ticket is flagged, not what the shopper is told.
import { ActionTypes, type Activity, type CardAction } from 'botbuilder';
import type { BrandId } from '../knowledge/brand-ids.js';
import type { BrandProfile } from '../knowledge/brands/brand-profile.schema.js';
import type { ReplyExpectation } from '../knowledge/handoff/reply-by.js';
import type { EscalationRoute } from '../knowledge/handoff/subject.js';
import type { Source } from '../knowledge/knowledge-base.types.js';
import type { Topic } from '../knowledge/topics.js';
import type { HandoffAskProblem, HandoffIntro, HandoffReply, HandoffSlot, HandoffSummary, HandoffUpdate } from '../machines/handoff.machine.js';
import { citeSource, formatDate, formatTime, uniqueSources } from '../knowledge/wording.js';
import { reachTeam } from './brand-words.js';
import { messageActivity, type BotMessage } from './message.js';

export type HandoffRenderProfile = Pick<BrandProfile, 'displayName' | 'documents' | 'channels' | 'urgency'>;

const TOPIC = 'handoff.human' satisfies Topic;

const YES_NO: CardAction[] = [
  { type: ActionTypes.ImBack, title: 'Yes, send it', value: 'yes' },
  { type: ActionTypes.ImBack, title: 'No, change something', value: 'no' },
];
const RETRY: CardAction[] = [
  { type: ActionTypes.ImBack, title: 'Try again', value: 'yes' },
  { type: ActionTypes.ImBack, title: 'No', value: 'no' },
];
const NO_ORDER_NUMBER: CardAction[] = [{ type: ActionTypes.ImBack, title: "I don't have one", value: "I don't have one" }];
const NOTHING_TO_ADD: CardAction[] = [{ type: ActionTypes.ImBack, title: "No, that's all", value: "no, that's all" }];
const CANCEL: CardAction = { type: ActionTypes.ImBack, title: "Don't send it", value: 'cancel' };
/** Asked twice without an answer it could use: a way on with the question. */
const STUCK: Record<HandoffSlot, CardAction[]> = {
  name: [{ type: ActionTypes.ImBack, title: "I'd rather not say", value: "I'd rather not say" }, CANCEL],
  email: [CANCEL],
  orderNumber: [...NO_ORDER_NUMBER, CANCEL],
  description: [CANCEL],
};
const ADDITION = "Is there anything you'd like to add for the team, like photos or a detail? If not, just say no.";
const EMAIL_NEEDED = 'The team replies by email, so I need an address to pass this on.';
const UPDATED: Record<HandoffUpdate, string> = {
  name: "Got it, I've changed your name.",
  email: "Got it, I've changed your email address.",
  orderNumber: "Got it, I've changed the order number.",
  description: "Got it, I've changed your message.",
  added: "Got it, I've added that to your message.",
};
const CHANGES: CardAction[] = [
  { type: ActionTypes.ImBack, title: 'Name', value: 'change my name' },
  { type: ActionTypes.ImBack, title: 'Email', value: 'change my email' },
  { type: ActionTypes.ImBack, title: 'Order number', value: 'change the order number' },
  { type: ActionTypes.ImBack, title: 'Description', value: 'change the description' },
  { type: ActionTypes.ImBack, title: "Don't send it", value: 'cancel' },
];

export function renderHandoffReply(brand: BrandId, reply: HandoffReply, profile: HandoffRenderProfile, topic: Topic = TOPIC): Partial<Activity> {
  const say = (message: Omit<BotMessage, 'topic'>, actions?: CardAction[]) => withActions(messageActivity(brand, { topic, ...message }), actions);
  switch (reply.kind) {
    case 'handoff.ask': {
      const intro = reply.intro === undefined ? null : introText(reply.intro, profile, reply.addition === true ? 'found' : 'details');
      const ask = reply.addition === true ? ADDITION : reply.goAhead === true ? 'Sure, go ahead: what would you like to add?' : askText(reply.slot, reply.problem, reply.correcting === true);
      const lead = reply.updated === undefined ? '' : `${UPDATED[reply.updated].replace(/\.$/, reply.updatedTo === undefined ? '.' : ` to ${reply.updatedTo}.`)} `;
      const stuck = reply.stuck === true && reply.slot === 'email' ? ` ${EMAIL_NEEDED}${reachTeam(profile, { emailOnlyWithAddress: true }).text}` : '';
      return say(
        { text: `${lead}${intro === null ? '' : `${intro.text} `}${ask}${stuck}`, sources: intro?.sources ?? [], awaiting: reply.slot },
        reply.addition === true ? NOTHING_TO_ADD : reply.stuck === true ? STUCK[reply.slot] : reply.slot === 'orderNumber' ? NO_ORDER_NUMBER : undefined,
      );
    }
    case 'handoff.confirm': {
      const intro = reply.intro === undefined ? null : introText(reply.intro, profile, 'none');
      const summary = summaryText(reply.summary, profile);
      const lead = reply.problem === 'notYesNo' ? "Sorry, I need a yes or a no, or tell me what to change. " : reply.updated === undefined ? '' : `${UPDATED[reply.updated]} `;
      const text = [
        `${lead}${intro === null ? '' : `${intro.text} `}Here's what I'll send to the ${displayName(profile)} team:`,
        summary.text,
        'Is everything correct? Say "yes" to send it, or tell me what to change (for example "change my email").',
      ].join('\n\n');
      return say({ text, sources: uniqueSources([...(intro?.sources ?? []), ...summary.sources]), awaiting: 'confirm' }, YES_NO);
    }
    case 'handoff.whatToChange':
      return say({ text: 'What would you like to change? You can also type the new detail, for example "my email is name@example.com".' }, CHANGES);
    case 'handoff.submitted':
      return renderSubmitted(brand, reply, profile, topic);
    case 'handoff.notSaved': {
      const reach = reachTeam(profile, { emailOnlyWithAddress: true });
      const text =
        reply.problem === 'notYesNo'
          ? `Shall I try to save your request again? Please answer yes or no.${reach.text}`
          : reply.problem === 'tooMany'
            ? `I've already passed several requests from you to the team in the last while, so I haven't sent this one yet. I've kept it: say yes in about ${reply.retryAfterMinutes ?? 1} minute${reply.retryAfterMinutes === 1 ? '' : 's'} and I'll send it.${reach.text}`
            : `I'm sorry: something went wrong on my side and I couldn't save your request, so it has not reached the team. Shall I try again?${reach.text}`;
      return say({ text, sources: reach.sources, awaiting: 'confirm' }, RETRY);
    }
    case 'handoff.notSent': {
      const reach = reachTeam(profile, { emailOnlyWithAddress: true });
      return say({ text: `Okay, I haven't sent anything.${reach.text} What else can I help you with?`, sources: reach.sources });
    }
  }
}

function askText(slot: HandoffSlot, problem: HandoffAskProblem | undefined, correcting: boolean): string {
  switch (slot) {
    case 'name':
      if (problem === 'notAName') return "Sorry, I didn't catch a name there. What name should the team use for you? For example: Jane Doe.";
      return correcting ? 'Sure. What name should I put instead?' : 'What name should the team use for you?';
    case 'email':
      if (problem === 'notAnEmail') return "That doesn't look like an email address. Please type the address the team should reply to, like name@example.com.";
      return correcting ? "Sure. What's the right email address?" : 'What email address should the team reply to?';
    case 'orderNumber':
      if (problem === 'notAnOrderNumber') {
        return `Sorry, that doesn't look like an order number: it's the letters and digits in your order confirmation email, for example AB-123456. Type it again, or say "I don't have one".`;
      }
      return correcting
        ? `Sure. What's the right order number? Or say "I don't have one".`
        : `Do you have an order number? It's in your order confirmation email. If you don't have one, just say so.`;
    case 'description':
      if (problem === 'tooShort') return 'Could you tell me a little more, in your own words, about what you need help with?';
      return correcting
        ? 'Sure. Tell me again, in your own words, what you need help with.'
        : "In your own words, what do you need help with? (Please don't include card numbers.)";
  }
}

interface Said {
  text: string;
  sources: Source[];
}

/**
 * Why the shopper is asked what follows. `then`: a few details are asked next (`details`), only
 * "anything to add?" because the flow before said what is wrong (`found`), or nothing (`none`).
 */
function introText(intro: HandoffIntro, profile: HandoffRenderProfile, then: 'details' | 'found' | 'none'): Said {
  const base = `I'll pass this to a person on the ${displayName(profile)} team${then === 'found' ? ', with what I found' : ''}.`;
  const next = then === 'details' ? ' First, a few details.' : '';
  if (intro.escalation === null) return { text: `${base}${next}`, sources: [] };
  return {
    text: `${base} Since you're not satisfied with how this was resolved, I'll send it as an escalation to ${intro.escalation.to}, as the ${citeSource(intro.escalation.source, profile, 'parenthesized')} describes.${next}`,
    sources: [intro.escalation.source],
  };
}

function summaryText(summary: HandoffSummary, profile: HandoffRenderProfile): Said {
  const order =
    summary.orderNumber === null ? 'none given' : summary.orderVerified ? `${summary.orderNumber} (verified)` : summary.orderNumber;
  const lines = [
    `• Name: ${summary.name}`,
    `• Email: ${summary.email}`,
    `• Order number: ${order}`,
    summary.description === '' ? '• Your message: none (the team will ask you)' : `• Your message: “${summary.description}”`,
  ];
  const sources: Source[] = [];
  const notes: string[] = [];
  const urgent = urgentNote(summary.urgentByPolicy, profile);
  if (urgent !== null) {
    notes.push(`It will be marked “${urgent.word}” so the team prioritizes it, as the ${citeSource(urgent.source, profile, 'parenthesized')} asks.`);
    sources.push(urgent.source);
  }
  if (summary.escalation !== null) {
    notes.push(`It goes to ${summary.escalation.to} with the subject “${summary.escalation.subject}”, the escalation route in the ${citeSource(summary.escalation.source, profile, 'parenthesized')}.`);
    sources.push(summary.escalation.source);
  }
  return { text: [lines.join('\n'), ...notes].join('\n\n'), sources };
}

function urgentNote(urgentByPolicy: boolean, profile: HandoffRenderProfile): { word: string; source: Source } | null {
  const { subjectWord, cases } = profile.urgency;
  if (!urgentByPolicy || 'operatorSetting' in cases) return null;
  const word = 'operatorSetting' in subjectWord ? subjectWord.value : subjectWord.word;
  return { word, source: { document: cases.document, section: cases.section } };
}

function renderSubmitted(
  brand: BrandId,
  reply: Extract<HandoffReply, { kind: 'handoff.submitted' }>,
  profile: HandoffRenderProfile,
  topic: Topic,
): Partial<Activity> {
  const sentences = [`Done: I've passed this to the ${displayName(profile)} team. Your reference is ${reply.reference}.`];
  const sources: Source[] = [];
  const urgent = urgentNote(reply.urgentByPolicy, profile);
  if (urgent !== null) {
    sentences.push(`It's marked “${urgent.word}” so the team sees it first.`);
    sources.push(urgent.source);
  }
  const next = reply.escalation === null ? replyTimeText(reply.expectation, reply.email, profile) : escalationText(reply.escalation, profile);
  sentences.push(next.text);
  sources.push(...next.sources);
  const offline = offlineText(reply.expectation, profile);
  if (offline !== null) {
    sentences.push(offline.text);
    sources.push(...offline.sources);
  }
  return messageActivity(brand, { topic, text: sentences.join(' '), sources: uniqueSources(sources) });
}

function replyTimeText(expectation: ReplyExpectation, email: string, profile: HandoffRenderProfile): Said {
  const promise = expectation.reply;
  if (promise === null) return { text: `The team will reply by email to ${email}.`, sources: [] };
  const by =
    promise.latestAt === null ? formatDate(promise.latest, expectation.zone) : `${formatDate(promise.latest, expectation.zone)} at ${formatTime(promise.latestAt, expectation.zone)}`;
  if (promise.source === null) {
    return { text: `The team usually replies within ${promise.phrase} (the store's own estimate), so expect a reply at ${email} by ${by}.`, sources: [] };
  }
  return {
    text: `${displayName(profile)} replies within ${promise.phrase} (${citeSource(promise.source, profile, 'bare')}), so expect a reply at ${email} by ${by}.`,
    sources: [promise.source],
  };
}

function escalationText(escalation: EscalationRoute, profile: HandoffRenderProfile): Said {
  return {
    text: `It went to ${escalation.to} as an escalation: the customer service manager reviews it within ${escalation.review} and gives a final resolution or update within ${escalation.resolution} (${citeSource(escalation.source, profile, 'bare')}).`,
    sources: [escalation.source],
  };
}

const OFFLINE_WHY = { holiday: 'for the holiday', weekend: 'for the weekend', after_hours: 'for the day', before_hours: 'until opening time' } as const;

function offlineText(expectation: ReplyExpectation, profile: HandoffRenderProfile): Said | null {
  const offline = expectation.offline;
  if (offline === null) return null;
  const why = offline.reason === 'holiday' && offline.holiday !== null ? `for ${offline.holiday}` : OFFLINE_WHY[offline.reason];
  const back = offline.backAt === null ? '' : ` They're back ${formatDate(offline.backAt, expectation.zone)} at ${formatTime(offline.backAt, expectation.zone)}.`;
  const hours = offline.hoursPhrase === null || offline.source === null ? '' : ` Their hours are ${offline.hoursPhrase} (${citeSource(offline.source, profile, 'bare')}).`;
  return { text: `The team is offline right now ${why}, so your request waits safely until then.${back}${hours}`, sources: offline.source === null ? [] : [offline.source] };
}

function withActions(activity: Partial<Activity>, actions: CardAction[] | undefined): Partial<Activity> {
  return actions === undefined ? activity : { ...activity, suggestedActions: { to: [], actions } };
}

function displayName(profile: HandoffRenderProfile): string {
  return profile.displayName.value;
}

