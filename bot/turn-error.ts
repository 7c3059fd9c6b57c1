import { ActivityTypes, type BotState, type TurnContext } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import { MAIN_MENU, messageActivity } from '../dialogs/reply.render.js';
import { isBrandId } from '../knowledge/brand-ids.js';
import type { Logger } from './logger.js';

/**
 * The last-chance handler: log with a reference, apologise to the shopper with the same
 * reference, and reset that one conversation so a broken snapshot cannot trap it.
 */
export function createTurnErrorHandler(logger: Logger, conversationState: BotState, brandOf: (context: TurnContext) => unknown) {
  return async (context: TurnContext, error: Error): Promise<void> => {
    const reference = randomUUID().slice(0, 8);
    logger.error({ err: error, reference, conversationId: context.activity.conversation?.id }, 'turn failed');
    try {
      await conversationState.delete(context);
    } catch (deleteError) {
      logger.error({ err: deleteError, reference }, 'could not reset conversation after a failed turn');
    }
    const brand = brandOf(context);
    if (context.activity.type === ActivityTypes.Message && isBrandId(brand)) {
      await context.sendActivity(
        messageActivity(brand, {
          text: `Sorry, something went wrong on my side (reference ${reference}). Let's start again: what can I help you with?`,
          topic: 'help',
          choices: MAIN_MENU,
        }),
      );
    }
  };
}
