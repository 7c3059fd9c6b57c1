// The real Clasp (createClasp + createApp) as a child of bench/run-bench.ts, on a free loopback
// port reported over IPC. Answers {cmd:'rss'} with memory after a full GC (needs --expose-gc).
// BENCH_RECOGNIZER_MEMO=<n> builds the recognizer with a memo of n readings (0: every message is
// classified), so the bench can show what the memo is worth; unset, Clasp builds its default one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createApp } from '../bot/app.js';
import { createClasp } from '../bot/clasp.js';
import { loadConfig } from '../bot/config.js';
import { createRecognizer } from '../knowledge/understanding/recognizer.js';

const importedAt = performance.now(); // since process start: node + tsx + every module loaded
const outboxDir = mkdtempSync(join(tmpdir(), 'clasp-bench-outbox-'));
const config = loadConfig({ ...process.env, OUTBOX_DIR: outboxDir });
const memo = process.env.BENCH_RECOGNIZER_MEMO || undefined;
if (memo !== undefined && !Number.isInteger(Number(memo))) throw new Error(`BENCH_RECOGNIZER_MEMO must be a whole number, not ${memo}`);
const clasp = await createClasp(config, memo === undefined ? {} : { recognizer: await createRecognizer({ memoSize: Number(memo) }) });
const builtAt = performance.now();
const app = createApp(clasp);
app.server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (app.server.address() as AddressInfo).port, importedAt, builtAt, listeningAt: performance.now() });
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
