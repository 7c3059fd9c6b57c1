// The slice of NLP.js (CommonJS, no bundled types) that the intent classifier uses.
declare module '@nlpjs/nlp' {
  export interface NlpClassification {
    intent: string;
    score: number;
  }
  export interface NlpSettings {
    languages?: string[];
    autoLoad?: boolean;
    autoSave?: boolean;
    calculateSentiment?: boolean;
    forceNER?: boolean;
    nlu?: Record<string, unknown>;
  }
  export class Nlp {
    constructor(settings?: NlpSettings);
    use(plugin: unknown): void;
    addDocument(locale: string, utterance: string, intent: string): void;
    train(): Promise<unknown>;
    /** The trained model as JSON (minified when false is passed). */
    export(minified?: boolean): string;
    import(model: string): void;
    nluManager: {
      process(locale: string, utterance: string): Promise<{ classifications: NlpClassification[] }>;
    };
    container: {
      register(name: string, value: unknown, isSingleton?: boolean): void;
    };
  }
}

declare module '@nlpjs/lang-en' {
  export const LangEn: unknown;
  /** The Snowball (Porter 2) English stemmer the classifier uses. */
  export class StemmerEn {
    stemWord(word: string): string;
  }
  export class StopwordsEn {
    constructor(container?: unknown, words?: readonly string[]);
  }
}
