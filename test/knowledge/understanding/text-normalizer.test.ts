import { describe, expect, it } from 'vitest';
import { createTextNormalizer, editDistance, plainWords } from '../../../knowledge/understanding/text-normalizer.js';

const normalizer = createTextNormalizer([
  'track my order',
  'where is my package',
  'cancel my purchase',
  'reset my password',
  'I want a refund',
  'how long does shipping take',
  'do you send parcels to canada',
]);

describe('plainWords', () => {
  it.each([
    ["Where's my ORDER?!", 'where my order'],
    ["I can't log in", 'i can not log in'],
    ['u r the best thx', 'you are the best thanks'],
    ['wanna cancel order #3310492 plz', 'want to cancel order please'],
    ['my e-mail is jo@example.com', 'my email is'],
  ])('"%s" → "%s"', (text, words) => {
    expect(plainWords(text).join(' ')).toBe(words);
  });

  it('tells an order that exists from buying one', () => {
    expect(plainWords('track my purchase 12345678').join(' ')).toBe('track my order');
    expect(plainWords('add a ring to purchase 12345678').join(' ')).toBe('add a ring to order');
    expect(plainWords('I want to purchase a ring').join(' ')).toBe('i want to buy a ring');
    expect(plainWords("I'd like to make a purchase").join(' ')).toBe('i would like to buy');
    expect(plainWords('the order I placed').join(' ')).toBe('the order i already');
  });

  it('marks sums and news', () => {
    expect(plainWords('what is 12 times 12').join(' ')).toBe('what is arithmetic');
    expect(plainWords('any update on my order').join(' ')).toBe('any news on my order');
    expect(plainWords('update my order').join(' ')).toBe('update my order');
  });
});

describe('createTextNormalizer', () => {
  it.each([
    ['trackmy order', 'track my order'],
    ['wheremy pakage', 'where my package'],
    ['cancle my purchse', 'cancel my order'],
    ['rest my pasword', 'reset my password'],
    ['hwo lnog does shiping take', 'how long does shipping take'],
    ['wehre is my pakage', 'where is my package'],
  ])('corrects "%s" to "%s"', (text, corrected) => {
    expect(normalizer.normalize(text)).toBe(corrected);
  });

  it('leaves known words, inflections, numbers and short words alone', () => {
    expect(normalizer.normalize('tracking shipped 2 me ok')).toBe('tracking shipped 2 me ok');
  });

  it('knows the words of its phrases', () => {
    expect(normalizer.knows('canada')).toBe(true);
    expect(normalizer.knows('weather')).toBe(false);
  });
});

describe('editDistance', () => {
  it('counts a swap of neighbours once and stops past the cap', () => {
    expect(editDistance('cancle', 'cancel', 2)).toBe(1);
    expect(editDistance('refund', 'refund', 2)).toBe(0);
    expect(editDistance('ring', 'necklace', 2)).toBe(3);
  });
});
