// The conversation router: greets, answers from the knowledge base, offers "Did you mean…" when
// unsure, and runs one flow at a time (tracking, returns, handoff) as an invoked child, passing it
// the shopper's messages and relaying its replies. Replies go out as emitted `reply` events that
// dialogs/ turns into messages; a stored handoff ticket goes out as `handoff.stored`.
//
// Between flows it holds the thread of the conversation: the order this conversation verified,
// what a person would need to know next (`handoffCase`), whether the bot has just offered that
// person and waits for a yes or a no, and who the shopper said they are.
import { and, assign, emit, enqueueActions, sendTo, setup, type AnyActorRef } from 'xstate';
import type { BrandId } from '../knowledge/brand-ids.js';
import { summarizeCase } from '../knowledge/handoff/case-summary.js';
import type { HandoffCase, HandoffCategory } from '../knowledge/handoff/handoff-case.types.js';
import type { HandoffTicket } from '../knowledge/handoff/handoff-ticket.types.js';
import { caseFromReport, categoryFromWords } from '../knowledge/handoff/issue-case.js';
import { urgencyOf, type HandoffUrgency } from '../knowledge/handoff/urgency.js';
import { saysItsUrgent } from '../knowledge/handoff/urgent-words.js';
import type { Order } from '../knowledge/orders/order.schema.js';
import { asksIfBot, readYesNo } from '../knowledge/readers/dialogue-act.reader.js';
import { trimTrailing } from '../knowledge/readers/text-edges.js';
import { TOPIC_CHOICES, type Topic } from '../knowledge/topics.js';
import type { QuotedPassage, TopicScore, Understanding } from '../knowledge/understanding/understanding.types.js';
import type { FlowDeps } from './flow-effects.js';
import { textOf, type UserSaid } from './flow-events.js';
import { createHandoffMachine, type HandoffOutput, type HandoffReply, type HandoffReplyEvent } from './handoff.machine.js';
import { createReturnsMachine, type ReturnsOutput, type ReturnsReply, type ReturnsReplyEvent } from './returns.machine.js';
import { createTrackingMachine, type TrackingOutput, type TrackingReply, type TrackingReplyEvent } from './tracking.machine.js';
import { givenBefore, type VerifyReply } from './verify-order.machine.js';

/** The flows the router can be in; the help text and digressions depend on it. */
export type FlowName = 'tracking' | 'returns' | 'handoff';

/** The topic whose request starts each flow: asked again inside it, it is the flow's, not a question to answer. */
const FLOW_TOPIC: Record<FlowName, Topic> = { tracking: 'order.tracking', returns: 'returns.start', handoff: 'handoff.human' };

/** Topics the returns flow handles itself while it asks about the item: "it's final sale" is an answer there. */
const RETURNS_OWN_TOPICS: readonly Topic[] = ['returns.start', 'returns.policy', 'product.issue', 'product.final_sale', 'product.custom'];

/**
 * A question asked at a prompt ("do I need to pay for return shipping?") is answered from the
 * likeliest topic even below the usual bar: the prompt could not use it, and asking it again
 * with a "that doesn't look like…" would be worse than a close answer.
 */
const ASKED_CONFIDENCE = 0.3;

/** Where a flow's prompt is free text: anything typed is the answer, never a question to answer. */
const FREE_TEXT_SLOTS: ReadonlySet<string> = new Set(['description']);

/** Why a tracking flow ended wanting a person, as the handoff files it. */
const TRACKING_HANDOFF: Record<NonNullable<TrackingOutput['handoffReason']>, HandoffCategory> = {
  late: 'late_delivery',
  notShipped: 'not_shipped',
  gaveUp: 'lookup_failed',
  locked: 'lookup_failed',
  unavailable: 'other',
  skipped: 'lookup_failed',
  cancelled: 'other',
};

/** Topics whose words, said with an order number, ask where that order is. */
const LOOKUP_TOPICS: ReadonlySet<Topic> = new Set<Topic>([
  'order.tracking', 'shipping.problem', 'shipping.timeline', 'policy.other', 'out_of_scope', 'help', 'greeting', 'thanks',
]);
/** An order number with at most this many other words ("what about KS-100234?") is a lookup. */
const LOOKUP_WORDS = 3;

/** The words of a message besides order numbers and emails. */
function meaningfulWords(text: string): number {
  return text.split(/\s+/).filter((word) => /\p{L}{2,}/u.test(word) && !/\d/.test(word) && !word.includes('@')).length;
}

/** Requests only the team can carry out: offered to them with the shopper's words as the message. */
const TEAM_REQUESTS: Partial<Record<Topic, HandoffCategory>> = { 'order.cancel': 'cancellation', 'order.change': 'order_change' };
/** "Can you change the engraving to say Mia": a change to a personalization is the team's too. */
const CHANGES_PERSONALIZATION = /\b(?:change|changing|update|edit|fix|correct|redo|swap)\b/i;

function teamRequestOf(topic: Topic, text: string): HandoffCategory | undefined {
  if (topic === 'product.custom' && CHANGES_PERSONALIZATION.test(text)) return 'order_change';
  return TEAM_REQUESTS[topic];
}

/** What the bot should say; dialogs/ turns each into a message. Emitted as `reply` events. */
export type ConversationReply =
  | { kind: 'welcome' }
  /** Greeted again after the welcome: a short hello, not the welcome word for word. */
  | { kind: 'greetAgain' }
  /**
   * `urgency`: the answer to a problem the shopper just reported offers the team as its ticket
   * would be flagged. `acknowledge`: the shopper reported a problem; say sorry first. `earlier`:
   * it answers a request made during the flow that just ended; say so.
   */
  | { kind: 'answer'; topic: Topic; confidence: number; urgency?: HandoffUrgency; acknowledge?: boolean; earlier?: boolean }
  /**
   * The reply before this one ends with an offer of a person: dialogs/ make it a yes/no question,
   * saying it will be marked urgent when the ticket would be (`urgency`).
   */
  | { kind: 'offer'; urgency?: HandoffUrgency }
  /** The shopper said no to the offer. */
  | { kind: 'declined' }
  /** The brand's own sentences, quoted: what they say beyond the topic's answer, or where none fits. */
  | { kind: 'passage'; topic: Topic; confidence: number; passages: QuotedPassage[] }
  /** The message is in another language: say, in it, that the assistant reads English. */
  | { kind: 'notEnglish'; language: string }
  | { kind: 'didYouMean'; options: TopicScore[] }
  /** A bare "yes" when nothing was asked: what can the bot do, then. */
  | { kind: 'whatElse' }
  /** "Yes" to a "Did you mean…" of several: which one, with the same choices. */
  | { kind: 'whichOne'; options: Topic[] }
  | { kind: 'flowHelp'; flow: FlowName }
  | { kind: 'cancelled'; flow: FlowName | null }
  | { kind: 'restarted' }
  | VerifyReply
  | TrackingReply
  | ReturnsReply
  | HandoffReply;

export interface ReplyEmitted {
  type: 'reply';
  reply: ConversationReply;
}

/** A handoff ticket was stored this turn: channels with a live-agent hub may announce it. */
export interface TicketStoredEmitted {
  type: 'handoff.stored';
  ticket: HandoffTicket;
}

export type ShopperCommand = 'cancel' | 'restart' | 'help';

/** One thing answering a message does, in order: say a reply, or keep something in the context. */
type AnswerStep = { emit: ReplyEmitted } | { assign: Partial<ConversationContext> };

export type ConversationEvent =
  | { type: 'conversation.started'; at: string }
  | UserSaid
  | { type: 'user.command'; command: ShopperCommand; at: string }
  | TrackingReplyEvent
  | ReturnsReplyEvent
  | HandoffReplyEvent;

export interface ConversationInput {
  brand: BrandId;
  /** Below this confidence the bot offers its likeliest guesses instead of answering. */
  confidenceThreshold: number;
}

export interface ConversationContext {
  brand: BrandId;
  confidenceThreshold: number;
  /** The topics offered in the last "Did you mean…", in the order shown. */
  offered: Topic[];
  /** The message the last "Did you mean…" guessed at: a pick is answered as if it had been understood. */
  guessedFrom?: string | null;
  /** Low-confidence turns in a row: after a few, a person is offered among the guesses. */
  misunderstandings: number;
  /** The order this conversation proved is the shopper's (number and email matched). */
  verifiedOrder: Order | null;
  /** Failed order verifications in this conversation, across flows and "start over". */
  failedVerifications: number;
  /** What the last flow or report would hand to a person, should the shopper want one next. */
  handoffCase: HandoffCase | null;
  /** The bot's last message offered a person for `handoffCase` and waits for a yes or a no. */
  offerPending: boolean;
  /**
   * A request only the team can carry out, made while a flow was asking something ("where is my
   * order and can I change the address"): offered to the team once the flow ends.
   */
  laterRequest?: HandoffCase | null;
  /** Who the shopper said they are in a handoff: a second one does not ask again. */
  contact: { name: string; email: string } | null;
  /** The welcome was given: a second hello gets a short one. */
  greeted: boolean;
  /** The slot the running flow last asked for, as `channelData.support.awaiting` names it. */
  awaiting: string | null;
  /** The flow in progress, if any. */
  flow: FlowName | null;
}

const MAX_GUESSES = 3;
const MISUNDERSTANDINGS_BEFORE_PERSON = 2;

/** "The second one", "2nd", "option 3", "the last one please": a choice picked by its place. */
const PICKS_BY_PLACE = /^(?:the |option |number |#)?(first|second|third|1st|2nd|3rd|last|[1-3])(?: one| option| choice)?(?:,? please|,? pls)?$/;
const PLACES: Readonly<Record<string, number>> = { first: 1, '1st': 1, '1': 1, second: 2, '2nd': 2, '2': 2, third: 3, '3rd': 3, '3': 3 };

/** Which offered topic a reply picks: its number, its button title or value, or undefined. */
export function pickOffered(offered: readonly Topic[], text: string): Topic | undefined {
  // "Yes" to a "Did you mean…" of one choice is that choice.
  if (offered.length === 1 && readYesNo(text) === 'yes') return offered[0];
  const said = trimTrailing(text.trim().toLowerCase(), '.!? ');
  const ordinal = PICKS_BY_PLACE.exec(said)?.[1];
  const index = ordinal === undefined ? Number.parseInt(said, 10) : ordinal === 'last' ? offered.length : (PLACES[ordinal] ?? 0);
  if ((ordinal !== undefined || String(index) === said) && index >= 1 && index <= offered.length) return offered[index - 1];
  return offered.find((topic) => {
    const choice = TOPIC_CHOICES[topic];
    return choice.title.toLowerCase() === said || choice.value.toLowerCase() === said;
  });
}

function guesses(understanding: Understanding, misunderstandings: number): TopicScore[] {
  // Once resolved, only the plausible alternatives are offered.
  const candidates = understanding.outcome?.kind === 'clarify' ? understanding.outcome.options : understanding.ranked;
  const options = candidates.filter((score) => score.topic !== 'out_of_scope').slice(0, MAX_GUESSES);
  if (misunderstandings >= MISUNDERSTANDINGS_BEFORE_PERSON && !options.some((o) => o.topic === 'handoff.human')) {
    return [...options.slice(0, MAX_GUESSES - 1), { topic: 'handoff.human', confidence: 0 }];
  }
  return options;
}

/** The reply an outcome words itself (a quoted passage, another language), if it is one of those. */
function outcomeReply(understanding: Understanding): ConversationReply | undefined {
  const { outcome, confidence } = understanding;
  if (outcome?.kind === 'passage') return { kind: 'passage', topic: outcome.topic, confidence, passages: outcome.passages };
  if (outcome?.kind === 'not_english') return { kind: 'notEnglish', language: outcome.language };
  return undefined;
}

function confident(context: ConversationContext, understanding: Understanding): boolean {
  return understanding.topic === 'out_of_scope' || understanding.confidence >= context.confidenceThreshold;
}

function understoodAsTopic(context: ConversationContext, understanding: Understanding): boolean {
  return understanding.topic !== 'out_of_scope' && understanding.confidence >= context.confidenceThreshold;
}

function hasEntities(understanding: Understanding): boolean {
  return understanding.entities.orderNumber !== undefined || understanding.entities.email !== undefined;
}

/** A message the router reads: the shopper's, confidently understood, about `topic`. */
function saysConfidently(context: ConversationContext, event: ConversationEvent, topic: Topic): boolean {
  return event.type === 'user.said' && event.understanding.topic === topic && confident(context, event.understanding);
}

// Slot answers ("it broke", "jane@example.com") are statements; a digression is asked.
const QUESTION =
  /\?\s*$|^(?:wait|hold on|oh|also|and|but|btw|quick question|sorry)?[,\s]*(?:what|when|where|who|why|how|is|are|do|does|did|can|could|will|would|should|i'?d like to know|i want to know|i was wondering|tell me|can you tell me)\b/i;

/** "Please have someone contact me" and other ways of saying yes to a person. */
const WANTS_CONTACT =
  /\b(?:have|get|ask) (?:someone|somebody|a person|the team|support|an agent) (?:to )?(?:contact|call|email|reach|get back to|write to) me\b|\b(?:pass it on|pass this on|send it to (?:them|the team)|contact me|reach out to me|look into it|check on it|(?:can|could) (?:someone|somebody|a person|you) (?:look|check|help))\b/i;

/** The slot a flow's reply asks for (`channelData.support.awaiting`), or null. */
function awaitingOf(reply: ConversationReply): string | null {
  switch (reply.kind) {
    case 'verify.ask':
    case 'returns.ask':
    case 'handoff.ask':
      return reply.slot;
    case 'handoff.confirm':
    case 'handoff.notSaved':
      return 'confirm';
    default:
      return null;
  }
}

/** Failed verifications counted so far by a running flow or the verification inside it. */
function failuresIn(actor: AnyActorRef | undefined): number {
  if (actor === undefined) return 0;
  const state = actor.getSnapshot() as { context?: { failedAttempts?: number }; children?: Record<string, AnyActorRef | undefined> };
  return Math.max(state.context?.failedAttempts ?? 0, ...Object.values(state.children ?? {}).map(failuresIn));
}

/** The time of the event that starts a flow: every event the router starts one on carries it. */
function timeOf(event: ConversationEvent): string {
  if ('at' in event) return event.at;
  throw new Error(`a flow cannot start on ${event.type}`);
}

function flowInput(context: ConversationContext, event: ConversationEvent) {
  const said = event.type === 'user.said' ? event : undefined;
  return {
    brand: context.brand,
    at: timeOf(event),
    orderNumber: said?.understanding.entities.orderNumber,
    email: said?.understanding.entities.email,
    verifiedOrder: context.verifiedOrder ?? undefined,
    failedAttempts: context.failedVerifications,
  };
}

/** A message that asks for a flow starts it, wherever the conversation is between flows. */
const START_FLOW = [
  { guard: 'asksToTrack', target: 'tracking', actions: 'understood' },
  { guard: 'asksToReturn', target: 'returns', actions: 'understood' },
  { guard: 'asksForPerson', target: 'handoff', actions: 'understood' },
  // An order number outside any flow: the flow the words ask for, tracking by default.
  { guard: 'bringsOrderForReturn', target: 'returns', actions: 'understood' },
  { guard: 'bringsOrderNumber', target: 'tracking', actions: 'understood' },
] as const;

/** A yes or a no to the person the bot just offered. */
const OFFER_ANSWERS = [
  { guard: 'takesOffer', target: 'handoff', actions: 'understood' },
  { guard: 'declinesOffer', actions: ['understood', 'declined'] },
] as const;

/** How the router treats messages while a flow is active; the same for every flow. */
const FLOW_EVENTS = {
  'flow.reply': { actions: 'relayFlowReply' },
  'user.command': [
    { guard: ({ event }: { event: ConversationEvent }) => event.type === 'user.command' && event.command === 'help', actions: ['flowHelp', 'repromptFlow'] },
    { guard: ({ event }: { event: ConversationEvent }) => event.type === 'user.command' && event.command === 'restart', target: 'idle', actions: ['keepFlowFailures', 'understood', 'forgetLaterRequest', 'restarted'] },
    { target: 'idle', actions: ['keepFlowFailures', 'understood', 'forgetLaterRequest', 'cancelledFlow'] },
  ],
  'user.said': [
    { guard: 'asksIdentity', actions: ['answerIdentity', 'repromptFlow'] },
    { guard: 'asksForPersonMidFlow', target: 'handoff', actions: ['keepFlowFailures'] },
    // Several questions at once: each answered, the flow's question asked again once, after the last.
    { guard: and(['moreFollows', 'isDigression']), actions: ['answer', 'keepLaterRequest'] },
    { guard: 'isDigression', actions: ['answer', 'keepLaterRequest', 'repromptFlow'] },
    { actions: 'forwardToFlow' },
  ],
} as const;

export function createConversationMachine(deps: FlowDeps) {
  /** What the bot says to a message it understood, and what it keeps of it (a problem reported, a request for the team). */
  function answerSaid(context: ConversationContext, event: UserSaid): AnswerStep[] {
    const steps: AnswerStep[] = [];
    const { topic, confidence } = event.understanding;
    if (topic === 'greeting' && context.greeted) {
      steps.push({ emit: { type: 'reply', reply: { kind: 'greetAgain' } } });
      return steps;
    }
    const reported = caseFromReport(topic, event.text);
    const request = teamRequestOf(topic, event.text);
    const withOrder = (known: HandoffCase): HandoffCase => {
      const orderNumber = event.understanding.entities.orderNumber;
      return {
        ...known,
        ...(context.verifiedOrder === null ? {} : { verifiedOrder: context.verifiedOrder }),
        ...(orderNumber === undefined ? {} : { orderNumber }),
      };
    };
    const worded = outcomeReply(event.understanding);
    if (worded !== undefined) {
      // A quoted passage or another language: said as such; a problem it reports is still kept and offered.
      steps.push({ emit: { type: 'reply', reply: worded } });
      if (reported !== undefined && worded.kind === 'passage') {
        steps.push({ assign: { handoffCase: withOrder(reported), offerPending: true } });
        steps.push({ emit: { type: 'reply', reply: { kind: 'offer' } } });
      }
      return steps;
    }
    if (reported !== undefined) {
      const known = withOrder(reported);
      const urgency = urgencyOf(deps.profileOf(context.brand), known, event.at);
      steps.push({ assign: { handoffCase: known, offerPending: true } });
      steps.push({ emit: { type: 'reply', reply: { kind: 'answer', topic, confidence, urgency, acknowledge: true } } });
      steps.push({ emit: { type: 'reply', reply: { kind: 'offer' } } });
      return steps;
    }
    steps.push({ emit: { type: 'reply', reply: { kind: 'answer', topic, confidence } } });
    if (request !== undefined) {
      const known = withOrder({ category: request, description: event.text, ...(saysItsUrgent(event.text) ? { shopperSaysUrgent: true } : {}) });
      steps.push({ assign: { handoffCase: known, offerPending: true } });
      steps.push({ emit: { type: 'reply', reply: { kind: 'offer' } } });
    } else if (!deps.answerOf(context.brand, topic).stated) {
      // Two questions of one message the documents are silent on go to the team as one.
      const earlier = event.follows === true && context.offerPending && context.handoffCase?.category === 'person_requested' ? context.handoffCase.description : undefined;
      const description = earlier === undefined ? event.text : `${earlier}\n${event.text}`;
      steps.push({ assign: { handoffCase: { category: 'person_requested', description }, offerPending: true } });
      steps.push({ emit: { type: 'reply', reply: { kind: 'offer' } } });
    }
    return steps;
  }

  return setup({
    types: {} as { context: ConversationContext; events: ConversationEvent; input: ConversationInput; emitted: ReplyEmitted | TicketStoredEmitted },
    actors: { tracking: createTrackingMachine(deps), returns: createReturnsMachine(deps), handoff: createHandoffMachine(deps) },
    guards: {
      pickedAnOffer: ({ context, event }) => event.type === 'user.said' && pickOffered(context.offered, event.text) !== undefined,
      understoodWell: ({ context, event }) => event.type === 'user.said' && confident(context, event.understanding),
      asksToTrack: ({ context, event }) => saysConfidently(context, event, 'order.tracking'),
      pickedTracking: ({ context, event }) => event.type === 'user.said' && pickOffered(context.offered, event.text) === 'order.tracking',
      pickedPerson: ({ context, event }) => event.type === 'user.said' && pickOffered(context.offered, event.text) === 'handoff.human',
      asksToReturn: ({ context, event }) => saysConfidently(context, event, 'returns.start'),
      pickedReturn: ({ context, event }) => event.type === 'user.said' && pickOffered(context.offered, event.text) === 'returns.start',
      asksForPerson: ({ context, event }) => saysConfidently(context, event, 'handoff.human'),
      /** "Can I return KS-100236?": an order number with words about returning it. */
      bringsOrderForReturn: ({ event }) =>
        event.type === 'user.said' && event.understanding.entities.orderNumber !== undefined && RETURNS_OWN_TOPICS.includes(event.understanding.topic),
      /**
       * An order number with nothing else asked of it ("KS-100235", "what about KS-100234?", "is
       * KS-100233 late?"): look it up. A number with another request ("an invoice for order …",
       * "cancel KS-100233") is that request's.
       */
      bringsOrderNumber: ({ context, event }) => {
        if (event.type !== 'user.said' || event.understanding.entities.orderNumber === undefined) return false;
        const { topic, confidence, entities } = event.understanding;
        // "Can u track ks100234, my email is …": both given, nothing else can be meant.
        if (entities.email !== undefined && TEAM_REQUESTS[topic] === undefined) return true;
        return LOOKUP_TOPICS.has(topic) || (confidence < context.confidenceThreshold && meaningfulWords(event.text) <= LOOKUP_WORDS);
      },
      /** "Yes" to a "Did you mean…" of several choices says which one. */
      saysYesToSeveral: ({ context, event }) => context.offered.length > 1 && readYesNo(textOf(event)) === 'yes',
      /** "Yes" or "no" when the bot asked nothing: an answer to a question no longer on screen, not a new question. */
      bareYes: ({ context, event }) => event.type === 'user.said' && readYesNo(event.text) === 'yes' && !understoodAsTopic(context, event.understanding),
      bareNo: ({ context, event }) => event.type === 'user.said' && readYesNo(event.text) === 'no' && !understoodAsTopic(context, event.understanding),
      saysNoToGuesses: ({ context, event }) => context.offered.length > 0 && readYesNo(textOf(event)) === 'no',
      takesOffer: ({ context, event }) =>
        context.offerPending &&
        event.type === 'user.said' &&
        (readYesNo(event.text) === 'yes' || WANTS_CONTACT.test(event.text) || saysConfidently(context, event, 'handoff.human')),
      declinesOffer: ({ context, event }) => context.offerPending && readYesNo(textOf(event)) === 'no',
      asksForPersonMidFlow: ({ context, event }) => context.flow !== 'handoff' && saysConfidently(context, event, 'handoff.human') && !asksIfBot(textOf(event)),
      /** "Am I talking to a bot?": plainly an automated assistant, wherever it is asked. */
      asksIdentity: ({ event }) => asksIfBot(textOf(event)),
      /**
       * A question about something else, carrying nothing the prompt could use: answer it and let
       * the flow ask again. Anything else (an order number, an email, gibberish, a free-text
       * description) is the flow's.
       */
      /** More questions of the same message follow this one. */
      moreFollows: ({ event }) => event.type === 'user.said' && event.more === true,
      isDigression: ({ context, event }) => {
        const flow = context.flow;
        if (flow === null || event.type !== 'user.said' || hasEntities(event.understanding)) return false;
        if (context.awaiting !== null && FREE_TEXT_SLOTS.has(context.awaiting)) return false;
        // A question mark makes it a question whatever its topic, and so does being one of several
        // questions split from one message; otherwise it must start like one.
        const asked = /\?\s*$/.test(event.text) || event.more === true;
        if (!asked && !QUESTION.test(event.text)) return false;
        const { topic, confidence } = event.understanding;
        if (topic === 'out_of_scope' || confidence < (asked ? ASKED_CONFIDENCE : context.confidenceThreshold)) return false;
        if (asked) return true;
        // The returns flow reads "it's final sale" and "it arrived broken" as answers about the item.
        return topic !== FLOW_TOPIC[flow] && (flow !== 'returns' || !RETURNS_OWN_TOPICS.includes(topic));
      },
    },
    actions: {
      welcome: enqueueActions(({ enqueue }) => {
        enqueue.assign({ greeted: true });
        enqueue.emit({ type: 'reply', reply: { kind: 'welcome' } });
      }),
      askWhatElse: emit({ type: 'reply', reply: { kind: 'whatElse' } } as const),
      askWhichOne: emit(({ context }) => ({ type: 'reply', reply: { kind: 'whichOne', options: context.offered } }) as const),
      answer: emit(({ event }): ReplyEmitted => {
        const { topic, confidence } = event.type === 'user.said' ? event.understanding : { topic: 'help' as const, confidence: 0 };
        const worded = event.type === 'user.said' ? outcomeReply(event.understanding) : undefined;
        return { type: 'reply', reply: worded ?? { kind: 'answer', topic, confidence } };
      }),
      /**
       * The answer to a message understood between flows. A reported problem ("my bracelet arrived
       * broken") is acknowledged, its case kept and the team offered as its ticket would be flagged;
       * a request only the team can carry out, and a question the documents are silent on, offer
       * the team too.
       */
      answerTopic: enqueueActions(({ context, event, enqueue }) => {
        if (event.type !== 'user.said') return;
        for (const step of answerSaid(context, event)) {
          if ('emit' in step) enqueue.emit(step.emit);
          else enqueue.assign(step.assign);
        }
      }),
      /**
       * A "Did you mean…" choice: answered as if the message it guessed at had been understood so,
       * so a problem it reported is acknowledged and offered to the team like any other.
       */
      answerPickedOffer: enqueueActions(({ context, event, enqueue }) => {
        if (event.type !== 'user.said') return;
        const topic = pickOffered(context.offered, event.text) ?? 'help';
        enqueue.assign({ offered: [], misunderstandings: 0, offerPending: false, guessedFrom: null });
        const text = context.guessedFrom ?? event.text;
        const picked: UserSaid = { ...event, text, follows: false, understanding: { ...event.understanding, topic, confidence: 1, outcome: undefined } };
        for (const step of answerSaid({ ...context, offerPending: false }, picked)) {
          if ('emit' in step) enqueue.emit(step.emit);
          else enqueue.assign(step.assign);
        }
      }),
      declined: emit({ type: 'reply', reply: { kind: 'declined' } } as const),
      announceTicket: enqueueActions(({ enqueue }, output: HandoffOutput) => {
        if (output.ticket === undefined) return;
        enqueue.assign({ contact: { name: output.ticket.customer.name, email: output.ticket.customer.email } });
        enqueue.emit({ type: 'handoff.stored', ticket: output.ticket });
      }),
      offerGuesses: enqueueActions(({ context, event, enqueue }) => {
        if (event.type !== 'user.said') return;
        const misunderstandings = context.misunderstandings + 1;
        const options = guesses(event.understanding, misunderstandings);
        enqueue.assign({ offered: options.map((o) => o.topic), misunderstandings, guessedFrom: event.text });
        enqueue.emit({ type: 'reply', reply: { kind: 'didYouMean', options } });
      }),
      answerHelp: emit({ type: 'reply', reply: { kind: 'answer', topic: 'help', confidence: 1 } } as const),
      // The help answer says it plainly: an automated assistant, and a person one message away.
      answerIdentity: emit({ type: 'reply', reply: { kind: 'answer', topic: 'help', confidence: 1 } } as const),
      /** Understood: no guesses on screen, and any offer not taken lapses. */
      understood: assign({
        offered: () => [],
        guessedFrom: null,
        misunderstandings: 0,
        // An offer made by an earlier question of the same message is still the one to answer.
        offerPending: ({ context, event }) => event.type === 'user.said' && event.follows === true && context.offerPending,
      }),
      relayFlowReply: enqueueActions(({ event, enqueue }) => {
        if (event.type !== 'flow.reply') return;
        enqueue.assign({ awaiting: awaitingOf(event.reply) });
        enqueue.emit({ type: 'reply', reply: event.reply });
      }),
      repromptFlow: sendTo('flow', ({ event }) => ({ type: 'flow.reprompt', at: timeOf(event) })),
      forwardToFlow: sendTo('flow', ({ event }) => event),
      flowHelp: emit(({ context }) => ({ type: 'reply', reply: { kind: 'flowHelp', flow: context.flow ?? 'tracking' } }) as const),
      /** A flow that ended wanting a person offers one, with what it learned kept for the handoff. */
      offerPerson: enqueueActions(({ context, enqueue }) => {
        enqueue.assign({ offerPending: true });
        const known = context.handoffCase;
        // What a flow found is already dated (a late order, a verdict's defect window): no time needed here.
        const urgency = known === null ? undefined : urgencyOf(deps.profileOf(context.brand), known);
        enqueue.emit({ type: 'reply', reply: { kind: 'offer', ...(urgency?.urgent === true ? { urgency } : {}) } });
      }),
      rememberTracking: assign(({ context, event }) => {
        const output = (event as unknown as { output: TrackingOutput }).output;
        const verifiedOrder = output.verifiedOrder ?? context.verifiedOrder;
        const category = output.handoffReason === undefined ? undefined : TRACKING_HANDOFF[output.handoffReason];
        // What the shopper could not give is not asked again; what they did give goes along.
        const given = givenBefore(output.ended);
        return {
          verifiedOrder,
          failedVerifications: output.failedAttempts,
          handoffCase: category === undefined ? context.handoffCase : { category, ...(verifiedOrder ? { verifiedOrder } : {}), ...given },
        };
      }),
      forgetCase: assign({ handoffCase: null, offerPending: false }),
      keepLaterRequest: assign(({ context, event }) => {
        if (event.type !== 'user.said' || context.flow === 'handoff') return {};
        const request = teamRequestOf(event.understanding.topic, event.text);
        return request === undefined ? {} : { laterRequest: { category: request, description: event.text, ...(saysItsUrgent(event.text) ? { shopperSaysUrgent: true } : {}) } };
      }),
      forgetLaterRequest: assign({ laterRequest: null }),
      /** The flow ended without wanting a person: a request made during it is offered to the team now. */
      offerLaterRequest: enqueueActions(({ context, enqueue }) => {
        const request = context.laterRequest ?? null;
        if (request === null) return;
        const topic = request.category === 'cancellation' ? 'order.cancel' : 'order.change';
        const verifiedOrder = context.verifiedOrder;
        enqueue.assign({ laterRequest: null, handoffCase: verifiedOrder === null ? request : { ...request, verifiedOrder }, offerPending: true });
        enqueue.emit({ type: 'reply', reply: { kind: 'answer', topic, confidence: 1, earlier: true } });
        enqueue.emit({ type: 'reply', reply: { kind: 'offer' } });
      }),
      rememberReturn: assign(({ context, event }) => {
        const output = (event as unknown as { output: ReturnsOutput }).output;
        return {
          verifiedOrder: output.verifiedOrder ?? context.verifiedOrder,
          failedVerifications: output.failedAttempts,
          handoffCase: output.handoffCase ?? null,
        };
      }),
      /** The flow is about to be stopped mid-way: keep its failed attempts so the limit holds. */
      keepFlowFailures: assign(({ context, self }) => ({
        failedVerifications: Math.max(context.failedVerifications, failuresIn(self.getSnapshot().children.flow as AnyActorRef | undefined)),
      })),
      cancelled: emit({ type: 'reply', reply: { kind: 'cancelled', flow: null } } as const),
      cancelledFlow: emit(({ context }) => ({ type: 'reply', reply: { kind: 'cancelled', flow: context.flow } }) as const),
      enterTracking: assign({ flow: 'tracking' as const }),
      enterReturns: assign({ flow: 'returns' as const }),
      enterHandoff: assign({ flow: 'handoff' as const }),
      leaveFlow: assign({ flow: null, awaiting: null }),
      restarted: emit({ type: 'reply', reply: { kind: 'restarted' } } as const),
    },
  }).createMachine({
    id: 'conversation',
    context: ({ input }) => ({
      brand: input.brand,
      confidenceThreshold: input.confidenceThreshold,
      offered: [],
      misunderstandings: 0,
      verifiedOrder: null,
      failedVerifications: 0,
      handoffCase: null,
      offerPending: false,
      laterRequest: null,
      contact: null,
      greeted: false,
      awaiting: null,
      flow: null,
    }),
    initial: 'idle',
    on: {
      'conversation.started': { target: '.idle', actions: ['understood', 'welcome'] },
      'user.command': [
        { guard: ({ event }) => event.command === 'help', target: '.idle', actions: ['understood', 'answerHelp'] },
        { guard: ({ event }) => event.command === 'restart', target: '.idle', actions: ['understood', 'restarted'] },
        { target: '.idle', actions: ['understood', 'cancelled'] },
      ],
    },
    states: {
      idle: {
        entry: 'leaveFlow',
        on: {
          'user.said': [
            ...OFFER_ANSWERS,
            { guard: 'asksIdentity', actions: ['understood', 'answerIdentity'] },
            { guard: 'bareYes', actions: ['understood', 'askWhatElse'] },
            { guard: 'bareNo', actions: ['understood', 'declined'] },
            ...START_FLOW,
            { guard: 'understoodWell', actions: ['understood', 'answerTopic'] },
            { target: 'choosing', actions: 'offerGuesses' },
          ],
        },
      },
      /** A "Did you mean…" is on screen: a pick answers it, anything else is a new question. */
      choosing: {
        entry: 'leaveFlow',
        on: {
          'user.said': [
            { guard: 'pickedTracking', target: 'tracking', actions: 'understood' },
            { guard: 'pickedReturn', target: 'returns', actions: 'understood' },
            { guard: 'pickedPerson', target: 'handoff', actions: 'understood' },
            { guard: 'pickedAnOffer', target: 'idle', actions: 'answerPickedOffer' },
            { guard: 'saysYesToSeveral', actions: 'askWhichOne' },
            { guard: 'saysNoToGuesses', target: 'idle', actions: ['understood', 'declined'] },
            ...START_FLOW,
            { guard: 'understoodWell', target: 'idle', actions: ['understood', 'answerTopic'] },
            { target: 'choosing', reenter: true, actions: 'offerGuesses' },
          ],
        },
      },
      tracking: {
        entry: 'enterTracking',
        invoke: {
          id: 'flow',
          src: 'tracking',
          input: ({ context, event }) => flowInput(context, event),
          onDone: [
            { guard: ({ event }) => event.output.offerHandoff, target: 'idle', actions: ['rememberTracking', 'forgetLaterRequest', 'offerPerson'] },
            { target: 'idle', actions: ['rememberTracking', 'offerLaterRequest'] },
          ],
        },
        on: FLOW_EVENTS,
      },
      handoff: {
        entry: 'enterHandoff',
        invoke: {
          id: 'flow',
          src: 'handoff',
          input: ({ context, event }) => {
            const said = event.type === 'user.said' ? event : undefined;
            const at = timeOf(event);
            // "Talk to a person, my bracelet arrived broken": the request itself may name the problem.
            const fromWords = said ? categoryFromWords('person_requested', said.text) : 'person_requested';
            const known: HandoffCase =
              context.handoffCase ?? (fromWords === 'person_requested' ? { category: fromWords } : { category: fromWords, description: said?.text });
            const verifiedOrder = known.verifiedOrder ?? context.verifiedOrder ?? undefined;
            const withOrder: HandoffCase = verifiedOrder === undefined ? known : { ...known, verifiedOrder };
            // What a flow learned goes to the agent, so the shopper is only asked whether to add anything.
            const summary = known.description === undefined ? summarizeCase(withOrder, deps.profileOf(context.brand), at) : undefined;
            const contact = context.contact;
            // "Talk to a person about JAA-530123, my email is …": what the request itself carries.
            const carried = said?.understanding.entities ?? {};
            return {
              brand: context.brand,
              at,
              case: {
                ...withOrder,
                ...(summary === undefined ? {} : { summary }),
                ...(said && saysItsUrgent(said.text) ? { shopperSaysUrgent: true } : {}),
                ...(carried.orderNumber !== undefined && known.orderNumber === undefined ? { orderNumber: carried.orderNumber } : {}),
                ...(carried.email !== undefined && known.email === undefined ? { email: carried.email } : {}),
                ...(contact !== null && known.name === undefined && verifiedOrder?.customerName == null ? { name: contact.name } : {}),
                ...(contact !== null && known.email === undefined && carried.email === undefined && verifiedOrder === undefined ? { email: contact.email } : {}),
              },
            };
          },
          onDone: { target: 'idle', actions: ['forgetCase', { type: 'announceTicket', params: ({ event }) => event.output }] },
        },
        on: FLOW_EVENTS,
      },
      returns: {
        entry: 'enterReturns',
        invoke: {
          id: 'flow',
          src: 'returns',
          input: ({ context, event }) => ({ ...flowInput(context, event), text: event.type === 'user.said' ? event.text : undefined }),
          onDone: [
            { guard: ({ event }) => event.output.offerHandoff, target: 'idle', actions: ['rememberReturn', 'forgetLaterRequest', 'offerPerson'] },
            { target: 'idle', actions: ['rememberReturn', 'offerLaterRequest'] },
          ],
        },
        on: FLOW_EVENTS,
      },
    },
  });
}

export type ConversationMachine = ReturnType<typeof createConversationMachine>;
