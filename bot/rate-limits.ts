// Limits on what one conversation or one client address may ask of Clasp in a window: messages
// (a script hammering one conversation, or one address opening many), and handoffs (every one is
// an email in a person's inbox). Counted where the limiter factory keeps them (memory or Redis).
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { memoryLimiters, type LimiterFactory } from './limiter-store.js';
import type { Config } from './config.js';
import type { LimitName } from './metrics.js';

/** Allowed, or refused with the seconds until the client may try again. */
export type LimitVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number; limit: LimitName };

export interface RateLimits {
  /** Counts one shopper message against its conversation and its client address. */
  message(conversationKey: string, client: string): Promise<LimitVerdict>;
  /** Counts one handoff against the client address. */
  handoff(client: string): Promise<LimitVerdict>;
}

async function take(limiter: RateLimiterAbstract, key: string, limit: LimitName): Promise<LimitVerdict> {
  try {
    await limiter.consume(key);
    return { allowed: true };
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)), limit };
    throw rejection;
  }
}

export function createRateLimits(limits: Config['limits'], options: { limiters?: LimiterFactory; onRefused?: (limit: LimitName) => void } = {}): RateLimits {
  const limiter = options.limiters ?? memoryLimiters;
  const onRefused = options.onRefused;
  const perConversation = limiter({ keyPrefix: 'msg-conv', points: limits.messagesPerConversation, duration: limits.messagesWindowSeconds });
  const perClient = limiter({ keyPrefix: 'msg-client', points: limits.messagesPerClient, duration: limits.messagesWindowSeconds });
  const handoffs = limiter({ keyPrefix: 'handoff', points: limits.handoffsPerClient, duration: limits.handoffsWindowSeconds });
  const refused = (verdict: LimitVerdict): LimitVerdict => {
    if (!verdict.allowed) onRefused?.(verdict.limit);
    return verdict;
  };
  return {
    async message(conversationKey, client) {
      const conversation = await take(perConversation, conversationKey, 'messages_per_conversation');
      if (!conversation.allowed) return refused(conversation);
      return refused(await take(perClient, client, 'messages_per_client'));
    },
    async handoff(client) {
      return refused(await take(handoffs, client, 'handoffs_per_client'));
    },
  };
}
