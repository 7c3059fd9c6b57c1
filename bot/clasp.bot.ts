import { ActivityHandler, type BotState, type TurnContext } from 'botbuilder';
import type { ConversationTurns, TurnResult } from '../dialogs/conversation.turn.js';
import { turnOrigin } from './brand-conversation-state.js';

/** The thin activity handler: loads the conversation, lets dialogs run the turn, saves, replies. */
export class ClaspBot extends ActivityHandler {
  constructor(conversationState: BotState, turns: ConversationTurns) {
    super();
    const machineSnapshot = conversationState.createProperty<unknown>('machine');

    // State is saved before anything is sent, so a reply the shopper sees is never
    // ahead of what the next turn (on any instance) will find.
    const finish = async (context: TurnContext, result: TurnResult) => {
      await machineSnapshot.set(context, result.snapshot);
      await conversationState.saveChanges(context);
      if (result.activities.length > 0) await context.sendActivities(result.activities);
    };

    this.onMessage(async (context, next) => {
      const origin = turnOrigin(context);
      const text = typeof context.activity.text === 'string' ? context.activity.text : '';
      await finish(context, await turns.message(origin, text, await machineSnapshot.get(context)));
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      const shopperJoined = (context.activity.membersAdded ?? []).some((member) => member.id !== botId);
      if (shopperJoined) {
        await finish(context, await turns.start(turnOrigin(context), await machineSnapshot.get(context)));
      }
      await next();
    });
  }
}
