// The slice of NLP.js's English package (CommonJS, no bundled types) Clasp uses: the stemmer of
// the passage index.
declare module '@nlpjs/lang-en' {
  /** The English language plugin (scripts/compare-models.ts measures NLP.js with it). */
  export const LangEn: unknown;
  /** The Snowball (Porter 2) English stemmer. */
  export class StemmerEn {
    stemWord(word: string): string;
  }
}
