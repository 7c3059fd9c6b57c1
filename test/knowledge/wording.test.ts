import { describe, expect, it } from 'vitest';
import { citeSource, citeSources, formatDate, formatDuration, formatTime, isAre, policyDoesNot, uniqueSources } from '../../knowledge/wording.js';

const oneDocument = { displayName: { value: 'Kendra Scott Mall' }, documents: [{ id: 'customer-service-policy', title: 'Customer Service Policy' }] } as const;
const twoDocuments = {
  displayName: { value: 'James Avery Malls' },
  documents: [
    { id: 'customer-service-policy', title: 'Customer Service Policy' },
    { id: 'privacy-policy', title: 'Privacy Policy' },
  ],
} as const;

describe('formatDate', () => {
  it.each([
    ['2026-12-03', 'Thursday, December 3'],
    ['2026-11-26', 'Thursday, November 26'],
    ['2027-01-01', 'Friday, January 1'],
  ])('%s is %s in the brand zone', (date, expected) => {
    expect(formatDate(date, 'America/New_York')).toBe(expected);
    expect(formatDate(date, 'Pacific/Auckland')).toBe(expected);
  });

  it('names the year of a date outside the current one', () => {
    expect(formatDate('2027-01-29', 'America/New_York', '2026-12-04')).toBe('Friday, January 29, 2027');
    expect(formatDate('2026-12-29', 'America/New_York', '2026-12-04')).toBe('Tuesday, December 29');
  });

  it('reads an instant in the brand zone', () => {
    // 03:00 UTC on Friday is still Thursday evening in New York.
    expect(formatDate('2026-12-04T03:00:00Z', 'America/New_York')).toBe('Thursday, December 3');
    expect(formatTime('2026-12-04T14:00:00Z', 'America/New_York')).toBe('9:00 AM EST');
  });
});

describe('formatDuration', () => {
  it.each([
    [{ min: 1, max: 3, unit: 'business_days' } as const, '1-3 business days'],
    [{ min: 1, max: 1, unit: 'business_days' } as const, '1 business day'],
    [{ min: 24, max: 24, unit: 'hours' } as const, '24 hours'],
    [{ min: 30, max: 30, unit: 'days' } as const, '30 days'],
  ])('%o reads "%s"', (duration, expected) => {
    expect(formatDuration(duration)).toBe(expected);
  });
});

describe('citations', () => {
  it('names one section in the style the sentence needs', () => {
    const source = { document: 'customer-service-policy', section: '3' };
    expect(citeSource(source, oneDocument, 'parenthesized')).toBe('Customer Service Policy (§3)');
    expect(citeSource(source, oneDocument, 'comma')).toBe('Customer Service Policy, §3');
    expect(citeSource(source, oneDocument, 'bare')).toBe('Customer Service Policy §3');
    expect(citeSource({ document: 'customer-service-policy', section: 'intro' }, oneDocument, 'comma')).toBe('Customer Service Policy, introduction');
  });

  it('groups several sections by document, each once', () => {
    const sources = uniqueSources([
      { document: 'customer-service-policy', section: '2' },
      { document: 'privacy-policy', section: '5' },
      { document: 'customer-service-policy', section: '3' },
      { document: 'customer-service-policy', section: '2' },
    ]);
    expect(citeSources(sources, twoDocuments)).toBe('Customer Service Policy, §2, §3; Privacy Policy, §5');
  });

  it('names an unnumbered Markdown section by its heading', () => {
    const source = { document: 'customer-service-policy', section: 'sizing-and-resizing' };
    expect(citeSource(source, oneDocument, 'parenthesized')).toBe('Customer Service Policy (“Sizing and Resizing”)');
    expect(citeSources([source, { document: 'customer-service-policy', section: '4' }], oneDocument)).toBe('Customer Service Policy, “Sizing and Resizing”, §4');
  });
});

describe('naming a brand', () => {
  it('agrees with the number of documents', () => {
    expect(policyDoesNot(oneDocument)).toBe("Kendra Scott Mall's policy doesn't");
    expect(policyDoesNot(twoDocuments)).toBe("James Avery Malls' policies don't");
  });

  it('agrees with an item name', () => {
    expect(isAre('Drop Earrings')).toBe('are');
    expect(isAre('Twisted Wire Ring')).toBe('is');
    expect(isAre('Drop Earrings (EAR-7)')).toBe('are');
  });
});
