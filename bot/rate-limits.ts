// Limits on what one conversation or one client may ask of Clasp in a window: messages (a script
// hammering one conversation, or one client opening many), the CPU time its turns take (a few
// long, costly messages within the message limits could otherwise take a process for
// themselves), and handoffs (every one is an email in a person's inbox). Counted where the
// limiter factory keeps them (memory or Redis), which also decides what one client is
// (bot/limiter-store.ts).
import { RateLimiterRes } from 'rate-limiter-flexible';
import { memoryLimiters, type Limiter, type LimiterFactory } from './limiter-store.js';
import type { Config } from './config.js';
import type { LimitName } from './metrics.js';

/** Allowed, or refused with the seconds until the client may try again. */
export type LimitVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number; limit: LimitName };

export interface RateLimits {
  /**
   * Counts one shopper message against its conversation and its client, and refuses it while the
   * client's turns have spent their CPU budget.
   */
  message(conversationKey: string, client: string): Promise<LimitVerdict>;
  /** Counts one handoff against the client. */
  handoff(client: string): Promise<LimitVerdict>;
  /** Charges the CPU time one of the client's turns took (known only once it has run). */
  chargeTurnCpu(client: string, cpuMs: number): Promise<void>;
}

const retryAfterSeconds = (res: RateLimiterRes) => Math.max(1, Math.ceil(res.msBeforeNext / 1000));

async function take(limiter: Limiter, key: string, limit: LimitName): Promise<LimitVerdict> {
  try {
    await limiter.consume(key);
    return { allowed: true };
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return { allowed: false, retryAfterSeconds: retryAfterSeconds(rejection), limit };
    throw rejection;
  }
}

export function createRateLimits(limits: Config['limits'], options: { limiters?: LimiterFactory; onRefused?: (limit: LimitName) => void } = {}): RateLimits {
  const limiter = options.limiters ?? memoryLimiters;
  const onRefused = options.onRefused;
  const perConversation = limiter({ keyPrefix: 'msg-conv', points: limits.messagesPerConversation, duration: limits.messagesWindowSeconds, keyedBy: 'conversation' });
  const perClient = limiter({ keyPrefix: 'msg-client', points: limits.messagesPerClient, duration: limits.messagesWindowSeconds });
  // Points are milliseconds of CPU time.
  const turnCpu = limiter({ keyPrefix: 'turn-cpu', points: limits.turnCpuMsPerClient, duration: limits.turnCpuWindowSeconds });
  const handoffs = limiter({ keyPrefix: 'handoff', points: limits.handoffsPerClient, duration: limits.handoffsWindowSeconds });
  const refused = (verdict: LimitVerdict): LimitVerdict => {
    if (!verdict.allowed) onRefused?.(verdict.limit);
    return verdict;
  };
  return {
    async message(conversationKey, client) {
      // A turn's cost is known only after it ran, so the budget is checked before the next one:
      // a client goes over it by at most one turn per window.
      const spent = await turnCpu.get(client);
      if (spent !== null && spent.consumedPoints >= limits.turnCpuMsPerClient) {
        return refused({ allowed: false, retryAfterSeconds: retryAfterSeconds(spent), limit: 'turn_cpu_per_client' });
      }
      const conversation = await take(perConversation, conversationKey, 'messages_per_conversation');
      if (!conversation.allowed) return refused(conversation);
      return refused(await take(perClient, client, 'messages_per_client'));
    },
    async handoff(client) {
      return refused(await take(handoffs, client, 'handoffs_per_client'));
    },
    async chargeTurnCpu(client, cpuMs) {
      // Whole points (Redis counts with INCRBY); any turn costs at least one.
      if (cpuMs > 0) await turnCpu.penalty(client, Math.ceil(cpuMs));
    },
  };
}
