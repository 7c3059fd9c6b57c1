// The real Clasp (createClasp + createApp) as a child of bench/run-bench.ts, on a free loopback
// port reported over IPC. Answers {cmd:'rss'} with memory after a full GC (needs --expose-gc).
// BENCH_READING_MEMO=<n> builds the Reading step with a memo of n readings (0: every message is
// read afresh), so the bench can show what the memo is worth; unset, Clasp builds its default one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createApp } from '../bot/app.js';
import { createClasp } from '../bot/clasp.js';
import { loadConfig } from '../bot/config.js';
import { readSavedModels } from '../bot/reading-models.store.js';
import { loadKnowledgeBase } from '../knowledge/knowledge-base.js';
import { createMessageReader } from '../knowledge/reading/read-message.js';
import { loadReadingModels } from '../knowledge/reading/reading-models.js';
import { recognizerThread } from '../bot/recognizer-thread.js';
import { createRecognizers } from '../knowledge/reading/recognizers.js';

const importedAt = performance.now(); // since process start: node + tsx + every module loaded
const outboxDir = mkdtempSync(join(tmpdir(), 'clasp-bench-outbox-'));
const config = loadConfig({ ...process.env, OUTBOX_DIR: outboxDir });
const memo = process.env.BENCH_READING_MEMO || undefined;
if (memo !== undefined && !Number.isInteger(Number(memo))) throw new Error(`BENCH_READING_MEMO must be a whole number, not ${memo}`);
const saved = memo === undefined || config.modelCacheDir === undefined ? undefined : readSavedModels(config.modelCacheDir);
if (memo !== undefined && saved === undefined) throw new Error('BENCH_READING_MEMO needs the trained models in MODEL_CACHE_DIR (npm run train)');
const recognizers = createRecognizers(recognizerThread);
const reader =
  saved === undefined
    ? undefined
    : createMessageReader({ models: loadReadingModels(saved), knowledge: loadKnowledgeBase({ brandsDir: process.env.BRANDS_DIR }), recognizers, memoSize: Number(memo) });
const clasp = await createClasp(config, reader === undefined ? {} : { reader });
const builtAt = performance.now();
const app = createApp(clasp);
app.server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (app.server.address() as AddressInfo).port, importedAt, builtAt, listeningAt: performance.now() });
  // As bot/main.ts does.
  void clasp.warmUp();
});

const gc = (globalThis as { gc?: () => void }).gc;
process.on('message', (message: { cmd?: string }) => {
  if (message?.cmd !== 'rss') return;
  gc?.();
  gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  process.send?.({ rss, heapUsed });
});
process.on('disconnect', () => {
  rmSync(outboxDir, { recursive: true, force: true });
  process.exit(0);
});
