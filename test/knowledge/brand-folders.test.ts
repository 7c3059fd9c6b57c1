import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BrandSettingsError, readBrandFolder, readBrandFolders } from '../../knowledge/brands/brand-folders.js';
import { loadKnowledgeBase, PolicyDriftError } from '../../knowledge/knowledge-base.js';

const FIXTURE = new URL('../fixtures/brands/tidewater-goldsmiths/', import.meta.url);
const made: string[] = [];

function storeWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'clasp-store-'));
  made.push(dir);
  const folder = join(dir, 'silver-moon');
  mkdirSync(folder);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
  return dir;
}

const DOCUMENT = 'Silver Moon Care\n\n1. Returns\nYou may send a piece back within 21 days of delivery.\n\n2. Contact\nWrite to hello@silvermoon.example.\n';

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('brand folders', () => {
  it('a folder of documents with no brand.yaml is a store with defaults', () => {
    const dir = storeWith({ 'care.txt': DOCUMENT });
    const kb = loadKnowledgeBase({ brandsDir: dir });
    expect(kb.brandIds).toEqual(['silver-moon']);
    expect(kb.profile('silver-moon').displayName.value).toBe('Silver Moon');
    expect(kb.profile('silver-moon').documents).toEqual([{ id: 'care', title: 'Silver Moon Care' }]);
    expect(kb.folder('silver-moon').defaulted).toContain('returns');
    expect(kb.answer('silver-moon', 'refund.timeline').stated).toBe(false);
  });

  it('an empty brand.yaml is the same as none', () => {
    const dir = storeWith({ 'care.txt': DOCUMENT, 'brand.yaml': '' });
    expect(loadKnowledgeBase({ brandsDir: dir }).profile('silver-moon').assistantName.value).toBe('Clasp');
  });

  it('a wrong setting is reported with its file, line and field', () => {
    const dir = storeWith({
      'care.txt': DOCUMENT,
      'brand.yaml': 'assistantName:\n  operatorSetting: true\n  value: Luna\n  note: ours\ntheme:\n  operatorSetting: true\n  value:\n    accent: blue\n    tint: "#ffffff"\n    tagline: Moonlit silver\n  note: ours\n',
    });
    let error: unknown;
    try {
      readBrandFolders(dir);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(BrandSettingsError);
    const [problem] = (error as BrandSettingsError).problems;
    expect(problem).toMatchObject({ line: 8, field: 'theme.value.accent' });
    expect(problem!.file).toMatch(/silver-moon[/\\]brand\.yaml$/);
    expect((error as Error).message).toMatch(/brand\.yaml:8 theme\.value\.accent/);
  });

  it('a misspelt key and broken YAML are refused, not ignored', () => {
    expect(() => readBrandFolders(storeWith({ 'care.txt': DOCUMENT, 'brand.yaml': 'displayNmae: Luna\n' }))).toThrow(/displayNmae|Unrecognized key/);
    expect(() => readBrandFolders(storeWith({ 'care.txt': DOCUMENT, 'brand.yaml': 'theme: [unclosed\n' }))).toThrow(/brand\.yaml:\d+.*not valid YAML/);
  });

  it('a folder without documents, or named unlike a brand id, is refused', () => {
    expect(() => readBrandFolders(storeWith({ 'brand.yaml': '' }))).toThrow(/no policy documents/);
    const dir = mkdtempSync(join(tmpdir(), 'clasp-store-'));
    made.push(dir);
    mkdirSync(join(dir, 'Silver Moon'));
    writeFileSync(join(dir, 'Silver Moon', 'care.txt'), DOCUMENT);
    expect(() => readBrandFolders(dir)).toThrow(/not a brand id/);
  });

  it('a quote that no longer matches stops loading and shows what the document says now', () => {
    const dir = mkdtempSync(join(tmpdir(), 'clasp-store-'));
    made.push(dir);
    cpSync(FIXTURE, join(dir, 'tidewater-goldsmiths'), { recursive: true });
    const returns = join(dir, 'tidewater-goldsmiths', 'returns-and-exchanges.txt');
    writeFileSync(returns, readBrandFolder(join(dir, 'tidewater-goldsmiths'), 'tidewater-goldsmiths').documents
      .find((document) => document.id === 'returns-and-exchanges')!.text.replace('within 30 days of delivery', 'within 45 days of delivery'));
    let error: unknown;
    try {
      loadKnowledgeBase({ brandsDir: dir });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PolicyDriftError);
    const message = (error as Error).message;
    expect(message).toContain('tidewater-goldsmiths/brand.yaml returns.window');
    expect(message).toContain('brand.yaml quotes: "You may return most pieces within 30 days of delivery');
    expect(message).toContain('the document says: "You may return most pieces within 45 days of delivery');
  });
});
