// A recognizer started from a kept model reads shoppers exactly as the one that trained it, and
// one whose kept model is unreadable trains again instead of failing.
import { describe, expect, it } from 'vitest';
import { createRecognizer, type ModelCache } from '../../../knowledge/understanding/recognizer.js';

function memoryCache(): ModelCache & { models: Map<string, string>; reads: number } {
  const models = new Map<string, string>();
  const cache = {
    models,
    reads: 0,
    read(key: string) {
      cache.reads += 1;
      return models.get(key);
    },
    write(key: string, model: string) {
      models.set(key, model);
    },
  };
  return cache;
}

const MESSAGES = ['how long until my refund arrives', 'can my necklace be engraved', 'talk to someone please', 'where is order KS-100234'];

describe('recognizer model cache', () => {
  it('keeps the trained model and reads the same way when started from it', async () => {
    const cache = memoryCache();
    const trained = await createRecognizer({ modelCache: cache, memoSize: 0 });
    expect(cache.models.size).toBe(1);
    const loaded = await createRecognizer({ modelCache: cache, memoSize: 0 });
    for (const message of MESSAGES) expect(await loaded.recognize(message)).toEqual(await trained.recognize(message));
  });

  it('trains again when the kept model is unreadable', async () => {
    const cache = memoryCache();
    const reference = await createRecognizer({ modelCache: cache, memoSize: 0 });
    const [key] = [...cache.models.keys()];
    cache.models.set(key!, '{"not": "a model"');
    const recovered = await createRecognizer({ modelCache: cache, memoSize: 0 });
    expect(await recovered.recognize(MESSAGES[0]!)).toEqual(await reference.recognize(MESSAGES[0]!));
    expect(cache.models.get(key!)).not.toBe('{"not": "a model"');
  });
});
