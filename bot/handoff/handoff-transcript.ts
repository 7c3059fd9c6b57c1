// The conversation as the agent will read it, kept per conversation in the bot's Storage (the
// same port as conversation state, so any instance can add the next turn). Lines are redacted
// before they are stored: a card number typed into the chat is never written anywhere whole.
import type { Activity, Storage } from 'botbuilder';
import type { BrandId } from '../../knowledge/brand-ids.js';
import type { TranscriptLine } from '../../knowledge/handoff/handoff-ticket.types.js';
import { redactSecrets } from '../../knowledge/handoff/redaction.js';

export interface TranscriptStore {
  append(conversationKey: string, lines: readonly TranscriptLine[]): Promise<void>;
  read(conversationKey: string): Promise<TranscriptLine[]>;
}

const MAX_LINE_CHARS = 2_000;

/** The same key shape as the brand's conversation state: brand, channel, conversation id. */
export function conversationKeyOf(brand: BrandId, activity: Pick<Partial<Activity>, 'channelId' | 'conversation'>): string | null {
  const id = activity.conversation?.id;
  if (typeof id !== 'string' || id === '') return null;
  return `${brand}/${activity.channelId ?? 'unknown'}/conversations/${id}`;
}

export function createTranscriptStore(storage: Storage, options: { maxLines?: number } = {}): TranscriptStore {
  const maxLines = options.maxLines ?? 200;
  const keyOf = (conversationKey: string) => `transcript/${conversationKey}`;

  async function read(conversationKey: string): Promise<TranscriptLine[]> {
    const key = keyOf(conversationKey);
    const items = await storage.read([key]);
    const lines = (items[key] as { lines?: unknown } | undefined)?.lines;
    return Array.isArray(lines) ? (lines as TranscriptLine[]) : [];
  }

  return {
    read,
    async append(conversationKey, lines) {
      if (lines.length === 0) return;
      const clean = lines.map((line) => ({ ...line, text: redactSecrets(line.text).slice(0, MAX_LINE_CHARS) }));
      const all = [...(await read(conversationKey)), ...clean].slice(-maxLines);
      await storage.write({ [keyOf(conversationKey)]: { lines: all, eTag: '*' } });
    },
  };
}
