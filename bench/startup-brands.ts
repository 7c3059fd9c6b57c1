// Start-up against the number of stores: spawn the service → GET /readyz 200, with the four demo
// stores and with twenty (the four plus sixteen copies of the test store in
// test/fixtures/brands/), runs alternated so both see the same machine. Prints each run, the
// medians and their ratio.
//
//   npx tsx bench/startup-brands.ts [--runs 5]
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_BRANDS_DIR } from '../knowledge/brands/brand-folders.js';
import { timeToReady } from './time-to-ready.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const RUNS = Number(values.runs);
const FIXTURE = new URL('../test/fixtures/brands/tidewater-goldsmiths/', import.meta.url);

/** `npm start`'s command on the stores of `brandsDir`. */
function startUp(brandsDir: string, outbox: string): Promise<number> {
  return timeToReady(['--import', 'tsx', 'bot/main.ts'], { ...process.env, BRANDS_DIR: brandsDir, OUTBOX_DIR: outbox, LOG_LEVEL: 'warn' });
}

const work = mkdtempSync(join(tmpdir(), 'clasp-startup-'));
try {
  const twenty = join(work, 'brands');
  cpSync(DEFAULT_BRANDS_DIR, twenty, { recursive: true });
  for (let n = 1; n <= 16; n += 1) cpSync(FIXTURE, join(twenty, `test-store-${n}`), { recursive: true });
  const times = { four: [] as number[], twenty: [] as number[] };
  for (let run = 0; run < RUNS; run += 1) {
    times.four.push(await startUp(DEFAULT_BRANDS_DIR, join(work, `outbox-4-${run}`)));
    times.twenty.push(await startUp(twenty, join(work, `outbox-20-${run}`)));
    console.log(`run ${run + 1}: 4 stores ${times.four.at(-1)!.toFixed(0)} ms, 20 stores ${times.twenty.at(-1)!.toFixed(0)} ms`);
  }
  const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
  const four = median(times.four);
  const many = median(times.twenty);
  console.log(`start-up to ready, median of ${RUNS}: 4 stores ${four.toFixed(0)} ms, 20 stores ${many.toFixed(0)} ms (× ${(many / four).toFixed(2)})`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
