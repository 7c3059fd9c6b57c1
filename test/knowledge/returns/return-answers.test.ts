import { describe, expect, it } from 'vitest';

import {
  CONDITION_CHOICES,
  WISH_CHOICES,
  isChoiceValue,
  matchItem,
  oneTypoApart,
  readCondition,
  readTagsAnswer,
  readWish,
} from '../../../knowledge/returns/return-answers.js';

describe('readCondition', () => {
  it.each([
    ['never worn, still has the tags', 'unused_with_tags'],
    ['brand new, tags still attached', 'unused_with_tags'],
    ['I only tried it on, tags are on', 'unused_with_tags'],
    ["haven't worn it but I cut the tags off", 'unused_no_tags'],
    ['unworn, no tags', 'unused_no_tags'],
    ['I wore it once', 'worn'],
    ['worn a few times', 'worn'],
    ['used', 'worn'],
    ['it broke', 'damaged'],
    ['I wore it once and the clasp snapped', 'damaged'],
    ['the stone fell out', 'damaged'],
    ['scratched', 'damaged'],
    ['never worn', 'unused'],
    ['still in the box', 'unused'],
    ['not sure', undefined],
    ['the cuff', undefined],
  ] as const)('%j → %s', (text, expected) => {
    expect(readCondition(text)).toBe(expected);
  });

  it.each(Object.entries(CONDITION_CHOICES))('reads its own button %s', (condition, choice) => {
    expect(readCondition(choice.value)).toBe(condition);
  });
});

describe('readTagsAnswer', () => {
  it.each([
    ['yes', true],
    ['Yep', true],
    ["yes they're on", true],
    ['tags are still attached', true],
    ['no', false],
    ['nope', false],
    ['I took the tags off', false],
    ['no idea', undefined],
    ['maybe', undefined],
  ] as const)('%j → %s', (text, expected) => {
    expect(readTagsAnswer(text)).toBe(expected);
  });
});

describe('readWish', () => {
  it.each([
    ['changed my mind', 'changed_mind'],
    ["they just aren't my style", 'changed_mind'],
    ['it is not really my taste', 'changed_mind'],
    ["I just don't like it", 'changed_mind'],
    ['not my style', 'changed_mind'],
    ['too big', 'wrong_size'],
    ['the earrings are too big, can I exchange them', 'wrong_size'],
    ["it doesn't fit", 'wrong_size'],
    ['I ordered the wrong size', 'wrong_size'],
    ['it arrived broken', 'damaged_on_arrival'],
    ['came damaged in the box', 'damaged_on_arrival'],
    ['damaged', 'damaged_on_arrival'],
    ['it broke', 'defective'],
    ['my necklace broke after a week', 'defective'],
    ['one of the heart charms came crushed', 'damaged_on_arrival'],
    ['the clasp broke two months after delivery', 'defective'],
    ['it arrived yesterday and it is already broken', 'damaged_on_arrival'],
    ['the clasp broke', 'defective'],
    ['it turned green', 'defective'],
    ['faulty clasp', 'defective'],
    ['they sent me the wrong one', 'wrong_item'],
    ['this is not what I ordered', 'wrong_item'],
    ['you shipped the wrong size', 'wrong_item'],
    ['wrong color', 'wrong_item'],
    ['can I send back the cuff I bought on sale', undefined],
    ['hmm', undefined],
  ] as const)('%j → %s', (text, expected) => {
    expect(readWish(text)).toBe(expected);
  });

  it.each(Object.entries(WISH_CHOICES))('reads its own button %s', (wish, choice) => {
    expect(readWish(choice.value)).toBe(wish);
  });
});

describe('matchItem', () => {
  const MALLS = [
    { sku: 'JAM-CU-501', name: 'Custom Engraved Initial Pendant' },
    { sku: 'JAM-CH-118', name: 'Sterling Silver Heart Charm' },
    { sku: 'JAM-NK-220', name: 'Cable Chain Necklace, 18 in.' },
  ];
  const KENDRA = [
    { sku: 'CHN-22', name: 'Elisa Pendant Necklace' },
    { sku: 'EAR-31', name: 'Drop Earrings (Final Sale)' },
    { sku: 'CHN-40', name: 'Personalized Initial Necklace' },
  ];
  const ARTISAN = [
    { sku: 'JAA-CF-022', name: 'Hand-Forged Cuff Bracelet' },
    { sku: 'JAA-ER-040', name: 'Artisan Drop Earrings' },
  ];

  it.each([
    ['the cuff', ARTISAN, { index: 0 }],
    ['can I send back the cuff I bought on sale', ARTISAN, { index: 0 }],
    ['the earrings are too big', ARTISAN, { index: 1 }],
    ['my bracelet', ARTISAN, { index: 0 }],
    ['the necklace', MALLS, { index: 2 }],
    ['the custom one', MALLS, { index: 0 }],
    ['the charms', MALLS, { index: 1 }],
    ['JAM-CH-118', MALLS, { index: 1 }],
    ['Cable Chain Necklace, 18 in.', MALLS, { index: 2 }],
    ['2', MALLS, { index: 1 }],
    ['the second one', MALLS, { index: 1 }],
    ['the last one', MALLS, { index: 2 }],
    ['the necklace', KENDRA, { ambiguous: [0, 2] }],
    ['the initial necklace', KENDRA, { index: 2 }],
    ['the pendant', KENDRA, { index: 0 }],
    ['the earrings', KENDRA, { index: 1 }],
    ['Drop Earrings (Final Sale)', KENDRA, { index: 1 }],
    ['my watch', KENDRA, undefined],
    ['7', KENDRA, undefined],
    ['I want to return my order', KENDRA, undefined],
    // Typos of a word of the name or of a kind of jewelry.
    ['the earings', ARTISAN, { index: 1 }],
    ['my braclet', ARTISAN, { index: 0 }],
    ['the pendnat', KENDRA, { index: 0 }],
    ['the neckalce', MALLS, { index: 2 }],
    ['the hand one', ARTISAN, { index: 0 }],
    ['the bond', ARTISAN, undefined],
  ] as const)('%j', (text, items, expected) => {
    expect(matchItem(text, items)).toEqual(expected);
  });
});

describe('isChoiceValue', () => {
  it('tells a button press from the shopper’s own words', () => {
    expect(isChoiceValue('wrong size', Object.values(WISH_CHOICES))).toBe(true);
    expect(isChoiceValue('they are too big', Object.values(WISH_CHOICES))).toBe(false);
  });
});

describe('oneTypoApart', () => {
  it.each([
    ['earring', 'earing', true],
    ['necklace', 'neckalce', true],
    ['bracelet', 'braclet', true],
    ['pendant', 'pendants', true],
    ['charm', 'chary', true],
    ['necklace', 'necktie', false],
    ['band', 'hand', false],
    ['ring', 'rings', false],
    ['bracelet', 'bracelet', true],
  ] as const)('%s / %s', (a, b, expected) => {
    expect(oneTypoApart(a, b)).toBe(expected);
    expect(oneTypoApart(b, a)).toBe(expected);
  });
});
