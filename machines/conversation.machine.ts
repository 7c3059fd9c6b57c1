import { assign, setup } from 'xstate';
import type { BrandId } from '../knowledge/brand-ids.js';
import { TOPIC_CHOICES, type Topic } from '../knowledge/topics.js';
import type { TopicScore, Understanding } from '../knowledge/understanding/understanding.types.js';

/** What the bot should say this turn; dialogs/ turns each into a message. */
export type ConversationReply =
  | { kind: 'welcome' }
  | { kind: 'answer'; topic: Topic; confidence: number }
  | { kind: 'didYouMean'; options: TopicScore[] }
  | { kind: 'cancelled' }
  | { kind: 'restarted' };

export type ShopperCommand = 'cancel' | 'restart';

export type ConversationEvent =
  | { type: 'conversation.started' }
  | { type: 'user.said'; text: string; understanding: Understanding }
  | { type: 'user.command'; command: ShopperCommand };

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
  replies: ConversationReply[];
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

export const conversationMachine = setup({
  types: {
    context: {} as ConversationContext,
    events: {} as ConversationEvent,
    input: {} as ConversationInput,
  },
  guards: {
    pickedAnOffer: ({ context, event }) => event.type === 'user.said' && pickOffered(context.offered, event.text) !== undefined,
    understoodWell: ({ context, event }) =>
      event.type === 'user.said' &&
      (event.understanding.topic === 'out_of_scope' || event.understanding.confidence >= context.confidenceThreshold),
  },
  actions: {
    welcome: assign({ replies: () => [{ kind: 'welcome' } as const], offered: () => [], misunderstandings: 0 }),
    answerPickedOffer: assign(({ context, event }) => {
      const topic = event.type === 'user.said' ? pickOffered(context.offered, event.text) : undefined;
      return {
        replies: topic === undefined ? [] : [{ kind: 'answer', topic, confidence: 1 } as const],
        offered: [],
        misunderstandings: 0,
      };
    }),
    answer: assign(({ event }) => {
      if (event.type !== 'user.said') return {};
      const { topic, confidence } = event.understanding;
      return { replies: [{ kind: 'answer', topic, confidence } as const], offered: [], misunderstandings: 0 };
    }),
    offerGuesses: assign(({ context, event }) => {
      if (event.type !== 'user.said') return {};
      const misunderstandings = context.misunderstandings + 1;
      const options = guesses(event.understanding, misunderstandings);
      return { replies: [{ kind: 'didYouMean', options } as const], offered: options.map((o) => o.topic), misunderstandings };
    }),
    acknowledgeCommand: assign(({ event }) => {
      if (event.type !== 'user.command') return {};
      const reply: ConversationReply = event.command === 'cancel' ? { kind: 'cancelled' } : { kind: 'restarted' };
      return { replies: [reply], offered: [], misunderstandings: 0 };
    }),
  },
}).createMachine({
  id: 'conversation',
  context: ({ input }) => ({
    brand: input.brand,
    confidenceThreshold: input.confidenceThreshold,
    offered: [],
    misunderstandings: 0,
    replies: [],
  }),
  initial: 'idle',
  on: {
    'conversation.started': { target: '.idle', actions: 'welcome' },
    'user.command': { target: '.idle', actions: 'acknowledgeCommand' },
  },
  states: {
    idle: {
      on: {
        'user.said': [
          { guard: 'understoodWell', actions: 'answer' },
          { target: 'choosing', actions: 'offerGuesses' },
        ],
      },
    },
    /** A "Did you mean…" is on screen: a pick answers it, anything else is a new question. */
    choosing: {
      on: {
        'user.said': [
          { guard: 'pickedAnOffer', target: 'idle', actions: 'answerPickedOffer' },
          { guard: 'understoodWell', target: 'idle', actions: 'answer' },
          { target: 'choosing', reenter: true, actions: 'offerGuesses' },
        ],
      },
    },
  },
});
