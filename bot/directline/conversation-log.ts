import type { Activity } from 'botbuilder';
import type { BrandId } from '../../knowledge/brand-ids.js';
import type { HolderUsage } from '../metrics.js';

/**
 * An activity as the widget receives it: JSON only (timestamps are ISO strings), with the id and
 * timestamp the log gave it.
 */
export type LoggedActivity = Partial<Omit<Activity, 'timestamp' | 'localTimestamp'>> & {
  id: string;
  timestamp: string;
  localTimestamp?: string;
  type: string;
};

/** A Direct Line activity set: what polling returns and what the stream pushes. */
export interface ActivitySet {
  activities: LoggedActivity[];
  /** Pass back to get only what came after; the count of activities ever logged. */
  watermark: string;
}

export interface ConversationInfo {
  brand: BrandId;
  user: string;
  /** The client that opened it (bot/client-key.ts), whose live conversations are bounded. */
  client: string;
  /** Whether the bot has been told the visitor joined (it greets once). */
  started: boolean;
  /**
   * Whether the visitor has sent a message. Until then the conversation lasts the first-message
   * window at most and is the first dropped when the log is full; after, it is never dropped
   * (only forgotten once idle).
   */
  spoken: boolean;
}

/** What opening a conversation came to: room was found, or the log or this client holds all it may. */
export type Admission = 'admitted' | 'full' | 'client_full';

export interface OpenOptions {
  /**
   * The sequence number the first activity gets (0 for a new conversation). A conversation opened
   * again for a token it was dropped under starts past any watermark its page may hold.
   */
  firstSequence?: number;
  /**
   * Whether the bot has greeted already: true when the visitor's post opens it again (the page
   * shows the greeting), false when the page starting it does (the bot greets).
   */
  started?: boolean;
}

/** Called with each batch appended; `relayed` batches (typing) were never stored and move no watermark. */
export type ActivityListener = (set: ActivitySet, relayed?: boolean) => void;

/**
 * The Direct Line conversations: who they belong to and their activities in order, bounded and
 * expiring. A port, so another instance can share them (in Redis).
 */
export interface ConversationLog {
  /**
   * Opens a conversation (an existing one is left as it is). At the client's bound its oldest
   * conversation nobody spoke in is dropped for it; when the log is full, the oldest such
   * conversations of any client are. Refused only when every one in the way has a shopper talking.
   */
  create(conversationId: string, info: Pick<ConversationInfo, 'brand' | 'user' | 'client'>, options?: OpenOptions): Promise<Admission>;
  get(conversationId: string): Promise<ConversationInfo | undefined>;
  /** Marks the conversation started; true only for the call that did it. */
  start(conversationId: string): Promise<boolean>;
  /** Marks that the visitor sent a message: it now stays until idle. False: no such conversation. */
  spoke(conversationId: string): Promise<boolean>;
  /** Appends in order, giving each an id and (when absent) a timestamp; returns them as logged. */
  append(conversationId: string, activities: Array<Omit<LoggedActivity, 'id' | 'timestamp'> & { timestamp?: string }>): Promise<LoggedActivity[]>;
  /** Hands the activity to the conversation's open streams without storing it (typing); undefined: no such conversation. */
  relay(conversationId: string, activity: Omit<LoggedActivity, 'id' | 'timestamp'>): Promise<LoggedActivity | undefined>;
  /** The activities after `watermark` (all that are kept when undefined); undefined: no such conversation. */
  read(conversationId: string, watermark?: number): Promise<ActivitySet | undefined>;
  /** Calls `listener` with each batch appended or relayed from now on; returns the unsubscribe. */
  subscribe(conversationId: string, listener: ActivityListener): () => void;
  /** What this process keeps (undefined for a shared log, bounded by its own server). */
  usage(): HolderUsage | undefined;
  close(): void;
}

/**
 * Where a conversation opened again starts counting: a hundred sequence numbers per millisecond
 * of the clock. A page's watermark is at most where the conversation's last opening started plus
 * what it logged since, and no conversation logs a hundred activities a millisecond, so the new
 * start is past it and the page misses nothing of what follows. Fifteen digits, what a watermark
 * may have (directline.schema.ts), last until the 2280s.
 */
export function reopenedSequence(now: Date): number {
  return Math.max(0, now.getTime()) * 100;
}

/** An id for an activity that is relayed and not logged: it has no place in the sequence. */
export function relayedId(conversationId: string, random: string): string {
  return `${conversationId}|r-${random}`;
}
