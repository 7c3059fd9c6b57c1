import type { BrandId } from '../../knowledge/brand-ids.js';

/** How a demo storefront looks: a presentation setting, not anything the brand's documents state. */
export interface BrandTheme {
  /** Buttons, the visitor's bubbles and the bot's avatar; dark enough for white text (WCAG AA). */
  accent: string;
  /** A pale tint for the page's hero band. */
  tint: string;
  tagline: string;
}

export const BRAND_THEMES: Readonly<Record<BrandId, BrandTheme>> = {
  'james-avery-malls': { accent: '#6b4f2c', tint: '#f6f0e8', tagline: 'Sterling silver and gold charms, rings and bracelets' },
  'james-avery-artisan': { accent: '#3d5a66', tint: '#eef3f5', tagline: 'Handcrafted jewelry, made to be kept' },
  'kendra-scott-mall': { accent: '#8c3b5a', tint: '#f8eef2', tagline: 'Statement earrings, necklaces and colour bars' },
  'generic-store': { accent: '#2f5d50', tint: '#edf4f1', tagline: 'Everyday jewelry, shipped to your door' },
};

/** Up to two initials from the display name ("Kendra Scott Mall" → "KS"), for the bot's avatar. */
export function initialsOf(displayName: string): string {
  const words = displayName.split(/\s+/).filter((word) => /^\p{L}/u.test(word));
  return words.slice(0, 2).map((word) => word[0]?.toUpperCase() ?? '').join('') || 'C';
}
