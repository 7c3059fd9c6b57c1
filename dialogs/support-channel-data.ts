import type { BrandId } from '../knowledge/brand-ids.js';
import type { Source } from '../knowledge/knowledge-base.types.js';
import type { Topic } from '../knowledge/topics.js';

/** The slot the bot has just asked the shopper for (docs/contracts.md, `awaiting`). */
export type AwaitingSlot = 'orderNumber' | 'email' | 'name' | 'item' | 'condition' | 'reason' | 'description' | 'confirm';

/** `channelData.support` (docs/contracts.md): carried by every message the bot sends. */
export interface SupportChannelData {
  brand: BrandId;
  topic: Topic;
  confidence: number;
  sources: Source[];
  awaiting: AwaitingSlot | null;
}

export function supportChannelData(fields: {
  brand: BrandId;
  topic: Topic;
  confidence?: number;
  sources?: Source[];
  awaiting?: AwaitingSlot | null;
}): { support: SupportChannelData } {
  return {
    support: {
      brand: fields.brand,
      topic: fields.topic,
      confidence: Math.round((fields.confidence ?? 1) * 100) / 100,
      sources: fields.sources ?? [],
      awaiting: fields.awaiting ?? null,
    },
  };
}
