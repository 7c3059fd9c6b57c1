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
import { caseFromReport, categoryFromProblem } from '../knowledge/handoff/issue-case.js';
import { urgencyOf, type HandoffUrgency } from '../knowledge/handoff/urgency.js';
import type { Source } from '../knowledge/knowledge-base.types.js';
import { orderNumbersMatch } from '../knowledge/orders/order-matching.js';
import type { Order } from '../knowledge/orders/order.schema.js';
import type { AwaitedSlot, Command, FlowName, MessageFacts, QuotedPassage, TopicScore } from '../knowledge/reading/reading.types.js';
import { FLOW_TOPIC, TOPIC_CHOICES, type Topic } from '../knowledge/topics.js';
import type { FlowDeps } from './flow-effects.js';
import { isCommand, type UserSaid } from './flow-events.js';
import { createHandoffMachine, type HandoffOutput, type HandoffReply, type HandoffReplyEvent } from './handoff.machine.js';
import { createReturnsMachine, type ReturnsOutput, type ReturnsReply, type ReturnsReplyEvent } from './returns.machine.js';
import { createTrackingMachine, type TrackingOutput, type TrackingReply, type TrackingReplyEvent } from './tracking.machine.js';
import { givenBefore, type VerifyReply } from './verify-order.machine.js';

export type { FlowName } from '../knowledge/reading/reading.types.js';



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

/** Requests only the team can carry out: offered to them with the shopper's words as the message. */
const TEAM_REQUESTS: Partial<Record<Topic, HandoffCategory>> = { 'order.cancel': 'cancellation', 'order.change': 'order_change' };
/**
 * Topics whose answer is that the team does it (personalized pieces are confirmed with the team
 * before production; only the team can see a payment that went wrong or where a refund is): the
 * team is offered, with the shopper's words as the message.
 */
const TEAM_DOES: ReadonlySet<Topic> = new Set<Topic>(['product.custom', 'payment.issue', 'refund.status']);

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

/** What an action that says replies needs: to keep what they show, and to emit them. */
interface Enqueue {
  assign(values: Partial<ConversationContext>): void;
  emit(event: ReplyEmitted): void;
}

/** One thing answering a message does, in order: say a reply, or keep something in the context. */
type AnswerStep = { say: ConversationReply } | { assign: Partial<ConversationContext> };

export type ConversationEvent =
  | { type: 'conversation.started'; at: string }
  | UserSaid
  | TrackingReplyEvent
  | ReturnsReplyEvent
  | HandoffReplyEvent;

export interface ConversationInput {
  brand: BrandId;
}

/** A choice on screen the shopper can pick by its place or name. */
export interface ShownChoice {
  title: string;
  value: string;
}

export interface ConversationContext {
  brand: BrandId;
  /** The topics offered in the last "Did you mean…", in the order shown. */
  offered: Topic[];
  /** The message the last "Did you mean…" guessed at: a pick is answered as if it had been understood so. */
  guessed?: { text: string; facts: MessageFacts } | null;
  /** Low-confidence turns in a row: after a few, a person is offered among the guesses. */
  misunderstandings: number;
  /** The order this conversation proved is the shopper's (number and email matched). */
  verifiedOrder: Order | null;
  /** Failed order verifications in this conversation, across flows and "start over". */
  failedVerifications: number;
  /** What the last flow or report would hand to a person, should the shopper want one next. */
  handoffCase: HandoffCase | null;
  /** The message that started the flow in progress ("where's my order, it's for a birthday"): the team reads it if the flow ends with a person. */
  flowOpening?: { text: string; facts: MessageFacts } | null;
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
  /** The slot the bot last asked for, as `channelData.support.awaiting` names it ('confirm' for an offer). */
  awaiting: AwaitedSlot | null;
  /** The choices on screen a pick by place names ("the second one"). */
  choices: ShownChoice[];
  /** The topic of the last answer or prompt, and the sections the answer quoted: what a follow-up leans on. */
  topic: Topic | null;
  sources: Source[];
  /** The flow in progress, if any. */
  flow: FlowName | null;
}

const MAX_GUESSES = 3;
const MISUNDERSTANDINGS_BEFORE_PERSON = 2;

/** The topic a "Did you mean…" pick or a "yes" to it chooses, if it chooses one. */
function pickedTopic(context: ConversationContext, event: ConversationEvent): Topic | undefined {
  if (event.type !== 'user.said') return undefined;
  const { command } = event;
  if (command.kind === 'select') return context.offered[command.choice];
  // "Yes" to a "Did you mean…" of one choice is that choice.
  if (command.kind === 'affirm' && context.offered.length === 1) return context.offered[0];
  return undefined;
}

function guesses(options: readonly TopicScore[], misunderstandings: number): TopicScore[] {
  const shown = options.filter((score) => score.topic !== 'out_of_scope').slice(0, MAX_GUESSES);
  if (misunderstandings >= MISUNDERSTANDINGS_BEFORE_PERSON && !shown.some((o) => o.topic === 'handoff.human')) {
    return [...shown.slice(0, MAX_GUESSES - 1), { topic: 'handoff.human', confidence: 0 }];
  }
  return shown;
}

/** The slot a flow's reply asks for (`channelData.support.awaiting`), or null. */
function awaitingOf(reply: ConversationReply): AwaitedSlot | null {
  switch (reply.kind) {
    case 'verify.ask':
    case 'returns.ask':
    case 'handoff.ask':
      return reply.slot;
    case 'handoff.confirm':
    case 'handoff.notSaved':
    // "What would you like to change?" is read like the summary it follows: a detail named or given.
    case 'handoff.whatToChange':
    case 'offer':
      return 'confirm';
    default:
      return null;
  }
}

/** The topic a reply is about, for what the next message may lean on; undefined: the same as before. */
function topicOf(reply: ConversationReply, flow: FlowName | null): { topic: Topic; sources: Source[] } | undefined {
  switch (reply.kind) {
    case 'answer':
      return { topic: reply.topic, sources: [] };
    case 'passage':
      return { topic: reply.topic, sources: reply.passages.map(({ document, section }) => ({ document, section })) };
    case 'offer':
      return undefined;
    default:
      return flow === null ? undefined : { topic: FLOW_TOPIC[flow], sources: [] };
  }
}

/** The choices a reply shows that a pick by place names: guesses, or a returns question's options. */
function choicesOf(reply: ConversationReply): ShownChoice[] | undefined {
  switch (reply.kind) {
    case 'didYouMean':
      return reply.options.map((option) => TOPIC_CHOICES[option.topic]);
    case 'whichOne':
      return reply.options.map((topic) => TOPIC_CHOICES[topic]);
    case 'returns.ask':
      return reply.options ?? [];
    case 'offer':
      return undefined;
    default:
      return [];
  }
}

/** Failed verifications counted so far by a running flow or the verification inside it. */
/** What a flow and its children (its verification step) know, for a flow stopped before it says so. */
interface FlowKnowledge {
  failedAttempts?: number;
  verifiedOrder?: Order | null;
}

/** The contexts of a flow actor and of every actor below it. */
function contextsIn(actor: AnyActorRef | undefined): FlowKnowledge[] {
  if (actor === undefined) return [];
  const state = actor.getSnapshot() as { context?: FlowKnowledge; children?: Record<string, AnyActorRef | undefined> };
  return [...(state.context === undefined ? [] : [state.context]), ...Object.values(state.children ?? {}).flatMap(contextsIn)];
}

function failuresIn(actor: AnyActorRef | undefined): number {
  return Math.max(0, ...contextsIn(actor).map((context) => context.failedAttempts ?? 0));
}

/** The time of the event that starts a flow: every event the router starts one on carries it. */
function timeOf(event: ConversationEvent): string {
  if ('at' in event) return event.at;
  throw new Error(`a flow cannot start on ${event.type}`);
}

/** The message that starts a flow, kept for a person should the flow end with one. */
function openingFrom(event: ConversationEvent): ConversationContext['flowOpening'] {
  return event.type === 'user.said' ? { text: event.text, facts: event.facts } : null;
}

/** The words that opened the flow now ending, for a case it hands to a person. */
function openingOf(context: ConversationContext): Pick<HandoffCase, 'shopperWrote'> {
  const opening = context.flowOpening ?? null;
  return opening === null ? {} : { shopperWrote: [opening.text] };
}

/** The order a flow (or its verification step) proved, should it be stopped before it says so. */
function verifiedIn(actor: AnyActorRef | undefined): Order | undefined {
  return contextsIn(actor).find((context) => context.verifiedOrder != null)?.verifiedOrder ?? undefined;
}

/**
 * The case a shopper's own words open ("talk to a person, my bracelet arrived broken"): filed by
 * the problem they report, those words its description; only a request, when they report none.
 */
function caseFromWords(text: string | undefined, facts: MessageFacts | undefined): HandoffCase {
  const category = categoryFromProblem('person_requested', facts?.problem);
  return category === 'person_requested' || text === undefined ? { category } : { category, description: text };
}

function flowInput(context: ConversationContext, event: ConversationEvent) {
  const said = event.type === 'user.said' ? event : undefined;
  return {
    brand: context.brand,
    at: timeOf(event),
    orderNumber: said?.slots.orderNumber,
    email: said?.slots.email,
    verifiedOrder: context.verifiedOrder ?? undefined,
    failedAttempts: context.failedVerifications,
  };
}

/** Whether the message starts `flow` (or, for the handoff, asks for a person). */
function starts(event: ConversationEvent, flow: FlowName): boolean {
  if (event.type !== 'user.said') return false;
  const { command } = event;
  return (command.kind === 'start' && command.flow === flow) || (flow === 'handoff' && command.kind === 'person');
}

/** A message that asks for a flow starts it, wherever the conversation is between flows. */
const START_FLOW = [
  { guard: 'startsTracking', target: 'tracking', actions: 'understood' },
  { guard: 'startsReturn', target: 'returns', actions: 'understood' },
  { guard: 'startsHandoff', target: 'handoff', actions: 'understood' },
] as const;

/** A yes or a no to the person the bot just offered. */
const OFFER_ANSWERS = [
  { guard: 'takesOffer', target: 'handoff', actions: 'understood' },
  { guard: 'namesOfferedOrder', target: 'handoff', actions: ['understood', 'takeOfferedOrder'] },
  { guard: 'declinesOffer', actions: ['understood', 'declined'] },
  // Neither a yes nor a no ("sounds good"): the offer is asked again.
  { guard: 'unsureOfOffer', actions: 'offerPerson' },
] as const;

/** "Cancel", "start over" and "help" between flows. */
const STEERING = [
  { guard: 'cancels', actions: ['understood', 'cancelled'] },
  { guard: 'restarts', actions: ['understood', 'restarted'] },
] as const;

/** How the router treats messages while a flow is active; the same for every flow. */
const FLOW_EVENTS = {
  'flow.reply': { actions: 'relayFlowReply' },
  'user.said': [
    { guard: 'asksIdentity', actions: ['answerIdentity', 'repromptFlow'] },
    { guard: 'asksHelp', actions: ['flowHelp', 'repromptFlow'] },
    { guard: 'cancels', target: 'idle', actions: ['keepFlowFailures', 'understood', 'forgetLaterRequest', 'cancelledFlow'] },
    { guard: 'restarts', target: 'idle', actions: ['keepFlowFailures', 'understood', 'forgetLaterRequest', 'restarted'] },
    { guard: 'asksForPersonMidFlow', target: 'handoff', actions: ['keepFlowFailures', 'keepFlowCase'] },
    // Several questions at once: each answered, the flow's question asked again once, after the last.
    { guard: and(['moreFollows', 'isDigression']), actions: ['answer', 'keepLaterRequest'] },
    { guard: 'isDigression', actions: ['answer', 'keepLaterRequest', 'repromptFlow'] },
    { actions: 'forwardToFlow' },
  ],
} as const;

/** Commands a reply answers between flows (a topic, the documents, small talk, another domain or language). */
const ANSWERED: ReadonlySet<Command['kind']> = new Set(['answer', 'passage', 'smallTalk', 'outOfScope', 'notEnglish']);

/** The topic and confidence a command is answered with. */
function answeredTopic(command: Command): { topic: Topic; confidence: number } {
  switch (command.kind) {
    case 'answer':
    case 'passage':
    case 'start':
      return { topic: command.topic, confidence: command.confidence };
    case 'smallTalk':
      return { topic: command.talk === 'identity' ? 'help' : command.talk, confidence: 1 };
    case 'outOfScope':
      return { topic: 'out_of_scope', confidence: command.confidence };
    default:
      return { topic: 'help', confidence: 1 };
  }
}

/** The reply a command words itself (a quoted passage, another language), if it is one of those. */
function wordedReply(command: Command): ConversationReply | undefined {
  if (command.kind === 'passage') return { kind: 'passage', topic: command.topic, confidence: command.confidence, passages: command.passages };
  if (command.kind === 'notEnglish') return { kind: 'notEnglish', language: command.language };
  return undefined;
}

export function createConversationMachine(deps: FlowDeps) {
  /** What the bot says to a message it understood, and what it keeps of it (a problem reported, a request for the team). */
  function answerSaid(context: ConversationContext, event: UserSaid): AnswerStep[] {
    const steps: AnswerStep[] = [];
    const { topic, confidence } = answeredTopic(event.command);
    if (topic === 'greeting' && context.greeted) {
      steps.push({ say: { kind: 'greetAgain' } });
      return steps;
    }
    const reported = caseFromReport(topic, event.facts, event.message ?? event.text);
    const { command } = event;
    const request = TEAM_REQUESTS[topic] ?? (command.kind === 'answer' && command.alsoAsks !== undefined ? TEAM_REQUESTS[command.alsoAsks] : undefined);
    const withOrder = (known: HandoffCase): HandoffCase => {
      const orderNumber = event.slots.orderNumber;
      return {
        ...known,
        ...(context.verifiedOrder === null ? {} : { verifiedOrder: context.verifiedOrder }),
        ...(orderNumber === undefined ? {} : { orderNumber }),
      };
    };
    const worded = wordedReply(event.command);
    if (worded !== undefined) {
      // A quoted passage or another language: said as such; a problem it reports is still kept and offered.
      steps.push({ say: worded });
      if (reported !== undefined && worded.kind === 'passage') {
        steps.push({ assign: { handoffCase: withOrder(reported), offerPending: true } });
        steps.push({ say: { kind: 'offer' } });
      }
      return steps;
    }
    if (reported !== undefined) {
      const known = withOrder(reported);
      const urgency = urgencyOf(deps.profileOf(context.brand), known, event.at);
      steps.push({ assign: { handoffCase: known, offerPending: true } });
      steps.push({ say: { kind: 'answer', topic, confidence, urgency, acknowledge: true } });
      steps.push({ say: { kind: 'offer' } });
      return steps;
    }
    steps.push({ say: { kind: 'answer', topic, confidence } });
    if (request !== undefined) {
      const known = withOrder({ category: request, description: event.text, ...(event.facts.urgent === true ? { shopperSaysUrgent: true } : {}) });
      steps.push({ assign: { handoffCase: known, offerPending: true } });
      steps.push({ say: { kind: 'offer' } });
    } else if (TEAM_DOES.has(topic) || !deps.answerOf(context.brand, topic).stated) {
      // Two questions of one message the team is offered for go to it as one: what an earlier part
      // reported keeps its category ("my hoops arrived bent. how long do refunds take?"), and the
      // message holds both.
      const pending = event.follows === true && context.offerPending ? context.handoffCase : null;
      const earlier = pending?.description;
      const description = earlier === undefined ? event.text : earlier.includes(event.text) ? earlier : `${earlier}\n${event.text}`;
      // An order number given with it is not asked for again.
      steps.push({ assign: { handoffCase: withOrder({ ...(pending ?? { category: 'person_requested' }), description }), offerPending: true } });
      steps.push({ say: { kind: 'offer' } });
    }
    return steps;
  }

  /** What the conversation shows after a reply: the slot it waits for, the choices on screen, the topic a follow-up leans on. */
  function shownAfter(context: ConversationContext, reply: ConversationReply): Partial<ConversationContext> {
    const about = topicOf(reply, context.flow);
    const choices = choicesOf(reply);
    return {
      awaiting: awaitingOf(reply),
      ...(choices === undefined ? {} : { choices }),
      ...(about === undefined ? {} : { topic: about.topic, sources: about.sources.length > 0 ? about.sources : sourcesOf(context, about.topic) }),
    };
  }

  /** Every reply goes out here: what the conversation then shows is kept for reading the next message. */
  function say(enqueue: Enqueue, context: ConversationContext, reply: ConversationReply): void {
    enqueue.assign(shownAfter(context, reply));
    enqueue.emit({ type: 'reply', reply });
  }

  /** The sections a topic's composed answer quotes, for the brand. */
  function sourcesOf(context: ConversationContext, topic: Topic): Source[] {
    return deps.answerOf(context.brand, topic).sources;
  }

  return setup({
    types: {} as { context: ConversationContext; events: ConversationEvent; input: ConversationInput; emitted: ReplyEmitted | TicketStoredEmitted },
    actors: { tracking: createTrackingMachine(deps), returns: createReturnsMachine(deps), handoff: createHandoffMachine(deps) },
    guards: {
      pickedAnOffer: ({ context, event }) => pickedTopic(context, event) !== undefined,
      answers: ({ event }) => event.type === 'user.said' && ANSWERED.has(event.command.kind),
      startsTracking: ({ event }) => starts(event, 'tracking'),
      startsReturn: ({ event }) => starts(event, 'returns'),
      startsHandoff: ({ event }) => starts(event, 'handoff'),
      pickedTracking: ({ context, event }) => pickedTopic(context, event) === 'order.tracking',
      pickedPerson: ({ context, event }) => pickedTopic(context, event) === 'handoff.human',
      pickedReturn: ({ context, event }) => pickedTopic(context, event) === 'returns.start',
      /** "Yes" to a "Did you mean…" of several choices says which one. */
      saysYesToSeveral: ({ context, event }) => context.offered.length > 1 && isCommand(event, 'affirm'),
      /** "Yes" or "no" when the bot asked nothing: an answer to a question no longer on screen, not a new question. */
      bareYes: ({ event }) => isCommand(event, 'affirm'),
      bareNo: ({ event }) => isCommand(event, 'deny'),
      saysNoToGuesses: ({ context, event }) => context.offered.length > 0 && isCommand(event, 'deny'),
      takesOffer: ({ context, event }) => context.offerPending && (isCommand(event, 'affirm') || starts(event, 'handoff')),
      declinesOffer: ({ context, event }) => context.offerPending && isCommand(event, 'deny'),
      unsureOfOffer: ({ context, event }) => context.offerPending && isCommand(event, 'unclear'),
      /** "It's GS-331043 actually" to the offer: the order the problem is about, and a go-ahead; the summary still asks. */
      namesOfferedOrder: ({ context, event }) => context.offerPending && context.handoffCase !== null && isCommand(event, 'fill') && event.command.slots.orderNumber !== undefined,
      asksForPersonMidFlow: ({ context, event }) => context.flow !== 'handoff' && starts(event, 'handoff'),
      /** "Am I talking to a bot?": plainly an automated assistant, wherever it is asked. */
      asksIdentity: ({ event }) => isCommand(event, 'smallTalk') && event.command.talk === 'identity',
      asksHelp: ({ event }) => isCommand(event, 'smallTalk') && event.command.talk === 'help',
      cancels: ({ event }) => isCommand(event, 'cancel'),
      restarts: ({ event }) => isCommand(event, 'restart'),
      /** More questions of the same message follow this one. */
      moreFollows: ({ event }) => event.type === 'user.said' && event.more === true,
      /**
       * A question about something else: answer it and let the flow ask again. The Reading step
       * decided it is not an answer to the flow's question (a slot value, a yes or a no, a skip);
       * a request to start another flow is answered as a question about it.
       */
      isDigression: ({ context, event }) => {
        if (context.flow === null || event.type !== 'user.said') return false;
        const { command } = event;
        if (command.kind === 'start') return command.flow !== context.flow;
        return ANSWERED.has(command.kind);
      },
    },
    actions: {
      welcome: enqueueActions(({ context, enqueue }) => {
        enqueue.assign({ greeted: true });
        say(enqueue, context, { kind: 'welcome' });
      }),
      askWhatElse: enqueueActions(({ context, enqueue }) => say(enqueue, context, { kind: 'whatElse' })),
      askWhichOne: enqueueActions(({ context, enqueue }) => say(enqueue, context, { kind: 'whichOne', options: context.offered })),
      answer: enqueueActions(({ context, event, enqueue }) => {
        if (event.type !== 'user.said') return;
        const { topic, confidence } = answeredTopic(event.command);
        say(enqueue, context, wordedReply(event.command) ?? { kind: 'answer', topic, confidence });
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
          if ('say' in step) say(enqueue, context, step.say);
          else enqueue.assign(step.assign);
        }
      }),
      /**
       * A "Did you mean…" choice: answered as if the message it guessed at had been understood so,
       * so a problem it reported is acknowledged and offered to the team like any other.
       */
      answerPickedOffer: enqueueActions(({ context, event, enqueue }) => {
        if (event.type !== 'user.said') return;
        const topic = pickedTopic(context, event) ?? 'help';
        enqueue.assign({ offered: [], misunderstandings: 0, offerPending: false, guessed: null });
        const guessed = context.guessed ?? { text: event.text, facts: event.facts };
        const picked: UserSaid = { ...event, text: guessed.text, facts: guessed.facts, follows: false, command: { kind: 'answer', topic, confidence: 1 } };
        for (const step of answerSaid({ ...context, offerPending: false }, picked)) {
          if ('say' in step) say(enqueue, context, step.say);
          else enqueue.assign(step.assign);
        }
      }),
      declined: enqueueActions(({ context, enqueue }) => say(enqueue, context, { kind: 'declined' })),
      announceTicket: enqueueActions(({ enqueue }, output: HandoffOutput) => {
        if (output.ticket === undefined) return;
        enqueue.assign({ contact: { name: output.ticket.customer.name, email: output.ticket.customer.email } });
        enqueue.emit({ type: 'handoff.stored', ticket: output.ticket });
      }),
      offerGuesses: enqueueActions(({ context, event, enqueue }) => {
        if (event.type !== 'user.said') return;
        const misunderstandings = context.misunderstandings + 1;
        const options = guesses(event.command.kind === 'clarify' ? event.command.options : [], misunderstandings);
        enqueue.assign({ offered: options.map((o) => o.topic), misunderstandings, guessed: { text: event.text, facts: event.facts } });
        say(enqueue, context, { kind: 'didYouMean', options });
      }),
      // The help answer says it plainly: an automated assistant, and a person one message away.
      answerIdentity: enqueueActions(({ context, enqueue }) => say(enqueue, context, { kind: 'answer', topic: 'help', confidence: 1 })),
      /** Understood: no guesses on screen, and any offer not taken lapses. */
      understood: assign({
        offered: () => [],
        guessed: null,
        misunderstandings: 0,
        // An offer made by an earlier question of the same message is still the one to answer.
        offerPending: ({ context, event }) => event.type === 'user.said' && event.follows === true && context.offerPending,
      }),
      relayFlowReply: enqueueActions(({ context, event, enqueue }) => {
        if (event.type !== 'flow.reply') return;
        say(enqueue, context, event.reply);
      }),
      repromptFlow: sendTo('flow', ({ event }) => ({ type: 'flow.reprompt', at: timeOf(event) })),
      forwardToFlow: sendTo('flow', ({ event }) => event),
      flowHelp: enqueueActions(({ context, enqueue }) => say(enqueue, context, { kind: 'flowHelp', flow: context.flow ?? 'tracking' })),
      /** A flow that ended wanting a person offers one, with what it learned kept for the handoff. */
      offerPerson: enqueueActions(({ context, enqueue }) => {
        enqueue.assign({ offerPending: true });
        const known = context.handoffCase;
        // What a flow found is already dated (a late order, a verdict's defect window): no time needed here.
        const urgency = known === null ? undefined : urgencyOf(deps.profileOf(context.brand), known);
        say(enqueue, context, { kind: 'offer', ...(urgency?.urgent === true ? { urgency } : {}) });
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
          handoffCase: category === undefined ? context.handoffCase : { category, ...(verifiedOrder ? { verifiedOrder } : {}), ...given, ...openingOf(context) },
        };
      }),
      forgetCase: assign({ handoffCase: null, offerPending: false }),
      /** The order named for the offered case; an order verified before stays only if it is that one. */
      takeOfferedOrder: assign(({ context, event }): Partial<ConversationContext> => {
        const orderNumber = event.type === 'user.said' && event.command.kind === 'fill' ? event.command.slots.orderNumber : undefined;
        const known = context.handoffCase;
        if (orderNumber === undefined || known === null) return {};
        const { verifiedOrder, ...rest } = known;
        const proven = verifiedOrder ?? context.verifiedOrder ?? undefined;
        if (proven !== undefined && orderNumbersMatch(proven.orderNumber, orderNumber)) return { handoffCase: { ...rest, orderNumber, verifiedOrder: proven } };
        // Another order: the one verified before still proves who the shopper is.
        const name = known.name ?? proven?.customerName ?? undefined;
        const email = known.email ?? proven?.email;
        const who = { ...(name === undefined ? {} : { name }), ...(email === undefined ? {} : { email }) };
        return { handoffCase: { ...rest, ...who, orderNumber } };
      }),
      keepLaterRequest: assign(({ context, event }) => {
        if (event.type !== 'user.said' || context.flow === 'handoff') return {};
        const request = TEAM_REQUESTS[answeredTopic(event.command).topic];
        return request === undefined ? {} : { laterRequest: { category: request, description: event.text, ...(event.facts.urgent === true ? { shopperSaysUrgent: true } : {}) } };
      }),
      forgetLaterRequest: assign({ laterRequest: null }),
      /** The flow ended without wanting a person: a request made during it is offered to the team now. */
      offerLaterRequest: enqueueActions(({ context, enqueue }) => {
        const request = context.laterRequest ?? null;
        if (request === null) return;
        const topic = request.category === 'cancellation' ? 'order.cancel' : 'order.change';
        const verifiedOrder = context.verifiedOrder;
        enqueue.assign({ laterRequest: null, handoffCase: verifiedOrder === null ? request : { ...request, verifiedOrder }, offerPending: true });
        say(enqueue, context, { kind: 'answer', topic, confidence: 1, earlier: true });
        say(enqueue, context, { kind: 'offer' });
      }),
      rememberReturn: assign(({ context, event }) => {
        const output = (event as unknown as { output: ReturnsOutput }).output;
        return {
          verifiedOrder: output.verifiedOrder ?? context.verifiedOrder,
          failedVerifications: output.failedAttempts,
          handoffCase: output.handoffCase === undefined ? null : { ...output.handoffCase, ...openingOf(context) },
        };
      }),
      /** The flow is about to be stopped mid-way: keep its failed attempts so the limit holds. */
      keepFlowFailures: assign(({ context, self }) => ({
        failedVerifications: Math.max(context.failedVerifications, failuresIn(self.getSnapshot().children.flow as AnyActorRef | undefined)),
      })),
      /**
       * A person asked for mid-flow: the order the flow proved and the words that opened it ("my
       * necklace came broken") go to the handoff, so neither is asked again.
       */
      keepFlowCase: assign(({ context, self }) => {
        const verifiedOrder = context.verifiedOrder ?? verifiedIn(self.getSnapshot().children.flow as AnyActorRef | undefined) ?? null;
        const opening = context.flowOpening ?? null;
        if (context.handoffCase !== null || opening === null) return { verifiedOrder };
        return {
          verifiedOrder,
          handoffCase: {
            ...caseFromWords(opening.text, opening.facts),
            ...(opening.facts.urgent === true ? { shopperSaysUrgent: true } : {}),
            ...openingOf(context),
          },
        };
      }),
      cancelled: enqueueActions(({ context, enqueue }) => say(enqueue, context, { kind: 'cancelled', flow: null })),
      cancelledFlow: enqueueActions(({ context, enqueue }) => say(enqueue, context, { kind: 'cancelled', flow: context.flow })),
      enterTracking: assign({ flow: 'tracking' as const, flowOpening: ({ event }) => openingFrom(event) }),
      enterReturns: assign({ flow: 'returns' as const, flowOpening: ({ event }) => openingFrom(event) }),
      enterHandoff: assign({ flow: 'handoff' as const }),
      leaveFlow: assign({ flow: null }),
      restarted: enqueueActions(({ context, enqueue }) => say(enqueue, context, { kind: 'restarted' })),
    },
  }).createMachine({
    id: 'conversation',
    context: ({ input }) => ({
      brand: input.brand,
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
      choices: [],
      topic: null,
      sources: [],
      flow: null,
    }),
    initial: 'idle',
    on: {
      'conversation.started': { target: '.idle', actions: ['understood', 'welcome'] },
    },
    states: {
      idle: {
        entry: 'leaveFlow',
        on: {
          'user.said': [
            ...OFFER_ANSWERS,
            ...STEERING,
            { guard: 'asksIdentity', actions: ['understood', 'answerIdentity'] },
            { guard: 'bareYes', actions: ['understood', 'askWhatElse'] },
            { guard: 'bareNo', actions: ['understood', 'declined'] },
            ...START_FLOW,
            { guard: 'answers', actions: ['understood', 'answerTopic'] },
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
            { guard: 'cancels', target: 'idle', actions: ['understood', 'cancelled'] },
            { guard: 'restarts', target: 'idle', actions: ['understood', 'restarted'] },
            ...START_FLOW,
            { guard: 'answers', target: 'idle', actions: ['understood', 'answerTopic'] },
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
            // "Talk to a person, my bracelet arrived broken": the request itself may name the problem,
            // and what it says beside asking ("…the tracking hasnt moved in days") is the message.
            const fromWords = caseFromWords(said?.text, said?.facts);
            const besides = said?.command.kind === 'person' ? said.command.words : undefined;
            const known: HandoffCase = context.handoffCase ?? (besides === undefined ? fromWords : { ...fromWords, description: besides });
            const verifiedOrder = known.verifiedOrder ?? context.verifiedOrder ?? undefined;
            const withOrder: HandoffCase = verifiedOrder === undefined ? known : { ...known, verifiedOrder };
            // What a flow learned goes to the agent, so the shopper is only asked whether to add anything.
            const summary = known.description === undefined ? summarizeCase(withOrder, deps.profileOf(context.brand), at) : undefined;
            const contact = context.contact;
            // "Talk to a person about JAA-530123, my email is …": what the request itself carries.
            const carried = said?.slots ?? {};
            return {
              brand: context.brand,
              at,
              case: {
                ...withOrder,
                // Every message since the handoff began, this one first, after what led to it.
                ...(said === undefined ? {} : { shopperWrote: [...(withOrder.shopperWrote ?? []), said.text] }),
                ...(summary === undefined ? {} : { summary }),
                ...(said?.facts.urgent === true ? { shopperSaysUrgent: true } : {}),
                ...(said?.facts.daysSinceDelivery !== undefined && known.daysSinceDelivery === undefined ? { daysSinceDelivery: said.facts.daysSinceDelivery } : {}),
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
          input: ({ context, event }) => ({
            ...flowInput(context, event),
            ...(event.type === 'user.said' ? { opening: { slots: event.slots, urgent: event.facts.urgent === true, text: event.text } } : {}),
          }),
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
