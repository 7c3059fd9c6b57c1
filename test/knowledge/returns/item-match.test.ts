// Which of an order's items the shopper means, from how they name it: the mention the Reading
// step hears (knowledge/reading/slot-readers.ts, with Bot Framework's ordinal recognizer) matched
// against the order's items.
import { describe, expect, it } from 'vitest';
import { itemMention } from '../../../knowledge/reading/slot-readers.js';
import { createRecognizers } from '../../../knowledge/reading/recognizers.js';
import { matchItem, oneTypoApart } from '../../../knowledge/returns/item-match.js';

const recognizers = createRecognizers();

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
    expect(matchItem(itemMention(text, recognizers), items)).toEqual(expected);
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
