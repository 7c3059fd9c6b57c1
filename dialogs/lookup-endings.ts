import type { BrandProfile } from '../knowledge/brands/brand-profile.schema.js';
import type { Topic } from '../knowledge/topics.js';
import { reachTeam } from './brand-words.js';
import type { BotMessage } from './message.js';

/** How an order verification can end without an order: the same for every flow that verifies. */
export type LookupEnding = { kind: 'gaveUp' } | { kind: 'locked'; retryAfterSeconds: number } | { kind: 'unavailable' };

const PERSON: readonly Topic[] = ['handoff.human'];

/**
 * The message for a verification that ended without an order: never an order detail, always a
 * person offered and the brand's own way to reach its team. `unavailableMeans` says what the
 * flow cannot do when lookups are down ("I can't check the return").
 */
export function lookupEndingMessage(
  ending: LookupEnding,
  profile: Pick<BrandProfile, 'displayName' | 'channels'>,
  unavailableMeans?: string,
): Omit<BotMessage, 'topic'> {
  const reach = reachTeam(profile);
  const text = (() => {
    switch (ending.kind) {
      case 'gaveUp':
        return "I'm sorry, I still couldn't find an order matching those details, so I'll stop trying here. A person on the team can look into it for you.";
      case 'locked': {
        const minutes = Math.ceil(ending.retryAfterSeconds / 60);
        const when = minutes > 0 ? `in about ${minutes} minute${minutes === 1 ? '' : 's'}` : 'later';
        return `There have been too many order lookups from here, so I can't check any more right now. Please try again ${when}, or talk to a person on the team.`;
      }
      case 'unavailable':
        return `Sorry, I can't look up orders right now${unavailableMeans ? `, so ${unavailableMeans}` : ''}. Please try again in a little while, or talk to a person on the team.`;
    }
  })();
  return { text: `${text}${reach.text}`, sources: reach.sources, choices: PERSON };
}
