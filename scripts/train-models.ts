// Trains the Reading step's models from knowledge/reading/training-data/ and keeps them where
// the service loads them at start-up (MODEL_CACHE_DIR, default var/cache). Runs as part of
// `postinstall`; `npm run train` by hand after changing the training data.
import { existsSync } from 'node:fs';
import { loadConfig } from '../bot/config.js';
import { readSavedModels, writeSavedModels } from '../bot/reading-models.store.js';
import { loadKnowledgeBase } from '../knowledge/knowledge-base.js';
import { trainReadingModels, trainingKey } from '../knowledge/reading/reading-models.js';
import { createRecognizers } from '../knowledge/reading/recognizers.js';

if (existsSync('.env')) process.loadEnvFile('.env');
let dir: string | undefined;
try {
  dir = loadConfig(process.env).modelCacheDir;
} catch (error) {
  // An install must not fail on the environment: the service will say what is wrong at start.
  console.log(`train-models: skipped (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
  process.exit(0);
}
if (dir === undefined) {
  console.log('train-models: MODEL_CACHE_DIR is off; the service trains its models at each start.');
} else if (readSavedModels(dir, trainingKey()) !== undefined && !process.argv.includes('--force')) {
  console.log(`train-models: the models in ${dir} are already trained from this training data.`);
} else {
  const started = performance.now();
  const knowledge = loadKnowledgeBase({ brandsDir: process.env.BRANDS_DIR });
  const saved = trainReadingModels({ knowledge, recognizers: createRecognizers(), log: (line) => console.log(`train-models: ${line}`) });
  await writeSavedModels(dir, saved);
  console.log(`train-models: trained in ${Math.round(performance.now() - started)} ms; kept in ${dir}`);
}
