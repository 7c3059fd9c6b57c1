import { ActivityHandler, type TurnContext } from 'botbuilder';
import { turnOrigin } from './turn-origin.js';
import type { TurnRunner } from './turn-runner.js';

/**
 * The thin activity handler for turns that come through the CloudAdapter (authenticated channels,
 * replies posted to a serviceUrl): messages and shoppers joining go to the turn runner, whose
 * replies it sends; everything else the stock handler ignores.
 */
export class ClaspBot extends ActivityHandler {
  constructor(runner: TurnRunner) {
    super();
    const relay = async (context: TurnContext, next: () => Promise<void>) => {
      const replies = await runner.run(turnOrigin(context), context.activity);
      if (replies.length > 0) await context.sendActivities(replies);
      await next();
    };
    this.onMessage(relay);
    this.onMembersAdded(relay);
  }
}
