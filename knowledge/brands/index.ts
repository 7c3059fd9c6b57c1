import type { BrandId } from '../brand-ids.js';
import type { BrandProfileInput } from './brand-profile.schema.js';
import { genericStoreProfile } from './generic-store.profile.js';
import { jamesAveryArtisanProfile } from './james-avery-artisan.profile.js';
import { jamesAveryMallsProfile } from './james-avery-malls.profile.js';
import { kendraScottMallProfile } from './kendra-scott-mall.profile.js';

/** The shipped profiles, unchecked: loadKnowledgeBase validates them against the documents. */
export const BRAND_PROFILES: Readonly<Record<BrandId, BrandProfileInput>> = {
  'james-avery-malls': jamesAveryMallsProfile,
  'james-avery-artisan': jamesAveryArtisanProfile,
  'kendra-scott-mall': kendraScottMallProfile,
  'generic-store': genericStoreProfile,
};

export * from './brand-profile.schema.js';
