import { assign, emit, enqueueActions, sendTo, setup } from 'xstate';
import type { BrandId } from '../knowledge/brand-ids.js';
import type { Order } from '../knowledge/orders/order.schema.js';
import { TOPIC_CHOICES, type Topic } from '../knowledge/topics.js';
import type { TopicScore, Understanding } from '../knowledge/understanding/understanding.types.js';
import type { UserSaid } from './flow-events.js';
import { trackingMachine, type TrackingOutput, type TrackingReply, type TrackingReplyEvent } from './tracking.machine.js';

/** The flows the router can be in; the help text and digressions depend on it. */
export type FlowName = 'tracking';

/** What the bot should say; dialogs/ turns each into a message. Emitted as `reply` events. */
export type ConversationReply =
  | { kind: 'welcome' }
  | { kind: 'answer'; topic: Topic; confidence: number }
  | { kind: 'didYouMean'; options: TopicScore[] }
  | { kind: 'flowHelp'; flow: FlowName }
  | { kind: 'cancelled'; flow: FlowName | null }
  | { kind: 'restarted' }
  | TrackingReply;

export interface ReplyEmitted {
  type: 'reply';
  reply: ConversationReply;
}

export type ShopperCommand = 'cancel' | 'restart';

export type ConversationEvent =
  | { type: 'conversation.started' }
  | UserSaid
  | { type: 'user.command'; command: ShopperCommand; at: string }
  | TrackingReplyEvent;

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
  const options = understanding.ranked.filter((score) => score.topic !== 'out_of_scope').slice(0, MAX_GUESSES);
  if (misunderstandings >= MISUNDERSTANDINGS_BEFORE_PERSON && !options.some((o) => o.topic === 'handoff.human')) {
    return [...options.slice(0, MAX_GUESSES - 1), { topic: 'handoff.human', confidence: 0 }];
  }
  return options;
}

function confident(context: ConversationContext, understanding: Understanding): boolean {
  return understanding.topic === 'out_of_scope' || understanding.confidence >= context.confidenceThreshold;
}

function hasEntities(understanding: Understanding): boolean {
  return understanding.entities.orderNumber !== undefined || understanding.entities.email !== undefined;
}

export const conversationMachine = setup({
  types: {
    context: {} as ConversationContext,
    events: {} as ConversationEvent,
    input: {} as ConversationInput,
    emitted: {} as ReplyEmitted,
  },
  actors: { tracking: trackingMachine },
  guards: {
    pickedAnOffer: ({ context, event }) => event.type === 'user.said' && pickOffered(context.offered, event.text) !== undefined,
    understoodWell: ({ context, event }) => event.type === 'user.said' && confident(context, event.understanding),
    asksToTrack: ({ context, event }) =>
      event.type === 'user.said' && event.understanding.topic === 'order.tracking' && confident(context, event.understanding),
    pickedTracking: ({ context, event }) => event.type === 'user.said' && pickOffered(context.offered, event.text) === 'order.tracking',
    asksForPerson: ({ context, event }) =>
      event.type === 'user.said' && event.understanding.topic === 'handoff.human' && confident(context, event.understanding),
    asksForHelp: ({ context, event }) =>
      event.type === 'user.said' && event.understanding.topic === 'help' && confident(context, event.understanding),
    /**
     * A clear question about something else, carrying nothing the flow could use: answer it and
     * let the flow ask again. Anything else (an order number, an email, gibberish) is the flow's.
     */
    isDigression: ({ context, event }) =>
      event.type === 'user.said' &&
      event.understanding.confidence >= context.confidenceThreshold &&
      !['order.tracking', 'out_of_scope'].includes(event.understanding.topic) &&
      !hasEntities(event.understanding),
  },
  actions: {
    welcome: emit({ type: 'reply', reply: { kind: 'welcome' } } as const),
    answerPickedOffer: emit(({ context, event }) => {
      const topic = event.type === 'user.said' ? pickOffered(context.offered, event.text) : undefined;
      return { type: 'reply', reply: { kind: 'answer', topic: topic ?? 'help', confidence: 1 } } as const;
    }),
    answer: emit(({ event }) => {
      const { topic, confidence } = event.type === 'user.said' ? event.understanding : { topic: 'help' as const, confidence: 0 };
      return { type: 'reply', reply: { kind: 'answer', topic, confidence } } as const;
    }),
    offerGuesses: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'user.said') return;
      const misunderstandings = context.misunderstandings + 1;
      const options = guesses(event.understanding, misunderstandings);
      enqueue.assign({ offered: options.map((o) => o.topic), misunderstandings });
      enqueue.emit({ type: 'reply', reply: { kind: 'didYouMean', options } });
    }),
    understood: assign({ offered: () => [], misunderstandings: 0 }),
    relayFlowReply: emit(({ event }) => ({ type: 'reply', reply: event.type === 'flow.reply' ? event.reply : { kind: 'restarted' } }) as const),
    repromptFlow: sendTo('flow', ({ event }) => ({ type: 'flow.reprompt', at: 'at' in event ? event.at : new Date(0).toISOString() })),
    forwardToFlow: sendTo('flow', ({ event }) => event),
    flowHelp: emit({ type: 'reply', reply: { kind: 'flowHelp', flow: 'tracking' } } as const),
    rememberTracking: assign(({ event }) => {
      const output = (event as unknown as { output: TrackingOutput }).output;
      return { verifiedOrder: output.verifiedOrder ?? null, failedVerifications: output.failedAttempts };
    }),
    /** The flow is about to be stopped mid-way: keep its failed attempts so the limit holds. */
    keepFlowFailures: assign(({ context, self }) => {
      const flow = self.getSnapshot().children.flow as { getSnapshot(): { context?: { failedAttempts?: number } } } | undefined;
      return { failedVerifications: flow?.getSnapshot().context?.failedAttempts ?? context.failedVerifications };
    }),
    cancelled: emit({ type: 'reply', reply: { kind: 'cancelled', flow: null } } as const),
    cancelledTracking: emit({ type: 'reply', reply: { kind: 'cancelled', flow: 'tracking' } } as const),
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
  }),
  initial: 'idle',
  on: {
    'conversation.started': { target: '.idle', actions: ['understood', 'welcome'] },
    'user.command': [
      { guard: ({ event }) => event.command === 'restart', target: '.idle', actions: ['understood', 'restarted'] },
      { target: '.idle', actions: ['understood', 'cancelled'] },
    ],
  },
  states: {
    idle: {
      on: {
        'user.said': [
          { guard: 'asksToTrack', target: 'tracking', actions: 'understood' },
          { guard: 'understoodWell', actions: ['understood', 'answer'] },
          { target: 'choosing', actions: 'offerGuesses' },
        ],
      },
    },
    /** A "Did you mean…" is on screen: a pick answers it, anything else is a new question. */
    choosing: {
      on: {
        'user.said': [
          { guard: 'pickedTracking', target: 'tracking', actions: 'understood' },
          { guard: 'pickedAnOffer', target: 'idle', actions: ['answerPickedOffer', 'understood'] },
          { guard: 'asksToTrack', target: 'tracking', actions: 'understood' },
          { guard: 'understoodWell', target: 'idle', actions: ['understood', 'answer'] },
          { target: 'choosing', reenter: true, actions: 'offerGuesses' },
        ],
      },
    },
    tracking: {
      invoke: {
        id: 'flow',
        src: 'tracking',
        input: ({ context, event }) => {
          const said = event.type === 'user.said' ? event : undefined;
          return {
            brand: context.brand,
            at: said?.at ?? new Date(0).toISOString(),
            orderNumber: said?.understanding.entities.orderNumber,
            email: said?.understanding.entities.email,
            verifiedOrder: context.verifiedOrder ?? undefined,
            failedAttempts: context.failedVerifications,
          };
        },
        onDone: { target: 'idle', actions: 'rememberTracking' },
      },
      on: {
        'flow.reply': { actions: 'relayFlowReply' },
        'user.command': [
          { guard: ({ event }) => event.command === 'restart', target: 'idle', actions: ['keepFlowFailures', 'understood', 'restarted'] },
          { target: 'idle', actions: ['keepFlowFailures', 'understood', 'cancelledTracking'] },
        ],
        'user.said': [
          { guard: 'asksForPerson', target: 'idle', actions: ['keepFlowFailures', 'answer'] },
          { guard: 'asksForHelp', actions: ['flowHelp', 'repromptFlow'] },
          { guard: 'isDigression', actions: ['answer', 'repromptFlow'] },
          { actions: 'forwardToFlow' },
        ],
      },
    },
  },
});
