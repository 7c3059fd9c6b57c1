// The shipped demo stores as tests use them: their ids, and their profiles as the folders give
// them (brand.yaml over the defaults), to copy and change one setting.
import { readBrandFolders } from '../../knowledge/brands/brand-folders.js';
import type { BrandProfileInput } from '../../knowledge/brands/brand-profile.schema.js';

/** The demo stores of knowledge/policies/, which the tests know by name. */
export type DemoBrand = 'generic-store' | 'james-avery-artisan' | 'james-avery-malls' | 'kendra-scott-mall';

const folders = readBrandFolders();

export const BRAND_IDS = folders.map((folder) => folder.id) as readonly DemoBrand[];

export const BRAND_PROFILES = Object.fromEntries(folders.map((folder) => [folder.id, folder.profile])) as Readonly<Record<DemoBrand, BrandProfileInput>>;

/** The shipped folders as bot/orders/demo-orders.ts reads them. */
export const BRAND_FOLDERS = folders;

/** A shipped store's profile by id (an order's or a ticket's `brand` is a plain string). */
export function demoProfile(brand: string): BrandProfileInput {
  const profile = (BRAND_PROFILES as Readonly<Record<string, BrandProfileInput>>)[brand];
  if (profile === undefined) throw new Error(`no demo store "${brand}" in knowledge/policies/`);
  return profile;
}
