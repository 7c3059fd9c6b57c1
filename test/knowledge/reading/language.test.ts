import { describe, expect, it } from 'vitest';
import { readLanguage } from '../../../knowledge/reading/language.js';
import { recognizerThread } from '../../../bot/recognizer-thread.js';
import { tokens } from '../../../knowledge/reading/learning/text-features.js';

// The Reading step hands in the topic model's vocabulary; a small English one is enough to show the rule.
const ENGLISH = new Set('where is my order the ring necklace can i return a refund how long does shipping take thanks ok yes please'.split(' '));
const isEnglishWord = (word: string) => ENGLISH.has(word);
const read = (text: string) => readLanguage(text, tokens(text), isEnglishWord, recognizerThread);

describe('reading the language of a message', () => {
  it.each([
    ['¿Dónde está mi pedido? Lo compré hace una semana', 'es'],
    ['Je voudrais retourner ma bague, elle est trop petite', 'fr'],
    ['Quero cancelar o meu pedido, por favor', 'pt'],
    ['Wo ist meine Bestellung? Ich warte seit zwei Wochen', 'de'],
    ['我的订单在哪里？', 'zh'],
  ])('"%s" is %s', async (text, code) => {
    expect(await read(text)).toEqual({ code, english: false });
  });

  it.each(['ok', 'thx', 'yes pls', 'KS-100234', 'jane.doe@example.com', 'order #3310492', 'hmm'])('"%s" is too short to tell', async (text) => {
    expect(await read(text)).toBeNull();
  });

  it('reads a message mostly of known English words as English, order numbers and emails aside', async () => {
    expect(await read('where is my order KS-100234, my email is jane.doe@example.com')).toEqual({ code: 'en', english: true });
    expect(await read('how long does shipping take for a ring')).toEqual({ code: 'en', english: true });
  });
});
