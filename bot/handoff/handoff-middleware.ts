// Turn middleware for the handoff: records each turn's messages in the transcript (redacted), and
// announces any ticket the turn stored with a `handoff.initiate` event. Runs after the bot logic,
// when the turn's brand is known; a failure here is logged and never costs the shopper the turn.
import { ActivityTypes, type Activity, type Middleware, type TurnContext } from 'botbuilder';
import type { TranscriptLine } from '../../knowledge/handoff/handoff-ticket.types.js';
import { createHandoffInitiationEvent } from './handoff-event.js';
import type { SenderLogger } from './handoff-sender.js';
import type { HandoffSubmitter } from './handoff-submitter.js';
import type { TranscriptStore } from './handoff-transcript.js';

export interface HandoffMiddlewareDeps {
  transcripts: Pick<TranscriptStore, 'append'>;
  submitter: Pick<HandoffSubmitter, 'takeSubmitted'>;
  /** The conversation's key for this turn (see conversationKeyOf); undefined or null: not recorded. */
  keyOf(context: TurnContext): string | null | undefined;
  now: () => Date;
  logger: SenderLogger;
}

function messageText(activity: Partial<Activity>): string | undefined {
  return activity.type === ActivityTypes.Message && typeof activity.text === 'string' && activity.text.trim() !== '' ? activity.text : undefined;
}

export function createHandoffMiddleware(deps: HandoffMiddlewareDeps): Middleware {
  return {
    async onTurn(context, next) {
      const lines: TranscriptLine[] = [];
      const incoming = messageText(context.activity);
      if (incoming !== undefined) lines.push({ at: deps.now().toISOString(), from: 'shopper', text: incoming });
      context.onSendActivities(async (_context, activities, nextSend) => {
        for (const activity of activities) {
          const text = messageText(activity);
          if (text !== undefined) lines.push({ at: deps.now().toISOString(), from: 'bot', text });
        }
        return nextSend();
      });

      await next();

      let key: string | null | undefined;
      try {
        key = deps.keyOf(context);
      } catch {
        key = undefined;
      }
      if (key === undefined || key === null) return;
      try {
        await deps.transcripts.append(key, lines);
      } catch (error) {
        deps.logger.warn({ err: error }, 'could not record the transcript');
      }
      for (const ticket of deps.submitter.takeSubmitted(key)) {
        try {
          await context.sendActivity(createHandoffInitiationEvent(context, ticket));
        } catch (error) {
          deps.logger.warn({ err: error, ticket: ticket.id }, 'could not send the handoff.initiate event');
        }
      }
    },
  };
}
