// The NLP.js intent classifier: a small neural network over word stems, trained at start-up on
// the team's phrases. Only the intent pipeline runs: no sentiment, no entity extraction, no
// model file, no logging.
import { Nlp } from '@nlpjs/nlp';
import { LangEn, StopwordsEn } from '@nlpjs/lang-en';
import { isTopic } from '../topics.js';
import type { TopicScore } from './understanding.types.js';

export interface Example {
  /** Normalized words. */
  text: string;
  topic: string;
}

export interface TopicClassifier {
  /** Topic scores for normalized words, best first, summing to at most 1; empty when nothing is known. */
  classify(text: string): Promise<TopicScore[]>;
  /** The trained network as JSON, to start from next time instead of training again. */
  exportModel(): string;
}

// Words that say nothing about the topic. Unlike NLP.js's default English list, question words
// ("where" is my refund / "when" will I get it / "how" do I get one), negation and the verbs of
// shopper requests ("make", "get", "see", "take") stay: they tell topics apart.
export const STOPWORDS: readonly string[] = [
  'a', 'an', 'the', 'and', 'or', 'but', 'if', 'of', 'to', 'in', 'on', 'at', 'by', 'for', 'from', 'with',
  'into', 'about', 'as', 'is', 'are', 'was', 'were', 'be', 'been', 'being', 'am', 'do', 'does', 'did',
  'doing', 'have', 'has', 'had', 'i', 'me', 'my', 'myself', 'we', 'us', 'our', 'ours', 'you', 'your', 'yours', 'he',
  'him', 'his', 'she', 'her', 'it', 'its', 'they', 'them', 'their', 'this', 'that', 'these', 'those',
  'there', 'here', 'so', 'than', 'too', 'very', 'just', 'also', 'then', 'can', 'could', 'would',
  'should', 'will', 'shall', 'may', 'might', 'must', 'please',
];

const silentLogger = { debug() {}, info() {}, log() {}, warn() {}, error() {}, trace() {}, fatal() {} };

export interface NlpOptions {
  /** Extra words to ignore besides STOPWORDS. */
  stopwords?: readonly string[];
  /** At most this many training rounds (NLP.js's default is 20,000, stopping when it converges). */
  iterations?: number;
  /** A model exported after training on the same examples and options: loaded instead of training. */
  model?: string;
}

export async function trainNlpClassifier(examples: readonly Example[], options: NlpOptions = {}): Promise<TopicClassifier> {
  const nlp = new Nlp({
    languages: ['en'],
    autoLoad: false,
    autoSave: false,
    calculateSentiment: false,
    forceNER: false,
    nlu: {
      log: false,
      // No exact-match shortcut: once filler is gone, "I want a refund" and "my refund" share a key.
      useStemDict: false,
      // Unknown words are not evidence of "None": out_of_scope is a topic with examples of its own.
      useNoneFeature: false,
      en: {
        default: {
          className: 'NeuralNlu',
          keepStopwords: false,
          ...(options.iterations === undefined ? {} : { iterations: options.iterations }),
        },
      },
    },
  });
  nlp.container.register('logger', silentLogger);
  nlp.use(LangEn);
  nlp.container.register('stopwords-en', new StopwordsEn(undefined, [...STOPWORDS, ...(options.stopwords ?? [])]), true);
  for (const { text, topic } of examples) nlp.addDocument('en', text, topic);
  if (options.model === undefined) await nlp.train();
  else nlp.import(options.model);

  return {
    async classify(text) {
      if (!text.trim()) return [];
      const { classifications } = await nlp.nluManager.process('en', text);
      const scores: TopicScore[] = [];
      for (const { intent, score } of classifications) {
        if (score > 0 && isTopic(intent)) scores.push({ topic: intent, confidence: score });
      }
      return scores;
    },
    exportModel: () => nlp.export(true),
  };
}
