// The flows' effects (machines/flow-effects.ts), for real: an order lookup limited per client,
// and a handoff limited per client and stored durably with the conversation's transcript. Each
// is told whose turn it is; every outcome the flows must tell apart is a value, not a throw.
import type { TurnEffects } from '../dialogs/conversation.turn.js';
import type { HandoffSubmitter } from './handoff/handoff-submitter.js';
import type { createOrderVerifier } from './orders/order-verifier.js';
import type { RateLimits } from './rate-limits.js';

export function createFlowEffects(deps: {
  verifier: ReturnType<typeof createOrderVerifier>;
  limits: Pick<RateLimits, 'handoff'>;
  submitter: Pick<HandoffSubmitter, 'submit'>;
}): TurnEffects {
  return {
    verifyOrder: (origin, input) => deps.verifier.verify(origin.client, input),
    async submitHandoff(origin, submission) {
      const verdict = await deps.limits.handoff(origin.client);
      if (!verdict.allowed) return { outcome: 'rateLimited', retryAfterSeconds: verdict.retryAfterSeconds };
      return { outcome: 'stored', ticket: await deps.submitter.submit(submission, origin.conversationKey, origin.page) };
    },
  };
}
