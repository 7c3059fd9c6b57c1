// Trains the recognizer once and keeps the model where the service looks for it at start-up
// (RECOGNIZER_CACHE_DIR, default var/cache), so even the first start after `npm install` loads
// it instead of training. Runs as part of `postinstall`; `npm run train` by hand.
import { existsSync } from 'node:fs';
import { loadConfig } from '../bot/config.js';
import { createLogger } from '../bot/logger.js';
import { createModelCache } from '../bot/recognizer-model-cache.js';
import { createRecognizer } from '../knowledge/understanding/recognizer.js';

if (existsSync('.env')) process.loadEnvFile('.env');
let cacheDir: string | undefined;
try {
  cacheDir = loadConfig(process.env).recognizerCacheDir;
} catch (error) {
  // An install must not fail on the environment: the service will say what is wrong at start.
  console.log(`train-recognizer: skipped (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
  process.exit(0);
}
if (cacheDir === undefined) {
  console.log('train-recognizer: RECOGNIZER_CACHE_DIR is off; nothing to keep.');
} else {
  const started = performance.now();
  // The model is written in the background; the process ends once it is on disk.
  await createRecognizer({ modelCache: createModelCache(cacheDir, createLogger({ logLevel: 'warn' })) });
  console.log(`train-recognizer: recognizer ready in ${Math.round(performance.now() - started)} ms; its model is kept in ${cacheDir}`);
}
