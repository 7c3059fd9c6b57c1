import { describe, expect, it } from 'vitest';
import { readBrandFolders } from '../../knowledge/brands/brand-folders.js';
import { BrandProfileSchema, isOperatorSetting, type BrandProfile } from '../../knowledge/brands/index.js';
import { checkProfile, figuresIn, parseDurationPhrase, quotedFacts } from '../../knowledge/brands/profile-check.js';
import { readBrandDocuments } from '../../knowledge/documents/policy-documents.js';
import { normalizeWhitespace } from '../../knowledge/documents/section-parser.js';
import { BRAND_PROFILES, BRAND_IDS } from '../support/brands.js';

// Each shipped store's documents, read from its folder as the knowledge base reads them.
const documents = readBrandFolders().flatMap((folder) => readBrandDocuments(folder.id, folder.folder));
const profiles = Object.fromEntries(BRAND_IDS.map((id) => [id, BrandProfileSchema.parse(BRAND_PROFILES[id])])) as Record<(typeof BRAND_IDS)[number], BrandProfile>;

const facts = BRAND_IDS.flatMap((brand) => [...quotedFacts(profiles[brand], '')].map(({ path, fact }) => ({ brand, path, fact })));

describe('brand profiles', () => {
  it('validate against the schema', () => {
    for (const id of BRAND_IDS) expect(profiles[id].id).toBe(id);
  });

  it.each(facts.map(({ brand, path, fact }) => [brand, path, fact] as const))('%s %s: the quote is in its section', (brand, _path, fact) => {
    const section = documents
      .find((document) => document.brand === brand && document.id === fact.document)
      ?.sections.find((candidate) => candidate.id === fact.section);
    expect(section, `${fact.document} §${fact.section}`).toBeDefined();
    expect(normalizeWhitespace(section?.text ?? '')).toContain(normalizeWhitespace(fact.quote));
  });

  it('pass every start-up check against the shipped documents', () => {
    for (const id of BRAND_IDS) expect(checkProfile(profiles[id], documents.filter((document) => document.brand === id))).toEqual([]);
  });

  it('keep each brand\'s own wording for its timelines', () => {
    const malls = profiles['james-avery-malls'].timelines.processing;
    const kendra = profiles['kendra-scott-mall'].timelines.processing;
    const generic = profiles['generic-store'].timelines.processing;
    expect(malls).toMatchObject({ phrase: '1-3 business days', unit: 'business_days', min: 1, max: 3 });
    expect(kendra).toMatchObject({ phrase: '1-3 day', unit: 'days', min: 1, max: 3 });
    expect(generic).toMatchObject({ phrase: '1-3 days', unit: 'days', min: 1, max: 3 });
    expect(profiles['james-avery-malls'].timelines.refund).toMatchObject({ min: 5, max: 10, unit: 'business_days', section: '3' });
  });

  it('take the urgent word from the documents that print one', () => {
    expect(profiles['james-avery-malls'].urgency.subjectWord).toMatchObject({ word: 'URGENT', section: '2' });
    expect(profiles['james-avery-artisan'].urgency.subjectWord).toMatchObject({ word: 'Urgent', section: '2.1' });
    expect(profiles['kendra-scott-mall'].urgency.cases).toMatchObject({ cases: ['missing', 'defective'], section: '2' });
    expect(isOperatorSetting(profiles['generic-store'].urgency.cases)).toBe(true);
  });

  it('mark as operator settings exactly what the documents leave unstated', () => {
    // How the assistant presents itself, and on which sites, is the operator's in every store: no policy states it.
    const PRESENTATION = ['assistantName', 'greeting', 'theme', 'allowedOrigins'];
    for (const id of BRAND_IDS) expect(collectOperatorPaths(profiles[id])).toEqual(expect.arrayContaining(PRESENTATION));
    const operatorPaths = (profile: BrandProfile) => collectOperatorPaths(profile).filter((path) => !PRESENTATION.includes(path)).sort();
    expect(operatorPaths(profiles['james-avery-malls'])).toEqual(['returns.window', 'returns.windowStart']);
    expect(operatorPaths(profiles['james-avery-artisan'])).toEqual([
      'returns.window', 'returns.windowStart', 'supportInbox', 'timelines.delivery', 'timelines.processing', 'timelines.refund',
    ]);
    expect(operatorPaths(profiles['kendra-scott-mall'])).toEqual([
      'hours', 'returns.window', 'returns.windowStart', 'shippingTerms', 'timeZone', 'urgency.subjectWord',
    ]);
    expect(operatorPaths(profiles['generic-store'])).toEqual([
      'displayName', 'hours', 'returns.windowStart', 'supportInbox', 'timeZone', 'urgency.cases', 'urgency.subjectWord',
    ]);
  });

  it('use reserved demo domains for every operator-set address', () => {
    for (const id of BRAND_IDS) {
      const inbox = profiles[id].supportInbox;
      if (isOperatorSetting(inbox)) expect(inbox.value).toMatch(/@[a-z0-9-]+\.example$/);
    }
    expect(profiles['james-avery-artisan'].supportInbox).toMatchObject({ operatorSetting: true, value: 'support@james-avery-artisan.example' });
    expect(profiles['generic-store'].supportInbox).toMatchObject({ operatorSetting: true, value: 'support@generic-store.example' });
  });

  it('give generic-store the Contact Us form as its only channel', () => {
    expect(profiles['generic-store'].channels).toEqual([expect.objectContaining({ kind: 'contact_form', exclusive: true, section: '2' })]);
  });

  it('hold james-avery-artisan\'s escalation path from §6', () => {
    expect(profiles['james-avery-artisan'].escalation).toMatchObject({
      contact: { address: 'service@jameseavery.com', subject: 'Escalation: [Your Issue Summary]', section: '6' },
      timing: { review: { min: 1, max: 1, unit: 'business_days' }, resolution: { min: 2, max: 3, unit: 'business_days' } },
    });
  });
});

describe('profile checks', () => {
  it('read durations in the brands\' own words', () => {
    expect(parseDurationPhrase('1-3 business days')).toEqual({ min: 1, max: 3, unit: 'business_days' });
    expect(parseDurationPhrase('5-10 day')).toEqual({ min: 5, max: 10, unit: 'days' });
    expect(parseDurationPhrase('24-48 business hours')).toEqual({ min: 24, max: 48, unit: 'business_hours' });
    expect(parseDurationPhrase('7-day')).toEqual({ min: 7, max: 7, unit: 'days' });
    expect(parseDurationPhrase('1 business day')).toEqual({ min: 1, max: 1, unit: 'business_days' });
    expect(parseDurationPhrase('soon')).toBeNull();
  });

  it('find the figures a shopper acts on', () => {
    expect(figuresIn('Email support@kendrascottmall.com within 1-2 business days, 9:00 AM, at www.jameseavery.com, 24/7.'))
      .toEqual(['support@kendrascottmall.com', '1-2', '9:00', 'www.jameseavery.com', '24/7']);
  });

  it('report a value that disagrees with its own quote', () => {
    const malls = structuredClone(profiles['james-avery-malls']);
    if (isOperatorSetting(malls.timelines.delivery)) throw new Error('expected a quoted delivery time');
    malls.timelines.delivery.max = 14;
    malls.statements['shipping.cost'] = [{ document: 'customer-service-policy', section: '3', quote: 'All orders qualify for free standard shipping', say: 'Free shipping over $50.' }];
    const problems = checkProfile(malls, documents.filter((document) => document.brand === 'james-avery-malls'));
    expect(problems.map((problem) => `${problem.path}: ${problem.problem}`)).toEqual([
      'timelines.delivery: phrase "6-12 business days" says 6-12 business_days, the profile 6-14 business_days',
      'statements.shipping.cost[0]: say: "50" is not in the quote or its section',
    ]);
  });
});

function collectOperatorPaths(value: unknown, path = ''): string[] {
  if (typeof value !== 'object' || value === null) return [];
  if (!Array.isArray(value) && isOperatorSetting(value)) return [path];
  return Object.entries(value).flatMap(([key, child]) => collectOperatorPaths(child, path ? `${path}.${key}` : key));
}
