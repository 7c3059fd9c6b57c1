import type { BrandId } from '../../knowledge/brand-ids.js';
import { conversationKeyOf } from '../state/conversation-store.js';

/**
 * The channel id of the widget's conversations. They are reached only through the Direct Line
 * routes with their token: with authentication off the message routes refuse it
 * (bot/activity.schema.ts), so knowing a conversation's id (it is in every Direct Line URL and
 * in the token's payload) opens nothing there.
 */
export const DIRECTLINE_CHANNEL = 'directline';

/** Whether a channel id, as a caller may write it, names the widget's channel. */
export function isDirectLineChannel(channelId: string | undefined): boolean {
  return channelId !== undefined && channelId.trim().toLowerCase() === DIRECTLINE_CHANNEL;
}

/** Where the bot keeps a widget conversation's state (and counts its messages). */
export function widgetStateKey(brand: BrandId, conversationId: string): string {
  return conversationKeyOf(brand, { channelId: DIRECTLINE_CHANNEL, conversation: { id: conversationId } }) ?? conversationId;
}
