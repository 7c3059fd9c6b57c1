import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../knowledge/knowledge-base.js';
import { BRAND_PROFILES, BRAND_IDS } from '../support/brands.js';

describe('loadKnowledgeBase', () => {
  it('serves every brand from the policies folder beside it', () => {
    const kb = loadKnowledgeBase({ profiles: BRAND_PROFILES });
    // One brand per folder, in the folders' alphabetical order.
    expect(kb.brandIds).toEqual(BRAND_IDS);
    expect(BRAND_IDS.map((id) => kb.brand(id))).toEqual([
      { id: 'generic-store', displayName: 'Generic Store' },
      { id: 'james-avery-artisan', displayName: 'James Avery Artisan Jewelry' },
      { id: 'james-avery-malls', displayName: 'James Avery Malls' },
      { id: 'kendra-scott-mall', displayName: 'Kendra Scott Mall' },
    ]);
    expect(kb.hasBrand('kendra-scott-mall')).toBe(true);
    expect(kb.hasBrand('tiffany')).toBe(false);
    expect(kb.documents('james-avery-malls').map((document) => document.id)).toEqual(['customer-service-policy', 'privacy-policy']);
    expect(kb.section('james-avery-artisan', { document: 'customer-service-policy', section: '2.1' })?.heading).toBe('Email Support');
    expect(kb.profile('kendra-scott-mall').supportInbox).toMatchObject({ address: 'support@kendrascottmall.com' });
  });

  it('hands out answers a caller cannot corrupt', () => {
    const kb = loadKnowledgeBase({ profiles: BRAND_PROFILES });
    const answer = kb.answer('generic-store', 'refund.timeline');
    // Frozen: a renderer that tried to change what the next shopper is told fails loudly.
    expect(() => answer.sources.push({ document: 'x', section: 'y' })).toThrow(TypeError);
    expect(() => (answer.text = 'changed')).toThrow(TypeError);
    expect(() => (answer.sources[0]!.section = '9')).toThrow(TypeError);
    expect(kb.answer('generic-store', 'refund.timeline').text).not.toBe('changed');
    expect(kb.answer('generic-store', 'refund.timeline').sources).toEqual([{ document: 'customer-service-policy', section: '5' }]);
  });

  it('builds well under 100 ms', () => {
    const timings = Array.from({ length: 5 }, () => {
      const started = performance.now();
      loadKnowledgeBase({ profiles: BRAND_PROFILES });
      return performance.now() - started;
    }).sort((a, b) => a - b);
    expect(timings[2]).toBeLessThan(100);
  });
});
