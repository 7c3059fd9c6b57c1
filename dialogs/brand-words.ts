import type { BrandProfile } from '../knowledge/brands/brand-profile.schema.js';
import type { Source } from '../knowledge/knowledge-base.types.js';
import { uniqueSources } from '../knowledge/wording.js';

// How replies point to a brand's team, shared by every flow's renderer.

type ReachProfile = Pick<BrandProfile, 'displayName' | 'channels'>;

/**
 * " You can also reach <brand> …" in the brand's own channel wording, for replies that end a
 * flow. `emailOnlyWithAddress`: leave out an email channel whose address the documents don't print.
 */
export function reachTeam(profile: ReachProfile, options: { emailOnlyWithAddress?: boolean } = {}): { text: string; sources: Source[] } {
  const channels = profile.channels.filter(
    (channel) =>
      (channel.kind === 'email' && (!options.emailOnlyWithAddress || channel.address !== undefined)) ||
      channel.kind === 'contact_form' ||
      channel.kind === 'account_portal',
  );
  if (channels.length === 0) return { text: '', sources: [] };
  return {
    text: ` You can also reach ${profile.displayName.value} ${channels.map((channel) => channel.say).join(' or ')}.`,
    sources: uniqueSources(channels.map((channel) => ({ document: channel.document, section: channel.section }))),
  };
}
