import { randomBytes } from 'node:crypto';
import { relayedId, type ActivityListener, type ActivitySet, type ConversationInfo, type ConversationLog, type LoggedActivity } from './conversation-log.js';

export interface MemoryConversationLogOptions {
  /** Activities kept per conversation; older ones drop off (the watermark keeps counting). */
  maxActivities: number;
  /** Conversations kept; at it, the oldest nobody spoke in make room, and with none such a new one is refused. */
  maxConversations: number;
  /** JSON characters kept across conversations; at it, as at maxConversations. */
  maxBytes: number;
  /** JSON characters kept per conversation; older activities drop off past it. */
  maxConversationBytes?: number;
  /** A conversation untouched this long is forgotten. */
  idleSeconds: number;
  /** A conversation whose visitor has sent no message this long after it was opened is dropped. */
  firstMessageSeconds: number;
  /** Conversations one client may hold; at it, its own oldest nobody spoke in makes room. */
  maxPerClient: number;
  now: () => Date;
  /** How often expired conversations are swept; 0 turns the timer off (tests sweep on access). */
  sweepEveryMs?: number;
  /**
   * Told of each conversation dropped before its visitor spoke (the first-message window, or to
   * make room), so what else was kept for it (the bot's greeting state) can go too.
   */
  onDropped?: (conversationId: string, info: ConversationInfo) => void;
}

interface Conversation extends ConversationInfo {
  /** Sequence number of `activities[0]`: how many dropped off the front. */
  first: number;
  activities: LoggedActivity[];
  /** JSON characters of each kept activity, in the same order. */
  sizes: number[];
  bytes: number;
  touchedAt: number;
}

// A conversation's history replays in the widget; this keeps the last hundred or so exchanges.
const DEFAULT_MAX_CONVERSATION_BYTES = 128 * 1024;

/**
 * The in-process log: one instance only, lost on restart. Bounded three ways (conversations,
 * characters in all, characters per conversation) and per client. A conversation nobody has
 * spoken in holds its place for the first-message window at most and is the first to go when
 * room is needed; one whose shopper has spoken is never dropped to make room, so when all are
 * such a new conversation is refused instead.
 */
export function createMemoryConversationLog(options: MemoryConversationLogOptions): ConversationLog {
  // A Map iterates in insertion order; re-inserting on touch keeps the least recently used first.
  const conversations = new Map<string, Conversation>();
  // Conversations nobody has spoken in yet, by the time their first-message window ends: opened
  // in order, so the oldest (and the first to expire) come first.
  const unspoken = new Map<string, number>();
  const byClient = new Map<string, Set<string>>();
  // Listeners by conversation id, not on the conversation: a stream open on a conversation that
  // is dropped and opened again for its token hears the new one.
  const listeners = new Map<string, Set<ActivityListener>>();
  const idleMs = options.idleSeconds * 1000;
  const firstMessageMs = options.firstMessageSeconds * 1000;
  const maxConversationBytes = options.maxConversationBytes ?? DEFAULT_MAX_CONVERSATION_BYTES;
  let totalBytes = 0;
  const now = () => options.now().getTime();

  const forget = (id: string) => {
    const conversation = conversations.get(id);
    if (conversation === undefined) return;
    totalBytes -= conversation.bytes;
    conversations.delete(id);
    unspoken.delete(id);
    const own = byClient.get(conversation.client);
    own?.delete(id);
    if (own?.size === 0) byClient.delete(conversation.client);
    if (!conversation.spoken) options.onDropped?.(id, infoOf(conversation));
  };

  const expired = (id: string, conversation: Conversation) => now() - conversation.touchedAt >= idleMs || (unspoken.get(id) ?? Infinity) <= now();

  const live = (id: string): Conversation | undefined => {
    const conversation = conversations.get(id);
    if (conversation === undefined) return undefined;
    if (expired(id, conversation)) {
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
    for (const [id, deadline] of unspoken) {
      if (deadline > now()) break;
      forget(id);
    }
  };
  const timer = options.sweepEveryMs === 0 ? undefined : setInterval(sweep, options.sweepEveryMs ?? 60_000);
  timer?.unref();

  const full = () => conversations.size >= options.maxConversations || totalBytes >= options.maxBytes;

  /** Room for one more of `client`'s: its own oldest unspoken one goes at its bound, then anyone's while the log is full. */
  const makeRoom = (client: string): 'admitted' | 'full' | 'client_full' => {
    const own = byClient.get(client);
    if (own !== undefined && own.size >= options.maxPerClient) {
      // A Set iterates in insertion order: the client's oldest first.
      const oldest = [...own].find((id) => unspoken.has(id));
      if (oldest === undefined) return 'client_full';
      forget(oldest);
    }
    while (full()) {
      const oldest = unspoken.keys().next();
      if (oldest.done === true) return 'full';
      forget(oldest.value);
    }
    return 'admitted';
  };

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

  const tell = (id: string, set: ActivitySet, relayed?: boolean) => {
    for (const listener of listeners.get(id) ?? []) listener(set, relayed);
  };

  return {
    async create(id, info, opening = {}) {
      if (live(id) !== undefined) return 'admitted';
      sweep();
      const admission = makeRoom(info.client);
      if (admission !== 'admitted') return admission;
      conversations.set(id, {
        brand: info.brand,
        user: info.user,
        client: info.client,
        started: opening.started ?? false,
        spoken: false,
        first: opening.firstSequence ?? 0,
        activities: [],
        sizes: [],
        bytes: 0,
        touchedAt: now(),
      });
      unspoken.set(id, now() + firstMessageMs);
      const own = byClient.get(info.client) ?? new Set<string>();
      own.add(id);
      byClient.set(info.client, own);
      return 'admitted';
    },
    async get(id) {
      const conversation = live(id);
      return conversation && infoOf(conversation);
    },
    async start(id) {
      const conversation = live(id);
      if (conversation === undefined || conversation.started) return false;
      conversation.started = true;
      return true;
    },
    async spoke(id) {
      const conversation = live(id);
      if (conversation === undefined) return false;
      conversation.spoken = true;
      unspoken.delete(id);
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
      tell(id, { activities: logged, watermark: String(conversation.first + conversation.activities.length) });
      return logged;
    },
    async relay(id, activity) {
      const conversation = live(id);
      if (conversation === undefined) return undefined;
      const relayed: LoggedActivity = { ...activity, id: relayedId(id, randomBytes(6).toString('base64url')), timestamp: new Date(now()).toISOString() };
      tell(id, { activities: [relayed], watermark: String(conversation.first + conversation.activities.length) }, true);
      return relayed;
    },
    async read(id, watermark) {
      const conversation = live(id);
      return conversation && setOf(conversation, watermark ?? 0);
    },
    subscribe(id, listener) {
      const own = listeners.get(id) ?? new Set<ActivityListener>();
      own.add(listener);
      listeners.set(id, own);
      return () => {
        own.delete(listener);
        if (own.size === 0 && listeners.get(id) === own) listeners.delete(id);
      };
    },
    usage() {
      sweep();
      return { conversations: conversations.size, bytes: totalBytes };
    },
    close() {
      if (timer) clearInterval(timer);
      conversations.clear();
      unspoken.clear();
      byClient.clear();
      listeners.clear();
      totalBytes = 0;
    },
  };
}

function infoOf(conversation: Conversation): ConversationInfo {
  return { brand: conversation.brand, user: conversation.user, client: conversation.client, started: conversation.started, spoken: conversation.spoken };
}
