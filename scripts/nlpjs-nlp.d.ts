// The slice of NLP.js (CommonJS, no bundled types) that scripts/compare-models.ts measures.
declare module '@nlpjs/nlp' {
  export class Nlp {
    constructor(settings?: Record<string, unknown>);
    use(plugin: unknown): void;
    addDocument(locale: string, utterance: string, intent: string): void;
    train(): Promise<unknown>;
    nluManager: {
      process(locale: string, utterance: string): Promise<{ classifications: Array<{ intent: string; score: number }> }>;
    };
    container: {
      register(name: string, value: unknown, isSingleton?: boolean): void;
    };
  }
}
