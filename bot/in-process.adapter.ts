import { BotAdapter, TurnContext, type Activity, type ConversationReference, type ResourceResponse } from 'botbuilder';
import { randomUUID } from 'node:crypto';

const REPLIES = Symbol('clasp.replies');

/**
 * Runs turns inside this process and hands the bot's replies back to the caller, like
 * `expectReplies` over HTTP but without the hop: for the terminal chat, the routing
 * measurement and the widget's Direct Line endpoint.
 */
export class InProcessAdapter extends BotAdapter {
  async processActivity(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<Partial<Activity>[]> {
    const context = new TurnContext(this, activity);
    const replies: Partial<Activity>[] = [];
    context.turnState.set(REPLIES, replies);
    await this.runMiddleware(context, logic);
    return replies;
  }

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const replies = context.turnState.get(REPLIES) as Partial<Activity>[] | undefined;
    return activities.map((activity) => {
      const id = randomUUID();
      if (activity.type !== 'delay') replies?.push({ ...activity, id, timestamp: new Date() });
      return { id };
    });
  }

  override async updateActivity(): Promise<void> {
    throw new Error('updating a sent activity is not supported in process');
  }

  override async deleteActivity(): Promise<void> {
    throw new Error('deleting a sent activity is not supported in process');
  }

  override async continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const activity = TurnContext.applyConversationReference({ type: 'event', name: 'continueConversation' }, reference, true);
    await this.processActivity(activity, logic);
  }
}
