import { randomBytes } from 'node:crypto';
import { relayedId, type ActivityListener, type ActivitySet, type ConversationInfo, type ConversationLog, type LoggedActivity } from './conversation-log.js';

export interface MemoryConversationLogOptions {
  /** Activities kept per conversation; older ones drop off (the watermark keeps counting). */
  maxActivities: number;
  /** Conversations kept; at it, new ones are refused (none is evicted). */
  maxConversations: number;
  /** JSON characters kept across conversations; at it, new conversations are refused. */
  maxBytes: number;
  /** JSON characters kept per conversation; older activities drop off past it. */
  maxConversationBytes?: number;
  /** A conversation untouched this long is forgotten. */
  idleSeconds: number;
  now: () => Date;
  /** How often expired conversations are swept; 0 turns the timer off (tests sweep on access). */
  sweepEveryMs?: number;
}

interface Conversation extends ConversationInfo {
  /** Sequence number of `activities[0]`: how many dropped off the front. */
  first: number;
  activities: LoggedActivity[];
  /** JSON characters of each kept activity, in the same order. */
  sizes: number[];
  bytes: number;
  touchedAt: number;
  listeners: Set<ActivityListener>;
}

// A conversation's history replays in the widget; this keeps the last hundred or so exchanges.
const DEFAULT_MAX_CONVERSATION_BYTES = 128 * 1024;

/**
 * The in-process log: one instance only, lost on restart. Bounded three ways (conversations,
 * characters in all, characters per conversation); when full it refuses new conversations
 * rather than evict one whose shopper may still be typing.
 */
export function createMemoryConversationLog(options: MemoryConversationLogOptions): ConversationLog {
  // A Map iterates in insertion order; re-inserting on touch keeps the least recently used first.
  const conversations = new Map<string, Conversation>();
  const idleMs = options.idleSeconds * 1000;
  const maxConversationBytes = options.maxConversationBytes ?? DEFAULT_MAX_CONVERSATION_BYTES;
  let totalBytes = 0;
  const now = () => options.now().getTime();

  const forget = (id: string) => {
    const conversation = conversations.get(id);
    if (conversation === undefined) return;
    totalBytes -= conversation.bytes;
    conversations.delete(id);
  };

  const live = (id: string): Conversation | undefined => {
    const conversation = conversations.get(id);
    if (conversation === undefined) return undefined;
    if (now() - conversation.touchedAt >= idleMs) {
      forget(id);
      return undefined;
    }
    conversations.delete(id);
    conversations.set(id, conversation);
    conversation.touchedAt = now();
    return conversation;
  };

  const sweep = () => {
    const cutoff = now() - idleMs;
    // Least recently touched first: stop at the first one still in use.
    for (const [id, conversation] of conversations) {
      if (conversation.touchedAt > cutoff) break;
      forget(id);
    }
  };
  const timer = options.sweepEveryMs === 0 ? undefined : setInterval(sweep, options.sweepEveryMs ?? 60_000);
  timer?.unref();

  const setOf = (conversation: Conversation, from: number): ActivitySet => ({
    activities: conversation.activities.slice(Math.max(0, from - conversation.first)),
    watermark: String(conversation.first + conversation.activities.length),
  });

  const dropOldest = (conversation: Conversation, count: number) => {
    const dropped = conversation.sizes.splice(0, count).reduce((sum, size) => sum + size, 0);
    conversation.activities.splice(0, count);
    conversation.first += count;
    conversation.bytes -= dropped;
    totalBytes -= dropped;
  };

  return {
    async create(id, info) {
      if (live(id) !== undefined) return true;
      sweep();
      if (conversations.size >= options.maxConversations || totalBytes >= options.maxBytes) return false;
      conversations.set(id, { ...info, started: false, first: 0, activities: [], sizes: [], bytes: 0, touchedAt: now(), listeners: new Set() });
      return true;
    },
    async get(id) {
      const conversation = live(id);
      return conversation && { brand: conversation.brand, user: conversation.user, started: conversation.started };
    },
    async start(id) {
      const conversation = live(id);
      if (conversation === undefined || conversation.started) return false;
      conversation.started = true;
      return true;
    },
    async append(id, activities) {
      const conversation = live(id);
      if (conversation === undefined) return [];
      const sequence = conversation.first + conversation.activities.length;
      const logged = activities.map((activity, index): LoggedActivity => ({
        ...activity,
        id: `${id}|${String(sequence + index).padStart(7, '0')}`,
        timestamp: activity.timestamp ?? new Date(now()).toISOString(),
      }));
      for (const activity of logged) {
        const size = JSON.stringify(activity).length;
        conversation.activities.push(activity);
        conversation.sizes.push(size);
        conversation.bytes += size;
        totalBytes += size;
      }
      const overflow = conversation.activities.length - options.maxActivities;
      if (overflow > 0) dropOldest(conversation, overflow);
      // The newest activity always stays, whatever its size.
      while (conversation.bytes > maxConversationBytes && conversation.activities.length > 1) dropOldest(conversation, 1);
      const set = { activities: logged, watermark: String(conversation.first + conversation.activities.length) };
      for (const listener of conversation.listeners) listener(set);
      return logged;
    },
    async relay(id, activity) {
      const conversation = live(id);
      if (conversation === undefined) return undefined;
      const relayed: LoggedActivity = { ...activity, id: relayedId(id, randomBytes(6).toString('base64url')), timestamp: new Date(now()).toISOString() };
      const set = { activities: [relayed], watermark: String(conversation.first + conversation.activities.length) };
      for (const listener of conversation.listeners) listener(set, true);
      return relayed;
    },
    async read(id, watermark) {
      const conversation = live(id);
      return conversation && setOf(conversation, watermark ?? 0);
    },
    subscribe(id, listener) {
      const conversation = conversations.get(id);
      conversation?.listeners.add(listener);
      return () => conversation?.listeners.delete(listener);
    },
    usage() {
      sweep();
      return { conversations: conversations.size, bytes: totalBytes };
    },
    close() {
      if (timer) clearInterval(timer);
      conversations.clear();
      totalBytes = 0;
    },
  };
}
