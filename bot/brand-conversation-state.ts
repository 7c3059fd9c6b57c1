import { BotState, type Storage, type TurnContext } from 'botbuilder';
import type { BrandId } from '../knowledge/brand-ids.js';

const BRAND = Symbol('clasp.brand');

/** Every turn runs for one storefront; the route or token it arrived on decides which. */
export function setTurnBrand(context: TurnContext, brand: BrandId): void {
  context.turnState.set(BRAND, brand);
}

export function turnBrand(context: TurnContext): BrandId {
  const brand = context.turnState.get(BRAND) as BrandId | undefined;
  if (brand === undefined) throw new Error('turn started without a brand');
  return brand;
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
