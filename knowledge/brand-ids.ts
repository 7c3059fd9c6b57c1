// The storefronts one deployment serves (README, "Run it").
export const BRAND_IDS = ['james-avery-malls', 'james-avery-artisan', 'kendra-scott-mall', 'generic-store'] as const;

export type BrandId = (typeof BRAND_IDS)[number];

export function isBrandId(value: unknown): value is BrandId {
  return typeof value === 'string' && (BRAND_IDS as readonly string[]).includes(value);
}
