import type { TurnContext } from 'botbuilder';
import type { TurnClient } from './turn-runner.js';

const ORIGIN = Symbol('clasp.origin');

/** A CloudAdapter turn runs for one storefront and one client; the route and socket it came on decide. */
export function setTurnOrigin(context: TurnContext, origin: TurnClient): void {
  context.turnState.set(ORIGIN, origin);
}

export function turnOrigin(context: TurnContext): TurnClient {
  const origin = context.turnState.get(ORIGIN) as TurnClient | undefined;
  if (origin === undefined) throw new Error('turn started without a brand');
  return origin;
}
