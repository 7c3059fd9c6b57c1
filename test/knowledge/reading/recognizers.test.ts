// Bot Framework's recognizers as the Reading step asks them: yes and no, places in a list, and
// how long ago something happened, counted from the turn's time.
import { describe, expect, it } from 'vitest';
import { recognizerThread } from '../../../bot/recognizer-thread.js';
import { createRecognizers } from '../../../knowledge/reading/recognizers.js';

const recognizers = createRecognizers(recognizerThread);
// Wednesday 2 December 2026, noon in New York.
const NOW = '2026-12-02T17:00:00Z';

describe('yes and no', () => {
  it.each(['yes', 'yeah sure', 'yep', 'ok', 'y'])('%j is a yes', (text) => {
    expect(recognizers.yesNo(text)).toBe(true);
  });

  it.each(['no', 'nope', 'no thanks', 'not right no'])('%j is a no', (text) => {
    expect(recognizers.yesNo(text)).toBe(false);
  });

  it.each(['where is my order', 'the second one', 'you got it, thank you'])('%j is neither', (text) => {
    expect(recognizers.yesNo(text)).toBeUndefined();
  });
});

describe('a place in a list', () => {
  it.each([
    ['2', 1],
    ['the second one', 1],
    ['2nd', 1],
    ['third please', 2],
    ['the first', 0],
    ['the last one', -1],
  ])('%j is place %i', (text, place) => {
    expect(recognizers.place(text)).toBe(place);
  });

  it.each(['where is my order', 'yes'])('%j names no place', (text) => {
    expect(recognizers.place(text)).toBeUndefined();
  });
});

describe('how long ago', () => {
  it.each([
    ['it arrived yesterday', 1],
    ['I got it 3 weeks ago', 21],
    ['it broke two months after delivery', 60],
    ['it came a couple of weeks ago', 14],
    ['it arrived today', 0],
  ])('%j is %i days', async (text, days) => {
    expect(await recognizers.daysAgo(text, NOW)).toBe(days);
  });

  it('says nothing where nothing is said about time', async () => {
    expect(await recognizers.daysAgo('the clasp is broken', NOW)).toBeUndefined();
  });
});
