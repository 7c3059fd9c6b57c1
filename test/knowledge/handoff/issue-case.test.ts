import { describe, expect, it } from 'vitest';
import { caseFromReport, categoryFromWords } from '../../../knowledge/handoff/issue-case.js';

describe('caseFromReport: a reported problem is kept for the handoff', () => {
  it.each([
    ['product.issue', 'my necklace arrived broken', 'damaged'],
    ['product.issue', 'you sent me the wrong earrings', 'wrong_item'],
    ['product.issue', 'the clasp stopped working', 'defective'],
    ['shipping.problem', 'my parcel never arrived', 'missing_package'],
    ['shipping.problem', 'my order is taking forever', 'late_delivery'],
    ['complaint', 'your service was awful', 'complaint'],
  ] as const)('%s "%s" → %s', (topic, text, category) => {
    expect(caseFromReport(topic, text)).toMatchObject({ category, description: text });
  });

  it('opens no case for a plain question', () => {
    expect(caseFromReport('shipping.cost', 'is shipping free')).toBeUndefined();
  });

  it('notes when the shopper says it is urgent', () => {
    expect(caseFromReport('product.issue', 'my ring arrived damaged, this is urgent')).toMatchObject({ shopperSaysUrgent: true });
  });
});

describe('categoryFromWords: a handoff opened without a category takes the one its words name', () => {
  it.each([
    ['person_requested', 'talk to a person, my bracelet arrived broken', 'damaged'],
    ['person_requested', 'they sent the wrong item', 'wrong_item'],
    ['other', 'my package never came', 'missing_package'],
    ['person_requested', 'I have a question about gift wrapping', 'person_requested'],
    ['late_delivery', 'the box was damaged', 'late_delivery'],
  ] as const)('%s + "%s" → %s', (current, text, expected) => {
    expect(categoryFromWords(current, text)).toBe(expected);
  });
});
