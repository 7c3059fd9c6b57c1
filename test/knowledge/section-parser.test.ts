import { describe, expect, it } from 'vitest';
import { readBrandFolders } from '../../knowledge/brands/brand-folders.js';
import { readBrandDocuments, type PolicyDocument } from '../../knowledge/documents/policy-documents.js';
import { parseSections } from '../../knowledge/documents/section-parser.js';

const documents = readBrandFolders().flatMap((folder) => readBrandDocuments(folder.id, folder.folder));

function document(brand: string, id: string): PolicyDocument {
  const found = documents.find((candidate) => candidate.brand === brand && candidate.id === id);
  if (!found) throw new Error(`missing ${brand}/${id}`);
  return found;
}

function section(brand: string, documentId: string, id: string) {
  const found = document(brand, documentId).sections.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`missing ${brand}/${documentId} §${id}`);
  return found;
}

describe('the shipped policy documents', () => {
  it.each([
    ['james-avery-malls', 'customer-service-policy', ['intro', '1', '2', '3', '4', '5', '6']],
    ['james-avery-malls', 'privacy-policy', ['intro', '1', '1.1', '1.2', '1.3', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11']],
    ['james-avery-artisan', 'customer-service-policy', ['intro', '1', '2', '2.1', '2.2', '2.3', '3', '4', '5', '6']],
    ['kendra-scott-mall', 'customer-service-policy', ['intro', '1', '2', '3', '4', '5', '6']],
    ['generic-store', 'customer-service-policy', ['intro', '1', '2', '3', '4', '5', '6', '7']],
  ])('%s %s has sections %j', (brand, documentId, ids) => {
    expect(document(brand, documentId).sections.map((candidate) => candidate.id)).toEqual(ids);
  });

  it('names each section by its heading without the number', () => {
    expect(section('james-avery-malls', 'customer-service-policy', '2').heading).toBe('Service Channels & Response Times');
    expect(section('james-avery-artisan', 'customer-service-policy', '2.1').heading).toBe('Email Support');
    expect(section('james-avery-malls', 'privacy-policy', '1.1').heading).toBe('Personal Identifiable Information (PII)');
  });

  it('keeps artisan §4 indented "1." items as list items of §4, not sections', () => {
    const resolution = section('james-avery-artisan', 'customer-service-policy', '4');
    const items = resolution.passages.filter((passage) => passage.kind === 'list_item');
    expect(items.map((item) => item.label)).toEqual(['Inquiry Submission', 'Acknowledgment', 'Investigation & Action', 'Resolution Notification', 'Follow-Up']);
    expect(resolution.text).toContain('within 24 business hours');
    expect(resolution.text).toContain('within 3-5 business days');
  });

  it('puts the text before the first heading, repeated title included, in intro', () => {
    const intro = section('james-avery-artisan', 'customer-service-policy', 'intro');
    expect(intro.text.startsWith('Customer Service Policy\n\nCustomer Service Policy')).toBe(true);
    expect(intro.text).toContain('At James Avery Artisan Jewelry');
    expect(section('kendra-scott-mall', 'customer-service-policy', 'intro').text).toContain('At Kendra Scott Mall (kendrascottmall.com)');
    expect(section('generic-store', 'customer-service-policy', 'intro').text).toMatch(/^We are dedicated/);
  });

  it('keeps labelled bullets as passages of their section', () => {
    const channels = section('james-avery-malls', 'customer-service-policy', '2');
    expect(channels.passages).toContainEqual(expect.objectContaining({ kind: 'bullet', label: 'Email Support' }));
    const hours = section('james-avery-artisan', 'customer-service-policy', '3');
    expect(hours.passages).toContainEqual(expect.objectContaining({ kind: 'bullet', label: 'Business Hours', text: expect.stringContaining('9:00 AM') }));
    const portal = section('james-avery-artisan', 'customer-service-policy', '2.2');
    expect(portal.passages.filter((passage) => passage.depth === 1)).toHaveLength(3);
  });

  it('keeps a postal address line starting with a number inside its section', () => {
    expect(section('james-avery-artisan', 'customer-service-policy', '2.3').text).toContain('36 Heritage Road\nQuincy, Massachusetts 02169');
  });

  it('keeps the last line of a file without a trailing newline in the last section', () => {
    expect(document('james-avery-malls', 'customer-service-policy').text.endsWith('\n')).toBe(false);
    expect(section('james-avery-malls', 'customer-service-policy', '6').text).toMatch(/constitutes acceptance of this policy\.$/);
    expect(section('generic-store', 'customer-service-policy', '7').text).toMatch(/optimize our services\.$/);
  });
});

describe('parseSections', () => {
  it('does not take sentences, lone numbers or out-of-order numbers for headings', () => {
    const text = [
      'Title',
      '1. First Part',
      '24 hours is our usual reply time.',
      '2. we reply to everything within two days, including weekends.',
      '2. Second Part',
      '1. Not Going Backwards',
      '2.1 Details',
      '   3. Indented Item: not a heading',
    ].join('\r\n');
    const sections = parseSections('doc', text);
    expect(sections.map((candidate) => candidate.id)).toEqual(['intro', '1', '2', '2.1']);
    expect(sections[1]?.text).toContain('24 hours is our usual reply time.');
    expect(sections[2]?.text).toContain('1. Not Going Backwards');
    expect(sections[3]?.passages).toEqual([{ kind: 'list_item', label: 'Indented Item', text: 'not a heading', depth: 0 }]);
  });

  it('has no intro section when the document starts with a heading', () => {
    expect(parseSections('doc', '1. Only\nText').map((candidate) => candidate.id)).toEqual(['1']);
  });

  it('reads "-" on its own line as the marker of the next line', () => {
    const [only] = parseSections('doc', '1. Scope\n-\nOrders: tracking and updates;\n-\nOther concerns.');
    expect(only?.passages).toEqual([
      { kind: 'bullet', label: 'Orders', text: 'tracking and updates;', depth: 0 },
      { kind: 'bullet', label: null, text: 'Other concerns.', depth: 0 },
    ]);
  });
});
