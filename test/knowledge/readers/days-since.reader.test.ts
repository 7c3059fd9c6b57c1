import { describe, expect, it } from 'vitest';
import { readDaysSinceDelivery } from '../../../knowledge/readers/days-since.reader.js';

describe('readDaysSinceDelivery', () => {
  it.each([
    ['the clasp broke two months after delivery', 60],
    ['I got it 3 weeks ago and the stone fell out', 21],
    ['it arrived yesterday and it is already broken', 1],
    ["I've had it for a couple of weeks", 14],
    ['it came today with a bent post', 0],
    ['delivered last month, now it is tarnished', 30],
    ['after a year the chain snapped', 365],
  ])('%j → %i days', (text, days) => {
    expect(readDaysSinceDelivery(text)).toBe(days);
  });

  it.each(['my ring arrived broken', 'I want 2 rings', 'the clasp is broken'])('says nothing about when: %j', (text) => {
    expect(readDaysSinceDelivery(text)).toBeUndefined();
  });
});
