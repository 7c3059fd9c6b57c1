// One shopper turn through the conversation machine: restore its snapshot, send the event, let
// any lookup finish, and turn what the machine emitted into messages. Holds no state of its own.
import type { Activity } from 'botbuilder';
import { createActor, type Snapshot } from 'xstate';
import type { BrandId } from '../knowledge/brand-ids.js';
import type { HandoffTicket } from '../knowledge/handoff/handoff-ticket.types.js';
import type { LoadedKnowledgeBase } from '../knowledge/knowledge-base.js';
import type { MessageReader } from '../knowledge/reading/read-message.js';
import type { ReadingContext } from '../knowledge/reading/reading.types.js';
import { createConversationMachine, type ConversationContext, type ConversationEvent, type ConversationReply } from '../machines/conversation.machine.js';
import type { FlowEffects } from '../machines/flow-effects.js';
import { settled } from '../machines/settled.js';
import { MAIN_MENU, messageActivity } from './message.js';
import { renderReplies } from './reply.render.js';
import { deepFreeze } from '../knowledge/deep-freeze.js';

export interface TurnResult {
  activities: Partial<Activity>[];
  /** What to keep for the next turn (plain JSON): the machine snapshot and the replies just given. */
  snapshot: unknown;
  /** The bot was not sure what the shopper meant and offered its likeliest guesses. */
  fallback: boolean;
  /** Handoff tickets stored during this turn. */
  tickets: HandoffTicket[];
  /** CPU time the message's reading took on the reading thread, in milliseconds (for the client's CPU budget). */
  offThreadMs?: number;
}

/** Who is on the other end of this turn, for the effects that limit per client. */
export interface TurnOrigin {
  brand: BrandId;
  /** An opaque key for the client (its address); verification attempts are limited per key. */
  client: string;
  /** Brand, channel and conversation id: where this conversation's transcript and tickets are kept. */
  conversationKey: string;
  /** The store page the shopper wrote from (the widget says), for the team; absent on other channels. */
  page?: ShopperPage;
}

/** A page of the store's site: its address and title, as the shopper's browser gave them. */
export interface ShopperPage {
  url: string;
  title: string;
}

/** The flows' effects (machines/flow-effects.ts) as the composition root supplies them: each told whose turn it is. */
export type TurnEffects = {
  [Name in keyof FlowEffects]: (origin: TurnOrigin, ...args: Parameters<FlowEffects[Name]>) => ReturnType<FlowEffects[Name]>;
};

export interface ConversationTurns {
  /** The shopper opened the chat: greet first. */
  start(origin: TurnOrigin, persisted: unknown): Promise<TurnResult>;
  /** One shopper message. */
  message(origin: TurnOrigin, text: string, persisted: unknown): Promise<TurnResult>;
}

// A flow waiting on an effect (an order lookup) is given this long before the turn gives up;
// the effects carry their own shorter timeouts, so this only guards against a bug.
const SETTLE_TIMEOUT_MS = 15_000;

/**
 * What a conversation keeps between turns: the machine's snapshot, and this turn's replies, so
 * "can you say that again?" gets them again and a follow-up knows what it follows.
 */
interface Kept {
  machine: unknown;
  said: ConversationReply[];
}

function keptOf(persisted: unknown): Kept {
  const kept = persisted as Partial<Kept> | null | undefined;
  // A conversation kept before replies were kept with it: its snapshot alone.
  if (kept === null || kept === undefined || !('machine' in kept)) return { machine: persisted, said: [] };
  return { machine: kept.machine, said: Array.isArray(kept.said) ? kept.said : [] };
}

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
  reader: MessageReader;
  now: () => Date;
  effects: TurnEffects;
}): ConversationTurns {
  // Effects need the turn's client and conversation. Building the machines per turn cost a fifth
  // of the CPU under load, so they are built once and an effect reads the origin of the turn it
  // starts in: effects start synchronously inside that turn's actor.start()/send(), while
  // `current` is set.
  let current: TurnOrigin | undefined;
  const origin = (): TurnOrigin => {
    if (current === undefined) throw new Error('an effect started outside a turn');
    return current;
  };
  const machine = createConversationMachine({
    profileOf: deps.kb.profile,
    answerOf: deps.kb.answer,
    effects: {
      verifyOrder: (input) => deps.effects.verifyOrder(origin(), input),
      submitHandoff: (submission) => deps.effects.submitHandoff(origin(), submission),
    },
  });

  // A new conversation starts from its brand's initial snapshot, worked out once: entering the
  // initial state is pure (its context from the brand, no effects), and restoring it costs less.
  // Frozen, since every new conversation shares it: the machines only ever replace context.
  const initial = new Map<BrandId, Snapshot<unknown>>();
  function initialSnapshot(brand: BrandId): Snapshot<unknown> {
    let snapshot = initial.get(brand);
    if (snapshot === undefined) {
      const actor = createActor(machine, { input: { brand } }).start();
      snapshot = deepFreeze(actor.getPersistedSnapshot());
      actor.stop();
      initial.set(brand, snapshot);
    }
    return snapshot;
  }

  function restore(origin: TurnOrigin, persisted: unknown) {
    const input = { brand: origin.brand };
    try {
      return createActor(machine, { input, snapshot: (persisted ?? initialSnapshot(origin.brand)) as Snapshot<unknown> });
    } catch {
      // A snapshot from an older version of the machine cannot be restored: begin afresh
      // rather than leave the shopper stuck.
      return createActor(machine, { input });
    }
  }

  /** Sends the events in order, each after the one before has settled, and renders what was said. */
  async function run(origin: TurnOrigin, kept: Kept, events: readonly ConversationEvent[]): Promise<TurnResult> {
    const actor = restore(origin, kept.machine);
    const replies: ConversationReply[] = [];
    const tickets: HandoffTicket[] = [];
    actor.on('reply', (emitted) => replies.push(emitted.reply));
    actor.on('handoff.stored', (emitted) => tickets.push(emitted.ticket));
    for (const [index, event] of events.entries()) {
      current = origin;
      try {
        if (index === 0) actor.start();
        actor.send(event);
      } finally {
        current = undefined;
      }
      // Persist only where the conversation waits for the shopper: let any lookup finish first.
      await settled(actor, SETTLE_TIMEOUT_MS);
    }
    const machine = actor.getPersistedSnapshot();
    actor.stop();
    return {
      activities: renderReplies(deps.kb, origin.brand, replies),
      snapshot: { machine, said: replies } satisfies Kept,
      fallback: replies.some((reply) => reply.kind === 'didYouMean'),
      tickets,
    };
  }

  /** What the conversation shows now, from the machine's snapshot: what a new message is read against. */
  function contextOf(origin: TurnOrigin, kept: Kept, at: string): ReadingContext {
    const shown = (kept.machine as { context?: Partial<ConversationContext> } | null | undefined)?.context;
    return {
      brand: origin.brand,
      now: at,
      // An offer still standing is a yes/no question, whatever was said after it in the same turn.
      awaiting: shown?.awaiting ?? (shown?.offerPending === true ? 'confirm' : null),
      flow: shown?.flow ?? null,
      choices: shown?.choices ?? [],
      lastTopic: shown?.topic ?? null,
      lastSources: shown?.sources ?? [],
    };
  }

  return {
    start(origin, persisted) {
      return run(origin, keptOf(persisted), [{ type: 'conversation.started', at: deps.now().toISOString() }]);
    },
    async message(origin, text, persisted) {
      const said = text.trim();
      const at = deps.now().toISOString();
      if (said === '') {
        return {
          activities: [messageActivity(origin.brand, { text: 'I can read typed messages. What can I help you with?', topic: 'help', choices: MAIN_MENU })],
          snapshot: persisted,
          fallback: false,
          tickets: [],
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
          tickets: [],
        };
      }
      const kept = keptOf(persisted);
      const reading = await deps.reader.read(said, contextOf(origin, kept, at));
      // "Can you say that again?": the last replies once more, nothing else changes.
      if (reading.commands[0]?.command.kind === 'repeat' && kept.said.length > 0) {
        return { activities: renderReplies(deps.kb, origin.brand, kept.said), snapshot: persisted, fallback: false, tickets: [], offThreadMs: reading.offThreadMs };
      }
      // One event per command, in the order the message gave them; the message's slot values and
      // facts go with each.
      const events = reading.commands.map(({ command, text: part }, index): ConversationEvent => ({
        type: 'user.said',
        command,
        // What this command fills or corrects, on top of what the whole message gives.
        slots: command.kind === 'fill' || command.kind === 'correct' ? { ...reading.slots, ...command.slots } : reading.slots,
        facts: reading.facts,
        text: part,
        ...(part === said ? {} : { message: said }),
        at,
        ...(index < reading.commands.length - 1 ? { more: true } : {}),
        ...(index > 0 ? { follows: true } : {}),
      }));
      const result = await run(origin, kept, events);
      return reading.offThreadMs === undefined ? result : { ...result, offThreadMs: reading.offThreadMs };
    },
  };
}
