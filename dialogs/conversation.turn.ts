import type { Activity } from 'botbuilder';
import { createActor, fromPromise, waitFor, type AnyActorRef, type Snapshot } from 'xstate';
import type { BrandId } from '../knowledge/brand-ids.js';
import type { LoadedKnowledgeBase } from '../knowledge/knowledge-base.js';
import type { Recognizer } from '../knowledge/understanding/understanding.types.js';
import { conversationMachine, type ConversationEvent, type ConversationReply } from '../machines/conversation.machine.js';
import type { HandoffSubmission } from '../knowledge/handoff/handoff-ticket.types.js';
import { handoffMachine, type HandoffResult } from '../machines/handoff.machine.js';
import { returnsMachine } from '../machines/returns.machine.js';
import { trackingMachine, type VerifyOrderInput, type VerifyOrderResult } from '../machines/tracking.machine.js';
import { MAIN_MENU, messageActivity, renderReply } from './reply.render.js';
import { parseShopperCommand } from './shopper-command.js';

export interface TurnResult {
  activities: Partial<Activity>[];
  /** The conversation's persisted machine snapshot after this turn (plain JSON). */
  snapshot: unknown;
  /** The bot was not sure what the shopper meant and offered its likeliest guesses. */
  fallback: boolean;
}

/** Who is on the other end of this turn, for the effects that limit per client. */
export interface TurnOrigin {
  brand: BrandId;
  /** An opaque key for the client (its address); verification attempts are limited per key. */
  client: string;
  /** Brand, channel and conversation id: where this conversation's transcript and tickets are kept. */
  conversationKey: string;
}

/** The effects the flows invoke, supplied by the composition root; each is told whose turn it is. */
export interface FlowEffects {
  verifyOrder(origin: TurnOrigin, input: VerifyOrderInput): Promise<VerifyOrderResult>;
  submitHandoff(origin: TurnOrigin, submission: HandoffSubmission): Promise<HandoffResult>;
}

export interface ConversationTurns {
  /** The shopper opened the chat: greet first. */
  start(origin: TurnOrigin, persisted: unknown): Promise<TurnResult>;
  /** One shopper message. */
  message(origin: TurnOrigin, text: string, persisted: unknown): Promise<TurnResult>;
}

// A flow waiting on an effect (an order lookup) is given this long before the turn gives up;
// the effects carry their own shorter timeouts, so this only guards against a bug.
const SETTLE_TIMEOUT_MS = 15_000;

/** Longer messages are answered politely and not read: no understanding, no flow, no state change. */
export const MAX_MESSAGE_CHARS = 2_000;

/**
 * The part of a message anything reads (the redaction before it is stored included): nothing
 * past the limit is understood, so a 64 KB body costs what a 4 KB one does. The margin keeps a
 * message padded with spaces readable after trimming, a longer one too long, and a card number
 * typed across the limit whole for the redaction.
 */
export function readablePart(text: string): string {
  return text.length > 2 * MAX_MESSAGE_CHARS ? text.slice(0, 2 * MAX_MESSAGE_CHARS) : text;
}

/**
 * Turns shopper activities into machine events and the machine's replies into messages.
 * Holds no state of its own: the caller loads and saves the snapshot.
 */
export function createConversationTurns(deps: {
  kb: LoadedKnowledgeBase;
  recognizer: Recognizer;
  confidenceThreshold: number;
  now: () => Date;
  effects: FlowEffects;
}): ConversationTurns {
  // Effects need the turn's client and conversation. Providing them per turn rebuilt every
  // machine on every message (a fifth of the CPU under load), so the machines are provided once
  // and an effect reads the origin of the turn it starts in: effects start synchronously inside
  // that turn's actor.start()/send(), while `current` is set.
  let current: TurnOrigin | undefined;
  const origin = (): TurnOrigin => {
    if (current === undefined) throw new Error('an effect started outside a turn');
    return current;
  };
  const verifyOrder = fromPromise<VerifyOrderResult, VerifyOrderInput>(({ input }) => deps.effects.verifyOrder(origin(), input));
  const submitHandoff = fromPromise<HandoffResult, HandoffSubmission>(({ input }) => deps.effects.submitHandoff(origin(), input));
  const machine = conversationMachine.provide({
    actors: {
      tracking: trackingMachine.provide({ actors: { verifyOrder } }),
      returns: returnsMachine.provide({ actors: { verifyOrder } }),
      handoff: handoffMachine.provide({ actors: { submitHandoff } }),
    },
  });

  function restore(origin: TurnOrigin, persisted: unknown) {
    const input = { brand: origin.brand, confidenceThreshold: deps.confidenceThreshold };
    try {
      return createActor(machine, { input, snapshot: persisted as Snapshot<unknown> | undefined });
    } catch {
      // A snapshot from an older version of the machine cannot be restored: begin afresh
      // rather than leave the shopper stuck.
      return createActor(machine, { input });
    }
  }

  async function run(origin: TurnOrigin, persisted: unknown, event: ConversationEvent): Promise<TurnResult> {
    const actor = restore(origin, persisted);
    const replies: ConversationReply[] = [];
    actor.on('reply', (emitted) => replies.push(emitted.reply));
    current = origin;
    try {
      actor.start();
      actor.send(event);
    } finally {
      current = undefined;
    }
    // Persist only where the conversation waits for the shopper: let a lookup finish first.
    const flow = actor.getSnapshot().children.flow as AnyActorRef | undefined;
    if (flow?.getSnapshot().hasTag('busy')) {
      await waitFor(flow, (snapshot) => snapshot.status !== 'active' || !snapshot.hasTag('busy'), { timeout: SETTLE_TIMEOUT_MS });
    }
    const persistedAfter = actor.getPersistedSnapshot();
    actor.stop();
    return {
      activities: replies.map((reply) => renderReply(deps.kb, origin.brand, reply)),
      snapshot: persistedAfter,
      fallback: replies.some((reply) => reply.kind === 'didYouMean'),
    };
  }

  return {
    start(origin, persisted) {
      return run(origin, persisted, { type: 'conversation.started' });
    },
    async message(origin, text, persisted) {
      const said = text.trim();
      const at = deps.now().toISOString();
      if (said === '') {
        return {
          activities: [messageActivity(origin.brand, { text: 'I can read typed messages. What can I help you with?', topic: 'help', choices: MAIN_MENU })],
          snapshot: persisted,
          fallback: false,
        };
      }
      if (said.length > MAX_MESSAGE_CHARS) {
        return {
          activities: [
            messageActivity(origin.brand, {
              text: `That message is too long for me to read (the limit is ${MAX_MESSAGE_CHARS.toLocaleString('en-US')} characters). Could you send a shorter version, or pick one of these?`,
              topic: 'help',
              choices: MAIN_MENU,
            }),
          ],
          snapshot: persisted,
          fallback: false,
        };
      }
      const command = parseShopperCommand(said);
      if (command) return run(origin, persisted, { type: 'user.command', command, at });
      const understanding = await deps.recognizer.recognize(said);
      return run(origin, persisted, { type: 'user.said', text: said, understanding, at });
    },
  };
}
