import { describe, expect, it } from 'vitest';
import { caseFromReport, categoryFromProblem } from '../../../knowledge/handoff/issue-case.js';

describe('caseFromReport: a reported problem is kept for the handoff, with the shopper\'s words', () => {
  it.each([
    ['product.issue', { problem: 'damaged_on_arrival' }, 'damaged'],
    ['product.issue', { problem: 'wrong_item' }, 'wrong_item'],
    ['product.issue', { problem: 'defective' }, 'defective'],
    // A product problem the Reading step could not name is filed as a defect for the team to look at.
    ['product.issue', {}, 'defective'],
    ['shipping.problem', { problem: 'missing_package' }, 'missing_package'],
    ['shipping.problem', { problem: 'late_delivery' }, 'late_delivery'],
    ['shipping.problem', {}, 'late_delivery'],
    ['complaint', {}, 'complaint'],
  ] as const)('%s with %j → %s', (topic, facts, category) => {
    expect(caseFromReport(topic, facts, 'the words the shopper typed')).toMatchObject({ category, description: 'the words the shopper typed' });
  });

  it('opens no case for a plain question', () => {
    expect(caseFromReport('shipping.cost', {}, 'is shipping free')).toBeUndefined();
  });

  it('keeps that the shopper says it is urgent, and how long ago it arrived', () => {
    expect(caseFromReport('product.issue', { problem: 'defective', urgent: true, daysSinceDelivery: 5 }, 'the clasp broke')).toMatchObject({
      shopperSaysUrgent: true,
      daysSinceDelivery: 5,
    });
  });
});

describe('categoryFromProblem: a handoff opened without a category takes the problem the message reports', () => {
  it.each([
    ['person_requested', 'damaged_on_arrival', 'damaged'],
    ['person_requested', 'wrong_item', 'wrong_item'],
    ['other', 'missing_package', 'missing_package'],
    ['person_requested', undefined, 'person_requested'],
    // A category a flow already gave stays.
    ['late_delivery', 'damaged_on_arrival', 'late_delivery'],
  ] as const)('%s + %s → %s', (current, problem, expected) => {
    expect(categoryFromProblem(current, problem)).toBe(expected);
  });
});
