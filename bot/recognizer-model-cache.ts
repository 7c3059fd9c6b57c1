// Trained recognizer models on disk, so a restart loads the network in milliseconds instead of
// training it again (most of a second): one file per training key under RECOGNIZER_CACHE_DIR.
// A cache that cannot be read or written only costs the training; it never stops the service.
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModelCache } from '../knowledge/understanding/recognizer.js';
import { writeFileAtomic } from './handoff/atomic-file.js';
import type { SenderLogger } from './handoff/handoff-sender.js';

export function createModelCache(dir: string, logger: Pick<SenderLogger, 'warn'>): ModelCache {
  const file = (key: string) => join(dir, `recognizer-${key}.json`);
  return {
    read(key) {
      try {
        return readFileSync(file(key), 'utf8');
      } catch {
        return undefined;
      }
    },
    write(key, model) {
      // In the background: the service is ready without it, and a half-written file never exists.
      void mkdir(dir, { recursive: true })
        .then(() => writeFileAtomic(file(key), model))
        .catch((error: unknown) => logger.warn({ err: error, dir }, 'could not keep the trained recognizer model; the next start trains again'));
    },
  };
}
