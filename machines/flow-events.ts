import type { Understanding } from '../knowledge/understanding/understanding.types.js';

/** A shopper message, understood; `at` is the turn's time (ISO), injected by the caller. */
export interface UserSaid {
  type: 'user.said';
  text: string;
  understanding: Understanding;
  at: string;
  /** More questions of the same message follow: a flow asks its question again only after the last. */
  more?: boolean;
  /** An earlier question of the same message came before this one: an offer it made still stands. */
  follows?: boolean;
}

/**
 * Sent by the router to the active flow after it answered a digression ("wait, is shipping
 * free?"): the flow asks again for whatever it was waiting for, without losing anything.
 */
export interface FlowReprompt {
  type: 'flow.reprompt';
  at: string;
}

/** What a flow (a child of the router) sends up to have a reply shown this turn. */
export interface FlowReplyEvent<TReply> {
  type: 'flow.reply';
  reply: TReply;
}

/** The shopper's message, when the event is one. */
export function said(event: { type: string }): UserSaid | undefined {
  return event.type === 'user.said' ? (event as UserSaid) : undefined;
}

/** What the shopper typed, or '' for any other event. */
export function textOf(event: { type: string }): string {
  return said(event)?.text ?? '';
}
