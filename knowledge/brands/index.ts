export * from './brand-profile.schema.js';
export { DEFAULT_BRANDS_DIR, readBrandFolders, type BrandFolder } from './brand-folders.js';
