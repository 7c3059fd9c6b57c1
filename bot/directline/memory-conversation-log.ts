import type { ActivitySet, ConversationInfo, ConversationLog, LoggedActivity } from './conversation-log.js';

export interface MemoryConversationLogOptions {
  /** Activities kept per conversation; older ones drop off (the watermark keeps counting). */
  maxActivities: number;
  /** Conversations kept; beyond it the least recently used one is forgotten. */
  maxConversations: number;
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
  touchedAt: number;
  listeners: Set<(set: ActivitySet) => void>;
}

/** The in-process log: one instance only, lost on restart. */
export function createMemoryConversationLog(options: MemoryConversationLogOptions): ConversationLog {
  // A Map iterates in insertion order; re-inserting on touch keeps the least recently used first.
  const conversations = new Map<string, Conversation>();
  const idleMs = options.idleSeconds * 1000;
  const now = () => options.now().getTime();

  const live = (id: string): Conversation | undefined => {
    const conversation = conversations.get(id);
    if (conversation === undefined) return undefined;
    if (now() - conversation.touchedAt >= idleMs) {
      conversations.delete(id);
      return undefined;
    }
    conversations.delete(id);
    conversations.set(id, conversation);
    conversation.touchedAt = now();
    return conversation;
  };

  const sweep = () => {
    const cutoff = now() - idleMs;
    for (const [id, conversation] of conversations) {
      if (conversation.touchedAt <= cutoff) conversations.delete(id);
    }
  };
  const timer = options.sweepEveryMs === 0 ? undefined : setInterval(sweep, options.sweepEveryMs ?? 60_000);
  timer?.unref();

  const setOf = (conversation: Conversation, from: number): ActivitySet => ({
    activities: conversation.activities.slice(Math.max(0, from - conversation.first)),
    watermark: String(conversation.first + conversation.activities.length),
  });

  return {
    async create(id, info) {
      if (live(id) !== undefined) return;
      while (conversations.size >= options.maxConversations) {
        const oldest = conversations.keys().next();
        if (oldest.done) break;
        conversations.delete(oldest.value);
      }
      conversations.set(id, { ...info, started: false, first: 0, activities: [], touchedAt: now(), listeners: new Set() });
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
      conversation.activities.push(...logged);
      const overflow = conversation.activities.length - options.maxActivities;
      if (overflow > 0) {
        conversation.activities.splice(0, overflow);
        conversation.first += overflow;
      }
      const set = { activities: logged, watermark: String(conversation.first + conversation.activities.length) };
      for (const listener of conversation.listeners) listener(set);
      return logged;
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
    close() {
      if (timer) clearInterval(timer);
      conversations.clear();
    },
  };
}
