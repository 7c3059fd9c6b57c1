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
  /** Whether the bot has been told the visitor joined (it greets once). */
  started: boolean;
}

/** Called with each batch appended; `relayed` batches (typing) were never stored and move no watermark. */
export type ActivityListener = (set: ActivitySet, relayed?: boolean) => void;

/**
 * The Direct Line conversations: who they belong to and their activities in order, bounded and
 * expiring. A port, so another instance can share them (in Redis).
 */
export interface ConversationLog {
  /** False when the log is full: a new conversation is refused, none that exists is evicted. */
  create(conversationId: string, info: Omit<ConversationInfo, 'started'>): Promise<boolean>;
  get(conversationId: string): Promise<ConversationInfo | undefined>;
  /** Marks the conversation started; true only for the call that did it. */
  start(conversationId: string): Promise<boolean>;
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

/** An id for an activity that is relayed and not logged: it has no place in the sequence. */
export function relayedId(conversationId: string, random: string): string {
  return `${conversationId}|r-${random}`;
}
