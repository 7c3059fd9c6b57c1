// Plays conversation scripts through the real bot in this process: the real Reading step, machines,
// renderers, order lookup and handoff outbox, with the clock pinned so the demo orders and every
// date the bot says are the same on every run.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClasp, type Clasp } from '../../bot/clasp.js';
import { loadConfig } from '../../bot/config.js';
import { createLogger } from '../../bot/logger.js';
import { shopperJoined, shopperMessage } from '../../bot/shopper-activity.js';
import { conversationKeyOf } from '../../bot/state/conversation-store.js';
import type { HandoffTicket } from '../../knowledge/handoff/handoff-ticket.types.js';
import type { ConversationScript } from './conversation-script.schema.js';
import { botLineOf, checkTickets, checkTurn, type BotLine } from './script-checks.js';

/** Wednesday 2 December 2026, noon in New York: a weekday inside every brand's stated hours. */
export const SCRIPT_NOW = new Date('2026-12-02T17:00:00Z');

const CHANNEL = 'conversation-script';
const SHOPPER = { id: 'script-shopper', name: 'Shopper', role: 'user' };

export interface PlayedTurn {
  shopper: string;
  replies: BotLine[];
  problems: string[];
}

export interface PlayedConversation {
  script: ConversationScript;
  /** What the bot said when the shopper joined. */
  greeting: BotLine[];
  turns: PlayedTurn[];
  tickets: HandoffTicket[];
  ticketProblems: string[];
  passed: boolean;
}

export interface ScriptPlayer {
  /** Plays the script; by default stops after the first turn that is not as expected. */
  play(script: ConversationScript, options?: { keepGoing?: boolean }): Promise<PlayedConversation>;
  close(): Promise<void>;
}

export async function createScriptPlayer(): Promise<ScriptPlayer> {
  const outboxDir = mkdtempSync(join(tmpdir(), 'clasp-conversations-'));
  // Every script is its own client, so per-client limits never carry from one script to the next;
  // the limits are raised anyway so a long script is never cut short by them.
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    OUTBOX_DIR: outboxDir,
    HANDOFFS_PER_CLIENT: '1000',
    MESSAGES_PER_CONVERSATION: '1000',
    MESSAGES_PER_CLIENT: '100000',
    VERIFY_FAILURES_PER_CLIENT: '1000',
  });
  const clasp: Clasp = await createClasp(config, { logger: createLogger({ logLevel: 'silent' }), now: () => SCRIPT_NOW });

  async function ticketsOf(script: ConversationScript, conversationId: string): Promise<HandoffTicket[]> {
    const key = conversationKeyOf(script.brand, { channelId: CHANNEL, conversation: { id: conversationId } });
    const stored = await clasp.handoff.outbox.list({ brand: script.brand });
    return stored.map((entry) => entry.ticket).filter((ticket) => ticket.conversation?.key === key);
  }

  return {
    async play(script, options = {}) {
      const conversationId = `script-${randomUUID()}`;
      const origin = { brand: script.brand, client: `script-client-${conversationId}` };
      const lines = (replies: Awaited<ReturnType<Clasp['runInProcess']>>) => replies.filter((reply) => reply.type === 'message').map(botLineOf);

      const greeting = lines(await clasp.runInProcess(origin, shopperJoined(CHANNEL, conversationId, SHOPPER)));
      const turns: PlayedTurn[] = [];
      for (const turn of script.turns) {
        const replies = lines(await clasp.runInProcess(origin, shopperMessage(CHANNEL, conversationId, SHOPPER, turn.shopper)));
        const problems = checkTurn(turn.expect, replies);
        turns.push({ shopper: turn.shopper, replies, problems });
        if (problems.length > 0 && options.keepGoing !== true) break;
      }
      const finished = turns.length === script.turns.length;
      const tickets = await ticketsOf(script, conversationId);
      const ticketProblems = finished ? checkTickets(script.ticket, tickets) : [];
      const passed = finished && ticketProblems.length === 0 && turns.every((turn) => turn.problems.length === 0);
      return { script, greeting, turns, tickets, ticketProblems, passed };
    },
    async close() {
      await clasp.close();
      rmSync(outboxDir, { recursive: true, force: true });
    },
  };
}
