import type { Activity } from 'botbuilder';
import type { BrandId } from '../../knowledge/brand-ids.js';

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

/**
 * The Direct Line conversations: who they belong to and their activities in order, bounded and
 * expiring. A port, so another instance can share them (a later issue puts them in Redis).
 */
export interface ConversationLog {
  create(conversationId: string, info: Omit<ConversationInfo, 'started'>): Promise<void>;
  get(conversationId: string): Promise<ConversationInfo | undefined>;
  /** Marks the conversation started; true only for the call that did it. */
  start(conversationId: string): Promise<boolean>;
  /** Appends in order, giving each an id and (when absent) a timestamp; returns them as logged. */
  append(conversationId: string, activities: Array<Omit<LoggedActivity, 'id' | 'timestamp'> & { timestamp?: string }>): Promise<LoggedActivity[]>;
  /** The activities after `watermark` (all that are kept when undefined); undefined: no such conversation. */
  read(conversationId: string, watermark?: number): Promise<ActivitySet | undefined>;
  /** Calls `listener` with each batch appended from now on; returns the unsubscribe. */
  subscribe(conversationId: string, listener: (set: ActivitySet) => void): () => void;
  close(): void;
}
