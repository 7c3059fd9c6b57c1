import { BotState, type Storage, type TurnContext } from 'botbuilder';
import type { TurnOrigin } from '../dialogs/conversation.turn.js';
import type { BrandId } from '../knowledge/brand-ids.js';

const ORIGIN = Symbol('clasp.origin');

/** Every turn runs for one storefront and one client; the route and socket it arrived on decide. */
export function setTurnOrigin(context: TurnContext, origin: TurnOrigin): void {
  context.turnState.set(ORIGIN, origin);
}

export function turnOrigin(context: TurnContext): TurnOrigin {
  const origin = context.turnState.get(ORIGIN) as TurnOrigin | undefined;
  if (origin === undefined) throw new Error('turn started without a brand');
  return origin;
}

export function turnBrand(context: TurnContext): BrandId {
  return turnOrigin(context).brand;
}

/**
 * Conversation state keyed by brand as well as channel and conversation id, so the same
 * conversation id on two storefronts is two conversations (DESIGN, Architecture).
 */
export class BrandConversationState extends BotState {
  constructor(storage: Storage) {
    super(storage, async (context) => {
      const { channelId, conversation } = context.activity;
      return `${turnBrand(context)}/${channelId}/conversations/${conversation.id}`;
    });
  }
}
