// Start-up, measured against the floor: spawn → ready, runs alternated so every command sees the
// same machine, for
//   - `npm start`'s command (node --import tsx bot/main.ts): spawn → GET /readyz 200;
//   - the production build (node dist/bot/main.js; `npm run build` first): spawn → /readyz 200;
//   - the stock echo bot (bench/echo-bot.ts: botbuilder's CloudAdapter, restify, an ActivityHandler)
//     bundled here by esbuild as the build bundles Clasp: spawn → listening.
// Both Clasp commands load the models kept in MODEL_CACHE_DIR (var/cache, as `npm install` leaves
// them; dist/var/cache for the build). Prints each run, the medians and their ratios to the echo
// bot's: on a shared machine the ratios hold better than the times.
//
//   npx tsx bench/startup.ts [--runs 5]
import { fork } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { NODE_BUNDLE } from '../scripts/node-bundle.mjs';
import { timeToReady } from './time-to-ready.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const RUNS = Number(values.runs);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST_MAIN = join(ROOT, 'dist', 'bot', 'main.js');

interface Command {
  name: string;
  /** Starts the command, stops it once ready, and resolves with the milliseconds from the spawn to ready. */
  time(): Promise<number>;
}

function clasp(name: string, args: string[], modelCacheDir: string, outbox: string): Command {
  return {
    name,
    time: () => timeToReady(args, { ...process.env, OUTBOX_DIR: outbox, MODEL_CACHE_DIR: modelCacheDir, LOG_LEVEL: 'warn', NODE_NO_WARNINGS: '1' }, ROOT),
  };
}

function echo(bundle: string): Command {
  return {
    name: 'stock echo bot, bundled (bench/echo-bot.ts)',
    async time() {
      const started = performance.now();
      // execArgv: none of this script's own (tsx).
      const child = fork(bundle, [], { execArgv: [], env: { ...process.env, NODE_NO_WARNINGS: '1' }, stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
      const exited = new Promise((resolve) => child.once('exit', resolve));
      try {
        // It reports its port once listening: that is when it is ready.
        return await new Promise<number>((resolve, reject) => {
          child.once('message', () => resolve(performance.now() - started));
          child.once('exit', (code) => reject(new Error(`the echo bot exited with ${code}`)));
        });
      } finally {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

const work = mkdtempSync(join(tmpdir(), 'clasp-startup-'));
try {
  // The echo bot bundled with the build's own settings: one ES module.
  const esbuild = await import('esbuild');
  const echoBundle = join(work, 'echo-bot.mjs');
  await esbuild.build({ ...NODE_BUNDLE, entryPoints: [join(ROOT, 'bench', 'echo-bot.ts')], outfile: echoBundle, logLevel: 'warning' });
  const commands: Command[] = [clasp('npm start (node --import tsx bot/main.ts)', ['--import', 'tsx', 'bot/main.ts'], join(ROOT, 'var', 'cache'), join(work, 'outbox'))];
  if (existsSync(DIST_MAIN)) commands.push(clasp('production build (node dist/bot/main.js)', [DIST_MAIN], join(ROOT, 'dist', 'var', 'cache'), join(work, 'outbox')));
  else console.log('No dist/: run npm run build to time the production build too.');
  commands.push(echo(echoBundle));

  const times = commands.map(() => [] as number[]);
  // One start of each first, not counted: the disk cache and tsx's transform cache warm up.
  for (const command of commands) await command.time();
  for (let run = 0; run < RUNS; run += 1) {
    for (const [at, command] of commands.entries()) times[at]!.push(await command.time());
  }
  const floor = median(times.at(-1)!);
  console.log(`Start-up, spawn → ready, ${RUNS} runs alternated (load average before: ${(await import('node:os')).loadavg()[0]!.toFixed(2)}):`);
  for (const [at, command] of commands.entries()) {
    const runs = times[at]!;
    const ratio = at === commands.length - 1 ? '' : `  × ${(median(runs) / floor).toFixed(2)} the echo bot`;
    console.log(`  ${command.name.padEnd(46)} median ${Math.round(median(runs)).toLocaleString('en-US').padStart(5)} ms  (${runs.map((ms) => Math.round(ms)).join(', ')})${ratio}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
