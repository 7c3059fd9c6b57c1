import { describe, expect, it } from 'vitest';
import { readLanguage } from '../../../knowledge/understanding/language.js';

// The recognizer hands in its vocabulary; a small English one is enough to show the rule.
const ENGLISH = new Set('where is my order the ring necklace can i return a refund how long does shipping take thanks ok yes please'.split(' '));
const isEnglishWord = (word: string) => ENGLISH.has(word);

describe('reading the language of a message', () => {
  it.each([
    ['¿Dónde está mi pedido? Lo compré hace una semana', 'es'],
    ['Je voudrais retourner ma bague, elle est trop petite', 'fr'],
    ['Quero cancelar o meu pedido, por favor', 'pt'],
    ['Wo ist meine Bestellung? Ich warte seit zwei Wochen', 'de'],
    ['我的订单在哪里？', 'zh'],
  ])('"%s" is %s', (text, code) => {
    expect(readLanguage(text, isEnglishWord)).toEqual({ code, english: false });
  });

  it.each(['ok', 'thx', 'yes pls', 'KS-100234', 'jane.doe@example.com', 'order #3310492', 'hmm'])('"%s" is too short to tell', (text) => {
    expect(readLanguage(text, isEnglishWord)).toBeUndefined();
  });

  it('reads a message mostly of known English words as English, order numbers and emails aside', () => {
    expect(readLanguage('where is my order KS-100234, my email is jane.doe@example.com', isEnglishWord)).toEqual({ code: 'en', english: true });
    expect(readLanguage('how long does shipping take for a ring', isEnglishWord)).toEqual({ code: 'en', english: true });
  });
});
