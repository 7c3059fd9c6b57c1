// The conversation router: greets, answers from the knowledge base, offers "Did you mean…" when
// unsure, and runs one flow at a time (tracking, returns, handoff) as an invoked child, passing it
// the shopper's messages and relaying its replies. Replies go out as emitted `reply` events that
// dialogs/ turns into messages; a stored handoff ticket goes out as `handoff.stored`.
import { assign, emit, enqueueActions, sendTo, setup, type AnyActorRef } from 'xstate';
import type { BrandId } from '../knowledge/brand-ids.js';
import type { HandoffCase, HandoffCategory } from '../knowledge/handoff/handoff-case.types.js';
import type { HandoffTicket } from '../knowledge/handoff/handoff-ticket.types.js';
import { caseFromReport, categoryFromWords } from '../knowledge/handoff/issue-case.js';
import { urgencyOf, type HandoffUrgency } from '../knowledge/handoff/urgency.js';
import { saysItsUrgent } from '../knowledge/handoff/urgent-words.js';
import type { Order } from '../knowledge/orders/order.schema.js';
import { TOPIC_CHOICES, TOPICS, type Topic } from '../knowledge/topics.js';
import type { QuotedPassage, TopicScore, Understanding } from '../knowledge/understanding/understanding.types.js';
import type { FlowDeps } from './flow-effects.js';
import type { UserSaid } from './flow-events.js';
import { createHandoffMachine, type HandoffOutput, type HandoffReply, type HandoffReplyEvent } from './handoff.machine.js';
import { createReturnsMachine, type ReturnsOutput, type ReturnsReply, type ReturnsReplyEvent } from './returns.machine.js';
import { createTrackingMachine, type TrackingOutput, type TrackingReply, type TrackingReplyEvent } from './tracking.machine.js';
import type { VerifyReply } from './verify-order.machine.js';

/** The flows the router can be in; the help text and digressions depend on it. */
export type FlowName = 'tracking' | 'returns' | 'handoff';

/** Topics a flow handles itself: a message about them is the flow's, never a digression. */
const FLOW_OWN_TOPICS: Record<FlowName, readonly Topic[]> = {
  tracking: ['order.tracking'],
  returns: ['returns.start', 'returns.policy', 'product.issue', 'product.final_sale', 'product.custom', 'order.tracking'],
  // Names and descriptions are free text: "my ring arrived damaged, how do I fix it?" is the
  // description, not a question to answer.
  handoff: TOPICS,
};

/** Why a tracking flow ended wanting a person, as the handoff files it. */
const TRACKING_HANDOFF: Record<NonNullable<TrackingOutput['handoffReason']>, HandoffCategory> = {
  late: 'late_delivery',
  notShipped: 'not_shipped',
  gaveUp: 'lookup_failed',
  locked: 'lookup_failed',
  unavailable: 'other',
};

/** What the bot should say; dialogs/ turns each into a message. Emitted as `reply` events. */
export type ConversationReply =
  | { kind: 'welcome' }
  /** `urgency`: the answer to a problem the shopper just reported offers the team as its ticket would be flagged. */
  | { kind: 'answer'; topic: Topic; confidence: number; urgency?: HandoffUrgency }
  /** The brand's own sentences, quoted: what they say beyond the topic's answer, or where none fits. */
  | { kind: 'passage'; topic: Topic; confidence: number; passages: QuotedPassage[] }
  /** The message is in another language: say, in it, that the assistant reads English. */
  | { kind: 'notEnglish'; language: string }
  | { kind: 'didYouMean'; options: TopicScore[] }
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
  /** Low-confidence turns in a row: after a few, a person is offered among the guesses. */
  misunderstandings: number;
  /** The order this conversation proved is the shopper's (number and email matched). */
  verifiedOrder: Order | null;
  /** Failed order verifications in this conversation, across flows and "start over". */
  failedVerifications: number;
  /** What the last flow would hand to a person, should the shopper ask for one next. */
  handoffCase: HandoffCase | null;
  /** The flow in progress, if any. */
  flow: FlowName | null;
}

const MAX_GUESSES = 3;
const MISUNDERSTANDINGS_BEFORE_PERSON = 2;

/** Which offered topic a reply picks: its number, its button title or value, or undefined. */
export function pickOffered(offered: readonly Topic[], text: string): Topic | undefined {
  const said = text.trim().toLowerCase().replace(/[.!?]+$/, '');
  const index = Number.parseInt(said, 10);
  if (String(index) === said && index >= 1 && index <= offered.length) return offered[index - 1];
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

function hasEntities(understanding: Understanding): boolean {
  return understanding.entities.orderNumber !== undefined || understanding.entities.email !== undefined;
}

// Slot answers ("it broke", "jane@example.com") are statements; a digression is asked.
const QUESTION = /\?\s*$|^(?:wait|hold on|oh|also|and|but|btw|quick question)?[,\s]*(?:what|when|where|who|why|how|is|are|do|does|did|can|could|will|would|should)\b/i;

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
] as const;

/** How the router treats messages while a flow is active; the same for every flow. */
const FLOW_EVENTS = {
  'flow.reply': { actions: 'relayFlowReply' },
  'user.command': [
    { guard: ({ event }: { event: ConversationEvent }) => event.type === 'user.command' && event.command === 'help', actions: ['flowHelp', 'repromptFlow'] },
    { guard: ({ event }: { event: ConversationEvent }) => event.type === 'user.command' && event.command === 'restart', target: 'idle', actions: ['keepFlowFailures', 'understood', 'restarted'] },
    { target: 'idle', actions: ['keepFlowFailures', 'understood', 'cancelledFlow'] },
  ],
  'user.said': [
    { guard: 'asksForPersonMidFlow', target: 'handoff', actions: ['keepFlowFailures'] },
    { guard: 'isDigression', actions: ['answer', 'repromptFlow'] },
    { actions: 'forwardToFlow' },
  ],
} as const;

export function createConversationMachine(deps: FlowDeps) {
  return setup({
    types: {} as { context: ConversationContext; events: ConversationEvent; input: ConversationInput; emitted: ReplyEmitted | TicketStoredEmitted },
    actors: { tracking: createTrackingMachine(deps), returns: createReturnsMachine(deps), handoff: createHandoffMachine(deps) },
    guards: {
      pickedAnOffer: ({ context, event }) => event.type === 'user.said' && pickOffered(context.offered, event.text) !== undefined,
      understoodWell: ({ context, event }) => event.type === 'user.said' && confident(context, event.understanding),
      asksToTrack: ({ context, event }) =>
        event.type === 'user.said' && event.understanding.topic === 'order.tracking' && confident(context, event.understanding),
      pickedTracking: ({ context, event }) => event.type === 'user.said' && pickOffered(context.offered, event.text) === 'order.tracking',
      pickedPerson: ({ context, event }) => event.type === 'user.said' && pickOffered(context.offered, event.text) === 'handoff.human',
      asksToReturn: ({ context, event }) =>
        event.type === 'user.said' && event.understanding.topic === 'returns.start' && confident(context, event.understanding),
      pickedReturn: ({ context, event }) => event.type === 'user.said' && pickOffered(context.offered, event.text) === 'returns.start',
      asksForPerson: ({ context, event }) =>
        event.type === 'user.said' && event.understanding.topic === 'handoff.human' && confident(context, event.understanding),
      asksForPersonMidFlow: ({ context, event }) =>
        context.flow !== 'handoff' &&
        event.type === 'user.said' &&
        event.understanding.topic === 'handoff.human' &&
        confident(context, event.understanding),
      /**
       * A clear question about something else, carrying nothing the flow could use: answer it and
       * let the flow ask again. Anything else (an order number, an email, gibberish) is the flow's.
       */
      isDigression: ({ context, event }) => {
        const flow = context.flow;
        return (
          flow !== null &&
          event.type === 'user.said' &&
          event.understanding.confidence >= context.confidenceThreshold &&
          event.understanding.topic !== 'out_of_scope' &&
          !FLOW_OWN_TOPICS[flow].includes(event.understanding.topic) &&
          !hasEntities(event.understanding) &&
          QUESTION.test(event.text)
        );
      },
    },
    actions: {
      welcome: emit({ type: 'reply', reply: { kind: 'welcome' } } as const),
      answerPickedOffer: emit(({ context, event }) => {
        const topic = event.type === 'user.said' ? pickOffered(context.offered, event.text) : undefined;
        return { type: 'reply', reply: { kind: 'answer', topic: topic ?? 'help', confidence: 1 } } as const;
      }),
      answer: emit(({ event }): ReplyEmitted => {
        const { topic, confidence } = event.type === 'user.said' ? event.understanding : { topic: 'help' as const, confidence: 0 };
        const worded = event.type === 'user.said' ? outcomeReply(event.understanding) : undefined;
        return { type: 'reply', reply: worded ?? { kind: 'answer', topic, confidence } };
      }),
      /** An answer that may be to a reported problem ("my bracelet arrived broken"): keep the case, word the offer by its urgency. */
      answerReport: enqueueActions(({ context, event, enqueue }) => {
        if (event.type !== 'user.said') return;
        const { topic, confidence } = event.understanding;
        const reported = caseFromReport(topic, event.text);
        const worded = outcomeReply(event.understanding);
        if (worded !== undefined) {
          // A quoted passage or another language: said as such; a problem it reports is still kept.
          if (reported !== undefined) enqueue.assign({ handoffCase: context.verifiedOrder === null ? reported : { ...reported, verifiedOrder: context.verifiedOrder } });
          enqueue.emit({ type: 'reply', reply: worded });
          return;
        }
        if (reported === undefined) {
          enqueue.emit({ type: 'reply', reply: { kind: 'answer', topic, confidence } });
          return;
        }
        const known = context.verifiedOrder === null ? reported : { ...reported, verifiedOrder: context.verifiedOrder };
        enqueue.assign({ handoffCase: known });
        enqueue.emit({ type: 'reply', reply: { kind: 'answer', topic, confidence, urgency: urgencyOf(deps.profileOf(context.brand), known, event.at) } });
      }),
      announceTicket: enqueueActions(({ enqueue }, output: HandoffOutput) => {
        if (output.ticket !== undefined) enqueue.emit({ type: 'handoff.stored', ticket: output.ticket });
      }),
      offerGuesses: enqueueActions(({ context, event, enqueue }) => {
        if (event.type !== 'user.said') return;
        const misunderstandings = context.misunderstandings + 1;
        const options = guesses(event.understanding, misunderstandings);
        enqueue.assign({ offered: options.map((o) => o.topic), misunderstandings });
        enqueue.emit({ type: 'reply', reply: { kind: 'didYouMean', options } });
      }),
      answerHelp: emit({ type: 'reply', reply: { kind: 'answer', topic: 'help', confidence: 1 } } as const),
      understood: assign({ offered: () => [], misunderstandings: 0 }),
      relayFlowReply: emit(({ event }) => ({ type: 'reply', reply: event.type === 'flow.reply' ? event.reply : { kind: 'restarted' } }) as const),
      repromptFlow: sendTo('flow', ({ event }) => ({ type: 'flow.reprompt', at: timeOf(event) })),
      forwardToFlow: sendTo('flow', ({ event }) => event),
      flowHelp: emit(({ context }) => ({ type: 'reply', reply: { kind: 'flowHelp', flow: context.flow ?? 'tracking' } }) as const),
      rememberTracking: assign(({ context, event }) => {
        const output = (event as unknown as { output: TrackingOutput }).output;
        const verifiedOrder = output.verifiedOrder ?? context.verifiedOrder;
        const category = output.handoffReason === undefined ? undefined : TRACKING_HANDOFF[output.handoffReason];
        return {
          verifiedOrder,
          failedVerifications: output.failedAttempts,
          handoffCase: category === undefined ? context.handoffCase : { category, ...(verifiedOrder ? { verifiedOrder } : {}) },
        };
      }),
      forgetCase: assign({ handoffCase: null }),
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
      leaveFlow: assign({ flow: null }),
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
          'user.said': [...START_FLOW, { guard: 'understoodWell', actions: ['understood', 'answerReport'] }, { target: 'choosing', actions: 'offerGuesses' }],
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
            { guard: 'pickedAnOffer', target: 'idle', actions: ['answerPickedOffer', 'understood'] },
            ...START_FLOW,
            { guard: 'understoodWell', target: 'idle', actions: ['understood', 'answerReport'] },
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
          onDone: { target: 'idle', actions: 'rememberTracking' },
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
            // "Talk to a person, my bracelet arrived broken": the request itself may name the problem.
            const fromWords = said ? categoryFromWords('person_requested', said.text) : 'person_requested';
            const known: HandoffCase =
              context.handoffCase ?? (fromWords === 'person_requested' ? { category: fromWords } : { category: fromWords, description: said?.text });
            return {
              brand: context.brand,
              at: timeOf(event),
              case: {
                ...known,
                ...(context.verifiedOrder && !known.verifiedOrder ? { verifiedOrder: context.verifiedOrder } : {}),
                ...(said && saysItsUrgent(said.text) ? { shopperSaysUrgent: true } : {}),
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
          onDone: { target: 'idle', actions: 'rememberReturn' },
        },
        on: FLOW_EVENTS,
      },
    },
  });
}

export type ConversationMachine = ReturnType<typeof createConversationMachine>;
