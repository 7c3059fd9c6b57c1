// The Reading step's trained models on disk (MODEL_CACHE_DIR, default var/cache), so start-up
// loads them in milliseconds: `npm install` trains them there (scripts/train-models.ts). A set
// trained from other training data than the repository's (the key differs), or none at all, is
// trained again at start-up and kept; a cache that cannot be written only costs the next start
// the same training, never the service.
//
// The file's form is knowledge/reading/learning/model-file.ts: the weights as raw bytes.
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrandId } from '../knowledge/brand-ids.js';
import { loadReadingModels, trainReadingModels, trainingKey, type ReadingModels, type SavedReadingModels } from '../knowledge/reading/reading-models.js';
import { decodeModelFile, encodeModelFile } from '../knowledge/reading/learning/model-file.js';
import type { Recognizers } from '../knowledge/reading/recognizers.js';
import type { TopicKnowledge } from '../knowledge/reading/topic-reading.js';
import { writeFileAtomic } from './handoff/atomic-file.js';

const FILE = 'reading-models.bin';

export interface ModelStoreLogger {
  warn(fields: Record<string, unknown>, message: string): void;
}

/** The saved models in `dir` if they were trained from the current training data, else undefined. */
export function readSavedModels(dir: string, key = trainingKey()): SavedReadingModels | undefined {
  try {
    const saved = decodeModelFile(readFileSync(join(dir, FILE))) as SavedReadingModels;
    return saved.key === key ? saved : undefined;
  } catch {
    return undefined;
  }
}

export async function writeSavedModels(dir: string, saved: SavedReadingModels): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFileAtomic(join(dir, FILE), encodeModelFile(saved));
}

export interface LoadModelsOptions {
  /** Where trained models are kept; undefined: trained at every start, never kept. */
  dir: string | undefined;
  knowledge: TopicKnowledge & { brandIds: readonly BrandId[] };
  recognizers: Pick<Recognizers, 'yesNo'>;
  logger: ModelStoreLogger;
}

export async function loadOrTrainReadingModels(options: LoadModelsOptions): Promise<ReadingModels> {
  const key = trainingKey();
  const saved = options.dir === undefined ? undefined : readSavedModels(options.dir, key);
  if (saved !== undefined) return loadReadingModels(saved);
  options.logger.warn({ dir: options.dir }, 'no trained reading models for this training data; training them now (npm run train keeps them)');
  const trained = trainReadingModels({ knowledge: options.knowledge, recognizers: options.recognizers });
  if (options.dir !== undefined) {
    await writeSavedModels(options.dir, trained).catch((error: unknown) =>
      options.logger.warn({ err: error, dir: options.dir }, 'could not keep the trained reading models; the next start trains them again'),
    );
  }
  return loadReadingModels(trained);
}
