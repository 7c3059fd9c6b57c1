// English word stems (NLP.js's Snowball stemmer), remembered: the same few thousand words come
// back in every message, and stemming one costs more than looking it up.
import { StemmerEn } from '@nlpjs/lang-en';

const stemmer = new StemmerEn();
const stems = new Map<string, string>();
const MAX_REMEMBERED = 50_000;

export function stem(word: string): string {
  let stemmed = stems.get(word);
  if (stemmed === undefined) {
    stemmed = stemmer.stemWord(word);
    if (stems.size > MAX_REMEMBERED) stems.clear();
    stems.set(word, stemmed);
  }
  return stemmed;
}
