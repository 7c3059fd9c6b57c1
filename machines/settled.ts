// Waiting for a conversation to settle: a flow waiting on an effect (an order lookup, a handoff
// being stored) is tagged 'busy', however deep among the flows and sub-flows it sits. A turn is
// over, and its snapshot worth keeping, only when none is.
import { waitFor, type AnyActorRef } from 'xstate';

interface ActorState {
  status: string;
  hasTag?: (tag: string) => boolean;
  children?: Record<string, AnyActorRef | undefined>;
}

/** The actor busy with an effect, wherever it sits under `actor`, if any. */
function busyActor(actor: AnyActorRef): AnyActorRef | undefined {
  const state = actor.getSnapshot() as ActorState;
  if (state.status === 'active' && state.hasTag?.('busy') === true) return actor;
  for (const child of Object.values(state.children ?? {})) {
    const busy = child === undefined ? undefined : busyActor(child);
    if (busy !== undefined) return busy;
  }
  return undefined;
}

/** Resolves once no actor under `actor` is waiting on an effect; rejects after `timeoutMs`. */
export async function settled(actor: AnyActorRef, timeoutMs: number): Promise<void> {
  for (let busy = busyActor(actor); busy !== undefined; busy = busyActor(actor)) {
    await waitFor(busy, (state) => state.status !== 'active' || !state.hasTag('busy'), { timeout: timeoutMs });
  }
}
