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
export { splitQuestions, MAX_QUESTIONS } from './question-splitter.js';
export { readLanguage, REPLY_LANGUAGES, isReplyLanguage, type ReplyLanguage } from './language.js';
export {
  createQuestionResolver,
  plausibleOptions,
  resolveQuestion,
  termAsked,
  OUT_OF_DOMAIN_THRESHOLD,
  SMALL_TALK_THRESHOLD,
  type QuestionResolver,
  type ResolverKnowledge,
} from './resolve-question.js';
export type {
  LanguageReading,
  QuestionOutcome,
  QuotedPassage,
  Recognizer,
  TopicScore,
  Understanding,
} from './understanding.types.js';
