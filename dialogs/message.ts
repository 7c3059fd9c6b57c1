// One bot message as an activity: the text, `channelData.support` and the choices as suggested
// actions. Every renderer builds its messages here, so they all carry the same contract.
import { ActionTypes, ActivityTypes, type Activity, type CardAction } from 'botbuilder';
import type { BrandId } from '../knowledge/brand-ids.js';
import type { Source } from '../knowledge/knowledge-base.types.js';
import { TOPIC_CHOICES, type Topic } from '../knowledge/topics.js';
import { supportChannelData, type AwaitingSlot } from './support-channel-data.js';

/** The main actions offered on welcome and whenever the shopper is back at the start. */
export const MAIN_MENU: readonly Topic[] = ['order.tracking', 'returns.start', 'shipping.timeline', 'handoff.human'];

export function topicActions(topics: readonly Topic[]): CardAction[] {
  return topics.map((topic) => ({ type: ActionTypes.ImBack, title: TOPIC_CHOICES[topic].title, value: TOPIC_CHOICES[topic].value }));
}

export interface BotMessage {
  text: string;
  topic: Topic;
  confidence?: number;
  sources?: Source[];
  awaiting?: AwaitingSlot | null;
  choices?: readonly Topic[];
}

/** A message activity with `channelData.support` (docs/contracts.md) and the choices as suggested actions. */
export function messageActivity(brand: BrandId, message: BotMessage): Partial<Activity> {
  const activity: Partial<Activity> = {
    type: ActivityTypes.Message,
    text: message.text,
    inputHint: message.awaiting ? 'expectingInput' : 'acceptingInput',
    channelData: supportChannelData({
      brand,
      topic: message.topic,
      confidence: message.confidence,
      sources: message.sources,
      awaiting: message.awaiting,
    }),
  };
  if (message.choices && message.choices.length > 0) {
    activity.suggestedActions = { to: [], actions: topicActions(message.choices) };
  }
  return activity;
}
