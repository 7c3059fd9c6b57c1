import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_BRANDS_DIR } from '../../knowledge/brands/brand-folders.js';
import { loadKnowledgeBase, PolicyDriftError, ProfileValidationError } from '../../knowledge/knowledge-base.js';
import { BRAND_PROFILES } from '../support/brands.js';

// A copy of the shipped brand folders: each store's documents beside the brand.yaml that quotes them.
let brandsDir: string;

beforeEach(() => {
  brandsDir = mkdtempSync(join(tmpdir(), 'clasp-brands-'));
  cpSync(DEFAULT_BRANDS_DIR, brandsDir, { recursive: true });
});

afterEach(() => {
  rmSync(brandsDir, { recursive: true, force: true });
});

function edit(brand: string, document: string, from: string, to: string): void {
  const file = join(brandsDir, brand, `${document}.txt`);
  const text = readFileSync(file, 'utf8');
  expect(text).toContain(from);
  writeFileSync(file, text.replace(from, to));
}

function driftOf(load: () => unknown): PolicyDriftError {
  try {
    load();
  } catch (error) {
    if (error instanceof PolicyDriftError) return error;
    throw error;
  }
  throw new Error('expected the knowledge base to refuse to start');
}

describe('start-up against edited policies', () => {
  it('builds from an unchanged copy', () => {
    expect(loadKnowledgeBase({ brandsDir }).answer('james-avery-malls', 'refund.timeline').text).toContain('5-10 business days');
  });

  it('refuses to start when a figure changes, naming the brand, document, section and quote', () => {
    edit('james-avery-malls', 'customer-service-policy', 'within 5-10 business days of receiving', 'within 7-14 business days of receiving');
    const error = driftOf(() => loadKnowledgeBase({ brandsDir }));
    expect(error.problems).toEqual([expect.objectContaining({
      brand: 'james-avery-malls',
      document: 'customer-service-policy',
      section: '3',
      path: 'timelines.refund',
      quote: 'We ensure eligible refunds are issued within 5-10 business days of receiving and inspecting returned items',
    })]);
    expect(error.message).toContain('james-avery-malls/brand.yaml timelines.refund (customer-service-policy §3): ');
    expect(error.message).toContain('brand.yaml quotes: "We ensure eligible refunds are issued within 5-10 business days of receiving and inspecting returned items"');
    expect(error.message).toMatch(/the document says: "[^"]*within 7-14 business days of receiving/);
  });

  it('lists every quote a changed sentence breaks', () => {
    edit('kendra-scott-mall', 'customer-service-policy', '1-3 day order processing', '2-4 day order processing');
    const error = driftOf(() => loadKnowledgeBase({ brandsDir }));
    expect(error.problems.map((problem) => problem.path)).toEqual(['timelines.processing', 'timelines.delivery', 'timelines.refund']);
  });

  it('notices a section that disappeared', () => {
    edit('generic-store', 'customer-service-policy', '3. Response Time\n', '');
    const error = driftOf(() => loadKnowledgeBase({ brandsDir }));
    expect(error.problems).toContainEqual(expect.objectContaining({ brand: 'generic-store', section: '3', problem: 'section §3 not found in customer-service-policy' }));
  });

  it('notices a quote that moved to another section', () => {
    edit('generic-store', 'customer-service-policy', '2. Official Contact Method\n', '2. Official Contact Method\n2.1 The Contact Us Form\n');
    const error = driftOf(() => loadKnowledgeBase({ brandsDir }));
    expect(error.problems).toEqual([expect.objectContaining({ brand: 'generic-store', section: '2', path: 'channels[0]', problem: 'quote moved to §2.1' })]);
  });

  it('notices a missing document', () => {
    rmSync(join(brandsDir, 'james-avery-malls', 'privacy-policy.txt'));
    const error = driftOf(() => loadKnowledgeBase({ brandsDir }));
    expect(error.problems).toContainEqual(expect.objectContaining({ brand: 'james-avery-malls', document: 'privacy-policy', problem: 'document is missing from the brand folder' }));
  });

  it('refuses a profile that does not fit the schema, naming the brand', () => {
    const profiles = { ...BRAND_PROFILES, 'generic-store': { ...BRAND_PROFILES['generic-store'], supportInbox: { operatorSetting: true as const, value: 'not an address', note: 'x' } } };
    expect(() => loadKnowledgeBase({ brandsDir, profiles })).toThrow(ProfileValidationError);
    expect(() => loadKnowledgeBase({ brandsDir, profiles })).toThrow(/generic-store/);
  });
});
