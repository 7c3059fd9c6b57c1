// The storefronts one deployment serves (DESIGN.md, "The brands and their documents").
export const BRAND_IDS = ['james-avery-malls', 'james-avery-artisan', 'kendra-scott-mall', 'generic-store'] as const;

export type BrandId = (typeof BRAND_IDS)[number];

export function isBrandId(value: unknown): value is BrandId {
  return typeof value === 'string' && (BRAND_IDS as readonly string[]).includes(value);
}
