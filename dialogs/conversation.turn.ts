import type { Activity } from 'botbuilder';
import { createActor, type Snapshot } from 'xstate';
import type { BrandId } from '../knowledge/brand-ids.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.types.js';
import type { Recognizer } from '../knowledge/understanding/understanding.types.js';
import { conversationMachine, type ConversationEvent } from '../machines/conversation.machine.js';
import { messageActivity, renderReply, MAIN_MENU } from './reply.render.js';
import { parseShopperCommand } from './shopper-command.js';

export interface TurnResult {
  activities: Partial<Activity>[];
  /** The conversation's persisted machine snapshot after this turn (plain JSON). */
  snapshot: unknown;
}

export interface ConversationTurns {
  /** The shopper opened the chat: greet first. */
  start(brand: BrandId, persisted: unknown): Promise<TurnResult>;
  /** One shopper message. */
  message(brand: BrandId, text: string, persisted: unknown): Promise<TurnResult>;
}

/**
 * Turns shopper activities into machine events and the machine's replies into messages.
 * Holds no state of its own: the caller loads and saves the snapshot.
 */
export function createConversationTurns(deps: {
  kb: KnowledgeBase;
  recognizer: Recognizer;
  confidenceThreshold: number;
}): ConversationTurns {
  function run(brand: BrandId, persisted: unknown, event: ConversationEvent): TurnResult {
    const input = { brand, confidenceThreshold: deps.confidenceThreshold };
    let actor = createActor(conversationMachine, { input, snapshot: persisted as Snapshot<unknown> | undefined });
    try {
      actor.start();
    } catch {
      // A snapshot from an older version of the machine cannot be restored: begin afresh
      // rather than leave the shopper stuck.
      actor = createActor(conversationMachine, { input });
      actor.start();
    }
    actor.send(event);
    const snapshot = actor.getSnapshot();
    const activities = snapshot.context.replies.map((reply) => renderReply(deps.kb, brand, reply));
    const persistedAfter = actor.getPersistedSnapshot();
    actor.stop();
    return { activities, snapshot: persistedAfter };
  }

  return {
    async start(brand, persisted) {
      return run(brand, persisted, { type: 'conversation.started' });
    },
    async message(brand, text, persisted) {
      const said = text.trim();
      if (said === '') {
        return {
          activities: [messageActivity(brand, { text: 'I can read typed messages. What can I help you with?', topic: 'help', choices: MAIN_MENU })],
          snapshot: persisted,
        };
      }
      const command = parseShopperCommand(said);
      if (command) return run(brand, persisted, { type: 'user.command', command });
      const understanding = await deps.recognizer.recognize(said);
      return run(brand, persisted, { type: 'user.said', text: said, understanding });
    },
  };
}
