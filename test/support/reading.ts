// The Reading step as the service builds it, for tests that read shoppers' words: the models
// `npm install` trained (MODEL_CACHE_DIR's default), or trained here when they are missing.
import { readSavedModels } from '../../bot/reading-models.store.js';
import { loadKnowledgeBase } from '../../knowledge/knowledge-base.js';
import { createMessageReader } from '../../knowledge/reading/read-message.js';
import type { ReadingContext } from '../../knowledge/reading/reading.types.js';
import { loadReadingModels, trainReadingModels, type ReadingModels } from '../../knowledge/reading/reading-models.js';
import { recognizerThread } from '../../bot/recognizer-thread.js';
import { createRecognizers } from '../../knowledge/reading/recognizers.js';
import { BRAND_PROFILES } from './brands.js';

const kb = loadKnowledgeBase({ profiles: BRAND_PROFILES });
const recognizers = createRecognizers(recognizerThread);
let models: ReadingModels | undefined;

export function readingModels(): ReadingModels {
  models ??= loadReadingModels(readSavedModels('var/cache') ?? trainReadingModels({ knowledge: kb, recognizers }));
  return models;
}

export function createReader() {
  return createMessageReader({ models: readingModels(), knowledge: kb, recognizers });
}

/** A conversation context: nothing asked, nothing on screen, unless the test says so. */
export function contextOf(fields: Partial<ReadingContext> = {}): ReadingContext {
  return {
    brand: 'kendra-scott-mall',
    now: '2026-12-02T17:00:00Z',
    awaiting: null,
    flow: null,
    choices: [],
    lastTopic: null,
    lastSources: [],
    ...fields,
  };
}
