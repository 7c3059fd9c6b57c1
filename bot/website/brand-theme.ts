import type { Theme } from '../../knowledge/brands/brand-profile.schema.js';

/** How a storefront looks: the `theme` of the brand's brand.yaml, a presentation setting. */
export type BrandTheme = Theme;

/** Up to two initials from the display name ("Kendra Scott Mall" → "KS"), for the bot's avatar. */
export function initialsOf(displayName: string): string {
  const words = displayName.split(/\s+/).filter((word) => /^\p{L}/u.test(word));
  return words.slice(0, 2).map((word) => word[0]?.toUpperCase() ?? '').join('') || 'C';
}
