// One shopper activity in, the bot's replies out, for every channel (HTTP with expectReplies, the
// CloudAdapter, the widget's Direct Line endpoint, the terminal chat). Each turn reads its
// conversation once, lets the dialogs run it, and writes the machine snapshot and the transcript
// back in one eTag-checked write: two instances answering the same conversation at once cannot
// silently overwrite each other, the later turn is run again on what the earlier one saved.
import { ActivityTypes, TurnContext, type Activity } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { ConversationTurns, TurnOrigin, TurnResult } from '../dialogs/conversation.turn.js';
import { MAIN_MENU, messageActivity } from '../dialogs/message.js';
import type { BrandId } from '../knowledge/brand-ids.js';
import type { TranscriptLine } from '../knowledge/handoff/handoff-ticket.types.js';
import type { Topic } from '../knowledge/topics.js';
import { createHandoffInitiationEvent } from './handoff/handoff-event.js';
import type { SenderLogger } from './handoff/handoff-sender.js';
import { conversationKeyOf, withTranscriptLines, type ConversationStore } from './state/conversation-store.js';
import { isStorageConflict, StorageUnavailableError } from './state/storage-errors.js';

/** Who a turn is for, as the channel knows it; the conversation key is derived per turn. */
export type TurnClient = Omit<TurnOrigin, 'conversationKey'>;

export interface TurnReport {
  brand: BrandId;
  /** What the turn was about (the topic of its first message), null when it sent none. */
  topic: Topic | null;
  /** The bot was not sure and asked "Did you mean…". */
  fallback: boolean;
  failed: boolean;
  seconds: number;
  /** Whose turn it was (the channel's client, whose CPU budget it is charged to). */
  client: string;
  /** The time the service's event loop was busy while the turn ran, in milliseconds (never more than its wall time). */
  cpuMs: number;
}

export interface TurnRunnerDeps {
  store: ConversationStore;
  turns: ConversationTurns;
  logger: Pick<SenderLogger, 'warn' | 'error'>;
  now: () => Date;
  /** Told about every turn that ran (metrics). */
  onTurn?: (report: TurnReport) => void;
}

export interface TurnRunner {
  /** Runs a message or a shopper joining; any other activity is no turn and gets no replies. */
  run(client: TurnClient, activity: Partial<Activity>): Promise<Partial<Activity>[]>;
}

// A turn that lost the race to save is run again on the fresher state; past this many tries
// the shopper is asked to send the message again rather than have it silently dropped.
const MAX_ATTEMPTS = 3;

function shopperJoined(activity: Partial<Activity>): boolean {
  const botId = activity.recipient?.id;
  return activity.type === ActivityTypes.ConversationUpdate && (activity.membersAdded ?? []).some((member) => member.id !== botId);
}

function messageText(activity: Partial<Activity>): string | undefined {
  return activity.type === ActivityTypes.Message && typeof activity.text === 'string' && activity.text.trim() !== '' ? activity.text : undefined;
}

function supportTopic(activity: Partial<Activity> | undefined): Topic | null {
  return (activity?.channelData as { support?: { topic?: Topic } } | undefined)?.support?.topic ?? null;
}

function transcriptLines(incoming: Partial<Activity>, replies: readonly Partial<Activity>[], at: string): TranscriptLine[] {
  const lines: TranscriptLine[] = [];
  const said = messageText(incoming);
  if (said !== undefined) lines.push({ at, from: 'shopper', text: said });
  for (const reply of replies) {
    const text = messageText(reply);
    if (text !== undefined) lines.push({ at, from: 'bot', text });
  }
  return lines;
}

export function createTurnRunner(deps: TurnRunnerDeps): TurnRunner {
  const { store, turns, logger } = deps;

  async function attempt(origin: TurnOrigin, activity: Partial<Activity>): Promise<TurnResult> {
    const { record, eTag } = await store.load(origin.conversationKey);
    const result =
      activity.type === ActivityTypes.Message
        ? await turns.message(origin, typeof activity.text === 'string' ? activity.text : '', record.machine)
        : await turns.start(origin, record.machine);
    const transcript = withTranscriptLines(record, transcriptLines(activity, result.activities, deps.now().toISOString()));
    // Saved before anything is sent: a reply the shopper sees is never ahead of what the next
    // turn, on any instance, will find.
    await store.save(origin.conversationKey, { machine: result.snapshot, transcript }, eTag);
    return result;
  }

  /** The last-chance answer: log with a reference, apologise with it, reset this conversation only. */
  async function failed(origin: TurnOrigin, activity: Partial<Activity>, error: unknown): Promise<Partial<Activity>[]> {
    const reference = randomUUID().slice(0, 8);
    logger.error({ err: error, reference, conversationId: activity.conversation?.id, brand: origin.brand }, 'turn failed');
    try {
      await store.forget(origin.conversationKey);
    } catch (forgetError) {
      logger.error({ err: forgetError, reference }, 'could not reset the conversation after a failed turn');
    }
    if (activity.type !== ActivityTypes.Message) return [];
    return [
      messageActivity(origin.brand, {
        text: `Sorry, something went wrong on my side (reference ${reference}). Let's start again: what can I help you with?`,
        topic: 'help',
        choices: MAIN_MENU,
      }),
    ];
  }

  function storeAway(brand: BrandId): Partial<Activity>[] {
    return [
      messageActivity(brand, {
        text: "Sorry, I can't reach my records for a moment. Please send that again in a minute; nothing you told me before is lost.",
        topic: 'help',
      }),
    ];
  }

  function busy(brand: BrandId): Partial<Activity>[] {
    return [
      messageActivity(brand, {
        text: "Sorry, I was still answering another message of yours and missed this one. Could you send it again?",
        topic: 'help',
      }),
    ];
  }

  return {
    async run(client, activity) {
      const key = conversationKeyOf(client.brand, activity);
      if (key === null || (activity.type !== ActivityTypes.Message && !shopperJoined(activity))) return [];
      const origin: TurnOrigin = { ...client, conversationKey: key };
      const startedAt = performance.now();
      // A turn is mostly synchronous work, so the time the event loop was busy across it is the
      // turn's own CPU time; what other turns compute while it waits (Redis, an order lookup) is
      // counted too, and the budget (TURN_CPU_MS_PER_CLIENT) leaves room for that. Read from the
      // event loop's own clock, not the process's CPU time: under load getrusage cost 60-70 µs a
      // call here, about a tenth of a turn. A message read on the reading thread adds what its
      // reading took there.
      const busyAtStart = performance.eventLoopUtilization();
      let replies: Partial<Activity>[] | undefined;
      let tickets: TurnResult['tickets'] = [];
      let fallback = false;
      let turnFailed = false;
      let offThreadMs = 0;
      for (let tries = 1; replies === undefined; tries += 1) {
        try {
          const result = await attempt(origin, activity);
          fallback = result.fallback;
          tickets = result.tickets;
          offThreadMs += result.offThreadMs ?? 0;
          replies = result.activities;
        } catch (error) {
          if (isStorageConflict(error) && tries < MAX_ATTEMPTS) continue;
          if (error instanceof StorageUnavailableError) {
            // Not the conversation's fault: keep it as it was and ask for the message again.
            logger.warn({ err: error.cause, conversationId: activity.conversation?.id, brand: client.brand }, 'turn not run: conversation store unavailable');
            replies = storeAway(client.brand);
            break;
          }
          turnFailed = !isStorageConflict(error);
          if (!turnFailed) logger.warn({ conversationId: activity.conversation?.id, brand: client.brand }, 'turn gave up after repeated save conflicts');
          replies = turnFailed ? await failed(origin, activity, error) : busy(client.brand);
        }
      }
      for (const ticket of tickets) replies.push(createHandoffInitiationEvent(activity, ticket));
      const loop = performance.eventLoopUtilization(busyAtStart);
      const wallMs = performance.now() - startedAt;
      deps.onTurn?.({
        brand: client.brand,
        topic: supportTopic(replies.find((reply) => reply.type === ActivityTypes.Message)),
        fallback,
        failed: turnFailed,
        seconds: wallMs / 1000,
        client: client.client,
        cpuMs: Math.min(loop.active, wallMs) + offThreadMs,
      });
      // Addressed as TurnContext would address them: from the bot, to the shopper, in reply.
      const reference = TurnContext.getConversationReference(activity);
      return replies.map((reply) => TurnContext.applyConversationReference({ ...reply }, reference));
    },
  };
}
