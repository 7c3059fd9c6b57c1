import { ActivityTypes, type Activity, type ChannelAccount, type ConversationAccount } from 'botbuilder';

// Activities as a channel would deliver them, for the in-process channels (terminal chat,
// routing measurement, the widget's Direct Line endpoint).

export const BOT_ACCOUNT: ChannelAccount = { id: 'clasp', name: 'Clasp', role: 'bot' };

function conversationAccount(id: string): ConversationAccount {
  return { id, name: '', isGroup: false, conversationType: 'personal' };
}

export function shopperJoined(channelId: string, conversationId: string, shopper: ChannelAccount): Partial<Activity> {
  return {
    type: ActivityTypes.ConversationUpdate,
    channelId,
    conversation: conversationAccount(conversationId),
    from: shopper,
    recipient: BOT_ACCOUNT,
    membersAdded: [shopper],
    timestamp: new Date(),
  };
}

export function shopperMessage(channelId: string, conversationId: string, shopper: ChannelAccount, text: string): Partial<Activity> {
  return {
    type: ActivityTypes.Message,
    channelId,
    conversation: conversationAccount(conversationId),
    from: shopper,
    recipient: BOT_ACCOUNT,
    text,
    timestamp: new Date(),
  };
}
