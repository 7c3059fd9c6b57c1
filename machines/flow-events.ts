import type { Command, MessageFacts, SlotValues } from '../knowledge/reading/reading.types.js';

/**
 * One command of a shopper message, as the Reading step read it (knowledge/reading/). `at` is the
 * turn's time (ISO), injected by the caller. The machines act on `command`, `slots` and `facts`;
 * `text` is kept as the shopper wrote it (for the team and the transcript) and never read here.
 */
export interface UserSaid {
  type: 'user.said';
  command: Command;
  /** Every slot value of the whole message, wherever it was typed. */
  slots: SlotValues;
  facts: MessageFacts;
  /** The words this command was read from. */
  text: string;
  /**
   * The whole message, where this command was read from a part of it: a problem reported goes to
   * the team in the shopper's own words, all of them ("the clasp snapped, can it be fixed?").
   */
  message?: string;
  at: string;
  /** More commands of the same message follow: a flow asks its question again only after the last. */
  more?: boolean;
  /** An earlier command of the same message came before this one: an offer it made still stands. */
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

/** The command of a shopper's message, when the event is one. */
export function commandOf(event: { type: string }): Command | undefined {
  return said(event)?.command;
}

/** Whether the event is a shopper's message with a command of `kind`. */
export function isCommand<Kind extends Command['kind']>(event: { type: string }, kind: Kind): event is UserSaid & { command: Extract<Command, { kind: Kind }> } {
  return said(event)?.command.kind === kind;
}

/** The slot values a shopper's message gave, or none. */
export function slotsOf(event: { type: string }): SlotValues {
  return said(event)?.slots ?? {};
}

/** What the shopper typed, or '' for any other event. */
export function textOf(event: { type: string }): string {
  return said(event)?.text ?? '';
}
