import type { BrandProfile } from '../knowledge/brands/brand-profile.schema.js';
import type { Source } from '../knowledge/knowledge-base.types.js';

// How replies name a brand's documents and point to its team, shared by every flow's renderer.

type CiteProfile = Pick<BrandProfile, 'documents'>;
type ReachProfile = Pick<BrandProfile, 'displayName' | 'channels'>;

/**
 * A policy section as a reply names it: "Customer Service Policy (§3)" (`parenthesized`),
 * "Customer Service Policy, §3" (`comma`), or "Customer Service Policy §3" where it already sits
 * in brackets (`bare`).
 */
export function citeSource(source: Source, profile: CiteProfile, style: 'parenthesized' | 'comma' | 'bare'): string {
  const title = profile.documents.find((document) => document.id === source.document)?.title ?? source.document;
  if (source.section === 'intro') return style === 'parenthesized' ? `${title} (introduction)` : `${title}, introduction`;
  if (style === 'parenthesized') return `${title} (§${source.section})`;
  return style === 'comma' ? `${title}, §${source.section}` : `${title} §${source.section}`;
}

export function uniqueSources(sources: readonly Source[]): Source[] {
  const seen = new Set<string>();
  return sources.filter((source) => {
    const key = `${source.document}\u0000${source.section}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

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
