// One record per conversation in the bot's Storage: the flow machine's snapshot and the redacted
// transcript the agents will read, read once and written once per turn. The key names brand,
// channel and conversation id, so the same conversation id on two storefronts is two
// conversations and any instance sharing the Storage can take the next turn.
import type { Storage } from 'botbuilder';
import { MAX_MESSAGE_CHARS, readablePart } from '../../dialogs/conversation.turn.js';
import type { BrandId } from '../../knowledge/brand-ids.js';
import type { TranscriptLine } from '../../knowledge/handoff/handoff-ticket.types.js';
import { redactSecrets } from '../../knowledge/handoff/redaction.js';

export interface ConversationRecord {
  /** The persisted router snapshot (plain JSON); absent before the first turn. */
  machine?: unknown;
  transcript?: TranscriptLine[];
}

export interface LoadedConversation {
  record: ConversationRecord;
  /** What the next write must match; undefined for a conversation not stored yet. */
  eTag: string | undefined;
}

export interface ConversationStore {
  load(key: string): Promise<LoadedConversation>;
  /** Refused with a conflict when another turn saved the conversation since `eTag` was read. */
  save(key: string, record: ConversationRecord, eTag: string | undefined): Promise<void>;
  forget(key: string): Promise<void>;
  /** The transcript so far (for a handoff ticket). */
  transcript(key: string): Promise<TranscriptLine[]>;
  /** Whether a turn of this conversation may be taken now: false only for a new one while the store is full. */
  admits(key: string): boolean;
}

/** A Storage that is bounded in this process (the in-memory one) and says when it is full. */
export interface BoundedStorage extends Storage {
  admits(key: string): boolean;
}

function isBounded(storage: Storage): storage is BoundedStorage {
  return typeof (storage as Partial<BoundedStorage>).admits === 'function';
}

const MAX_TRANSCRIPT_LINES = 200;

export function conversationKeyOf(brand: BrandId, activity: { channelId?: string; conversation?: { id?: unknown } }): string | null {
  const id = activity.conversation?.id;
  if (typeof id !== 'string' || id === '') return null;
  return `${brand}/${activity.channelId ?? 'unknown'}/conversations/${id}`;
}

/**
 * The transcript with this turn's lines added, redacted and bounded: a card number is never stored
 * whole, and a line is cut to what is read of a message before the redaction reads it.
 */
export function withTranscriptLines(record: ConversationRecord, lines: readonly TranscriptLine[]): TranscriptLine[] {
  const clean = lines.map((line) => ({ ...line, text: redactSecrets(readablePart(line.text)).slice(0, MAX_MESSAGE_CHARS) }));
  return [...(record.transcript ?? []), ...clean].slice(-MAX_TRANSCRIPT_LINES);
}

export function createConversationStore(storage: Storage): ConversationStore {
  const load = async (key: string): Promise<LoadedConversation> => {
    const item = (await storage.read([key]))[key] as (ConversationRecord & { eTag?: string }) | undefined;
    if (item === undefined) return { record: {}, eTag: undefined };
    const { eTag, ...record } = item;
    return { record, eTag };
  };
  return {
    load,
    save: (key, record, eTag) => storage.write({ [key]: { ...record, eTag: eTag ?? '*' } }),
    forget: (key) => storage.delete([key]),
    transcript: async (key) => {
      const { transcript } = (await load(key)).record;
      return Array.isArray(transcript) ? transcript : [];
    },
    // A shared store (Redis) is bounded by its own memory settings, not by this process.
    admits: (key) => (isBounded(storage) ? storage.admits(key) : true),
  };
}
