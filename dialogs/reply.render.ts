// The conversation's replies as messages: answers, "Did you mean…", flow help and stops here;
// each flow's own replies in its renderer.
import { ActionTypes, type Activity, type CardAction } from 'botbuilder';
import type { BrandId } from '../knowledge/brand-ids.js';
import type { LoadedKnowledgeBase } from '../knowledge/knowledge-base.js';
import { FLOW_TOPIC, type Topic } from '../knowledge/topics.js';
import type { ConversationReply, FlowName } from '../machines/conversation.machine.js';
import { renderHandoffReply } from './handoff.render.js';
import { renderNotEnglishReply } from './not-english.render.js';
import { renderPassageReply } from './passage.render.js';
import { MAIN_MENU, messageActivity } from './message.js';
import { renderReturnsReply } from './returns.render.js';
import { renderTrackingReply } from './tracking.render.js';
import type { HandoffUrgency } from '../knowledge/handoff/urgency.js';
import type { SupportChannelData } from './support-channel-data.js';
import { renderVerifyReply } from './verify.render.js';
import { YOU_ARE_WELCOME } from '../knowledge/answers/small-talk.answers.js';

const FLOW_HELP: Record<FlowName, string> = {
  tracking: "I'm looking up your order: I need its order number and the email address you used when ordering.",
  returns:
    "I'm checking whether an item can be returned: I need the order (its number and email), which item, its condition and why you'd like to return it.",
  handoff: "I'm passing your question to a person on the team: I need your name, your email, and a few words about what you need.",
};
const STOPPED: Record<FlowName, string> = {
  tracking: 'looking up your order',
  returns: 'the return check',
  handoff: 'the message to the team; nothing was sent',
};
const ANYTIME = 'You can also ask me a policy question at any point, say "cancel" to stop, or "talk to a person".';

/**
 * One turn's replies as messages. An `offer` is not a message of its own: it makes the message
 * before it a yes/no question (docs/contracts.md: every offer is a question).
 */
export function renderReplies(kb: LoadedKnowledgeBase, brand: BrandId, replies: readonly ConversationReply[]): Partial<Activity>[] {
  // One yes/no question per turn, the one a "yes" answers: the turn's last offer.
  const lastOffer = replies.map((reply) => reply.kind).lastIndexOf('offer');
  const activities: Partial<Activity>[] = [];
  let question: Partial<Activity> | undefined;
  replies.forEach((reply, index) => {
    const offered = activities.at(-1);
    if (reply.kind !== 'offer') activities.push(renderReply(kb, brand, reply));
    else if (index === lastOffer && offered !== undefined) activities[activities.length - 1] = question = asOffer(offered, reply.urgency);
    // An offer asked again, after a reply that was neither yes nor no: the question on its own.
    else if (index === lastOffer) activities.push((question = renderReply(kb, brand, reply)));
  });
  // Two questions in one message, the first answered with an offer: the other answer comes
  // first, so the turn ends with the question the shopper is to answer.
  const ordered = question !== undefined && awaitingIn(activities.at(-1)) === null ? [...activities.filter((activity) => activity !== question), question] : activities;
  // A flow's question asked as the flow starts and again after another answer in the same turn
  // ("where is my order and can I change the address"): only the last ask is shown.
  const shown = ordered.filter((activity, index) => !ordered.slice(index + 1).some((later) => later.text === activity.text));
  // Thanks at a prompt, or a no with a question beside it: what follows is the turn's question
  // or answer, not "anything else?".
  return shown.map((activity, index) => {
    if (index === shown.length - 1) return activity;
    if (supportOf(activity)?.topic === 'thanks') return { ...activity, text: YOU_ARE_WELCOME, suggestedActions: undefined };
    if (activity.text === DECLINED) return { ...activity, text: DECLINED_BRIEFLY, suggestedActions: undefined };
    return activity;
  });
}

function supportOf(activity: Partial<Activity> | undefined): SupportChannelData | undefined {
  return (activity?.channelData as { support?: SupportChannelData } | undefined)?.support;
}

function awaitingIn(activity: Partial<Activity> | undefined): string | null {
  return supportOf(activity)?.awaiting ?? null;
}

const DECLINED = 'No problem. Is there anything else I can help you with?';
const DECLINED_BRIEFLY = 'No problem.';

const YES_NO: CardAction[] = [
  { type: ActionTypes.ImBack, title: 'Yes, please', value: 'yes' },
  { type: ActionTypes.ImBack, title: 'No, thanks', value: 'no' },
];

/**
 * The message as a yes/no question offering a person: `awaiting: "confirm"` and Yes/No choices.
 * A case the brand's documents call urgent is offered as such, in the brand's own word.
 */
function asOffer(activity: Partial<Activity>, urgency?: HandoffUrgency): Partial<Activity> {
  const text = activity.text ?? '';
  const separator = text.includes('\n') ? '\n\n' : ' ';
  const marked = urgency?.urgent === true && urgency.basis?.kind === 'policy' ? `, marked "${urgency.word}"` : '';
  const question = text.includes('?')
    ? ''
    : /\bpass (?:this|your question|your request|it)\b/.test(text)
      ? `${separator}Would you like me to do that?`
      : `${separator}Would you like me to pass this to a person on the team${marked}?`;
  const channelData = activity.channelData as { support: SupportChannelData };
  return {
    ...activity,
    text: `${text}${question}`,
    inputHint: 'expectingInput',
    channelData: { ...channelData, support: { ...channelData.support, awaiting: 'confirm' } },
    suggestedActions: { to: [], actions: YES_NO },
  };
}

export function renderReply(kb: LoadedKnowledgeBase, brand: BrandId, reply: ConversationReply): Partial<Activity> {
  switch (reply.kind) {
    case 'welcome': {
      const greeting = kb.answer(brand, 'greeting');
      return messageActivity(brand, { text: greeting.text, topic: 'greeting', sources: greeting.sources, choices: MAIN_MENU });
    }
    case 'greetAgain':
      return messageActivity(brand, { text: 'Hi again! What can I help you with?', topic: 'greeting', choices: MAIN_MENU });
    case 'declined':
      return messageActivity(brand, { text: DECLINED, topic: 'help', choices: MAIN_MENU });
    case 'offer':
      // Alone (see renderReplies), it is the offer asked again after a reply that said neither yes nor no.
      return asOffer(messageActivity(brand, { text: "Sorry, I'm not sure whether that's a yes.", topic: 'handoff.human' }), reply.urgency);
    case 'answer': {
      const answer = reply.urgency === undefined ? kb.answer(brand, reply.topic) : kb.reportAnswer(brand, reply.topic, { urgency: reply.urgency });
      return messageActivity(brand, {
        text: reply.acknowledge === true ? `I'm sorry to hear that. ${answer.text}` : reply.earlier === true ? `About what you asked earlier: ${answer.text}` : answer.text,
        topic: reply.topic,
        confidence: reply.confidence,
        sources: answer.sources,
        choices: answer.next,
      });
    }
    case 'passage':
      return renderPassageReply(kb, brand, reply);
    case 'notEnglish':
      return renderNotEnglishReply(brand, kb.profile(brand), reply.language);
    case 'didYouMean': {
      const [likeliest] = reply.options;
      // No option was plausible enough to offer: ask again, with what the bot can do.
      if (likeliest === undefined) {
        return messageActivity(brand, {
          text: "I'm not sure I understood. Could you put it another way? I can help with orders, shipping, returns and the store's policies.",
          topic: 'help',
          confidence: 0,
          choices: MAIN_MENU,
        });
      }
      return messageActivity(brand, {
        text: "I'm not sure I understood. Did you mean one of these? You can also rephrase your question.",
        topic: likeliest.topic,
        confidence: likeliest.confidence,
        choices: reply.options.map((option) => option.topic),
      });
    }
    case 'whatElse':
      return messageActivity(brand, { text: 'Sure. What can I help you with?', topic: 'help', choices: MAIN_MENU });
    case 'whichOne':
      return messageActivity(brand, {
        text: 'Which one did you mean? Pick one of these, or tell me in your own words.',
        topic: 'help',
        choices: reply.options,
      });
    case 'cancelled':
      return messageActivity(brand, {
        text: reply.flow === null ? 'Okay. What else can I help you with?' : `Okay, I've stopped ${STOPPED[reply.flow]}. What else can I help you with?`,
        topic: 'help',
        choices: MAIN_MENU,
      });
    case 'flowHelp':
      return messageActivity(brand, { text: `${FLOW_HELP[reply.flow]} ${ANYTIME}`, topic: FLOW_TOPIC[reply.flow], choices: ['handoff.human'] });
    case 'verify.ask':
    case 'verify.ended':
      return renderVerifyReply(brand, reply, kb.profile(brand));
    case 'tracking.status':
      return renderTrackingReply(brand, reply, kb.profile(brand));
    case 'returns.ask':
    case 'returns.verdict':
    case 'returns.notReturnable':
      return renderReturnsReply(brand, reply, kb.profile(brand));
    case 'handoff.ask':
    case 'handoff.confirm':
    case 'handoff.whatToChange':
    case 'handoff.submitted':
    case 'handoff.notSaved':
    case 'handoff.notSent':
      return renderHandoffReply(brand, reply, kb.profile(brand));
    case 'restarted':
      return messageActivity(brand, { text: "Let's start over. What can I help you with?", topic: 'greeting', choices: MAIN_MENU });
  }
}
