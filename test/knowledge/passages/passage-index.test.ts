import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../../knowledge/knowledge-base.js';
import { createPassageIndex } from '../../../knowledge/passages/passage-index.js';
import { policySentences, splitSentences } from '../../../knowledge/passages/policy-sentences.js';
import { BRAND_PROFILES } from '../../support/brands.js';

const kb = loadKnowledgeBase({ profiles: BRAND_PROFILES });
const collapse = (text: string) => text.replace(/\s+/g, ' ');

describe('the documents, sentence by sentence', () => {
  it('keeps every sentence word for word, with the section it sits in', () => {
    for (const brand of kb.brandIds) {
      for (const sentence of kb.passages(brand).sentences) {
        const section = kb.section(brand, sentence);
        expect(section, `${brand} ${sentence.id}`).toBeDefined();
        const body = collapse(section?.text ?? '');
        const withoutLabel = sentence.text.replace(/^[^:]{1,50}: /, '');
        expect(body, `${brand} ${sentence.id}`).toContain(withoutLabel);
      }
    }
  });

  it('indexes every section of every document', () => {
    for (const brand of kb.brandIds) {
      const indexed = new Set(kb.passages(brand).sentences.map((sentence) => `${sentence.document}#${sentence.section}`));
      for (const document of kb.documents(brand)) {
        for (const section of document.sections) expect(indexed, `${brand} ${document.id} §${section.id}`).toContain(`${document.id}#${section.id}`);
      }
    }
  });

  it('does not end a sentence at "e.g.", "U.S." or a web address', () => {
    expect(splitSentences('During major U.S. holidays (e.g., Christmas), hours may change. Visit www.jameseavery.com today.')).toEqual([
      'During major U.S. holidays (e.g., Christmas), hours may change.',
      'Visit www.jameseavery.com today.',
    ]);
  });

  it('keeps an address printed line by line as one sentence', () => {
    const sentences = kb.passages('james-avery-artisan').sentences.filter((sentence) => sentence.section === '2.3');
    expect(sentences.map((sentence) => sentence.text)).toContainEqual(expect.stringContaining('mail us at: James Avery Artisan Jewelry 36 Heritage Road Quincy, Massachusetts 02169'));
  });
});

describe('searching one brand\'s sentences', () => {
  it('finds a sentence by the stems of its words and by the shopper\'s words for them', () => {
    const [holiday] = kb.passages('james-avery-artisan').search('are you open at christmas');
    expect(holiday?.sentence.text).toMatch(/^Holiday Adjustments:/);
    const [children] = kb.passages('james-avery-malls').search('can my kids shop on your site');
    expect(children?.sentence.section).toBe('8');
  });

  it('never returns another brand\'s sentence', () => {
    const artisanOnly = kb.passages('kendra-scott-mall').search('Return Authorization RA escalation service@jameseavery.com Heritage Road');
    for (const hit of artisanOnly) expect(hit.sentence.text).not.toMatch(/Return Authorization|jameseavery|Heritage/);
  });

  it('finds nothing for a question with no meaningful word', () => {
    expect(createPassageIndex(policySentences(kb.documents('generic-store'))).search('what is it?')).toEqual([]);
  });
});
