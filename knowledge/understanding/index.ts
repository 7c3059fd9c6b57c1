// Understanding: shopper text → catalog topic, confidence and entities.
export {
  CONFIDENCE_THRESHOLD,
  DEFAULT_ENGINE,
  ENGINES,
  createRecognizer,
  type Engine,
  type RecognizerOptions,
} from './recognizer.js';
export { extractEntities } from './entities.js';
export { MISSPELLED_PHRASES, TOPIC_EXAMPLES, TOPIC_PHRASES, type PhraseTable } from './phrases/index.js';
export { expandExamples, misspelledPhrases, type TopicExampleTable, type TopicExamples } from './phrases/phrase-table.js';
export type { Recognizer, TopicScore, Understanding } from './understanding.types.js';
