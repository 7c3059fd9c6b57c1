// The reading thread's own code: the Reading step (its models, the stores' documents and passage
// indexes, the recognizers) loaded once, then every message the service thread sends read here
// and its reading sent back. reading-thread.ts starts it and asks it.
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { loadKnowledgeBase } from '../knowledge/knowledge-base.js';
import { createMessageReader } from '../knowledge/reading/read-message.js';
import { createRecognizers } from '../knowledge/reading/recognizers.js';
import { recognizerThread } from './recognizer-thread.js';
import { loadOrTrainReadingModels } from './reading-models.store.js';
import type { ReadingThreadOptions, ThreadAsk, ThreadSays } from './reading-thread.js';

const port = parentPort;
if (port === null) throw new Error('reading-thread.worker runs as a worker thread (reading-thread.ts starts it)');
const say = (message: ThreadSays) => port.postMessage(message);
const problemOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

const options = workerData as ReadingThreadOptions;
const recognizers = createRecognizers(recognizerThread);

async function start() {
  const kb = loadKnowledgeBase({ brandsDir: options.brandsDir, profiles: options.profiles });
  const logger = { warn: (fields: Record<string, unknown>, message: string) => say({ kind: 'warn', fields, message }) };
  const models = await loadOrTrainReadingModels({ dir: options.modelCacheDir, knowledge: kb, recognizers, logger });
  // No memo here: the service thread remembers readings, so a repeated message never comes here.
  return createMessageReader({ models, knowledge: kb, recognizers, memoSize: 0 });
}

start().then(
  (reader) => {
    // One reading at a time. A reading that waits on the recognizer thread (a long message's
    // language) leaves this thread idle rather than starting the next one, so the thread's busy
    // time across a reading is that reading's own: what its client is charged (turn-runner.ts).
    // Read side by side, each would be charged for the others run while it waited.
    let previous: Promise<void> = Promise.resolve();
    const readOne = async (ask: Extract<ThreadAsk, { kind: 'read' }>) => {
      const busyAtStart = performance.eventLoopUtilization();
      try {
        const reading = await reader.read(ask.text, ask.context);
        say({ kind: 'read', id: ask.id, reading: { ...reading, offThreadMs: performance.eventLoopUtilization(busyAtStart).active } });
      } catch (error) {
        say({ kind: 'read', id: ask.id, error: problemOf(error) });
      }
    };
    port.on('message', (ask: ThreadAsk) => {
      if (ask.kind === 'warmUp') {
        recognizers.warmUp().then(
          () => say({ kind: 'warm', id: ask.id }),
          (error: unknown) => say({ kind: 'warm', id: ask.id, error: problemOf(error) }),
        );
        return;
      }
      previous = previous.then(() => readOne(ask));
    });
    say({ kind: 'ready' });
  },
  (error: unknown) => say({ kind: 'failed', error: problemOf(error) }),
);
