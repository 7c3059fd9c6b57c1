// npm run bench: the echo-bot floor and Clasp, each in its own child process, driven from here
// over loopback at 50 connections for a fixed time with fresh conversations. Prints figures and
// the issue's bars as PASS/FAIL lines; never fails the run on a bar (exit 0 unless it breaks).
// Also: the FAQ turns against a second Clasp whose Reading step remembers nothing, autocannon on
// the echo bot and the FAQ turns as a check of bench/load.ts, and the Reading step alone.
// docs/performance.md says what each line means.
//
// `npm run bench -- --prod` runs every Clasp child as production runs it: the built service
// (`npm run build` first; BENCH_DIST=<dir> for a build elsewhere), `node dist/bot/main.js` with no
// tsx, from the models shipped in dist/var/cache. The row that needs the development server's
// hooks (b2, the Reading step without its memo) is left out there.
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../test/support/ports.js';
import { redisTestsUnavailable, startRedis } from '../test/support/redis-server.js';
import { autocannonCrossCheck, type CrossCheck } from './cross-check.js';
import { percentile, runLoad, type Client, type Result, type Scenario } from './load.js';
import { UNIQUE_QUESTIONS, uniqueQuestion } from './unique-questions.js';

const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const AUTOCANNON_SECONDS = Number(process.env.BENCH_AUTOCANNON_SECONDS ?? 5);
const IDLE_CONVERSATIONS = 10_000;
// Seven closed-loop runs and two autocannon runs, plus start-ups (one training the models), the
// idle conversations and the Reading step (about 2 min together here): the bound is twice that,
// and never under 5 min.
const EXPECTED_MS = (7 * (WARMUP_SECONDS + SECONDS) + 2 * AUTOCANNON_SECONDS + 120) * 1000;
const RUN_BOUND_MS = Math.max(5 * 60_000, 2 * EXPECTED_MS);

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const PROD = process.argv.includes('--prod');
const DIST = process.env.BENCH_DIST ?? fileURLToPath(new URL('../dist/', import.meta.url));
const children: ChildProcess[] = [];
const stopChildren = () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
};
// A clean exit (the child exits when its IPC channel closes) lets --cpu-prof write its profile.
const finish = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.disconnect();
    setTimeout(() => {
      child.kill('SIGTERM');
      resolve();
    }, 5_000).unref();
  });
// BENCH_PROFILE=<dir>: each Clasp child writes a V8 CPU profile there (open it in Chrome DevTools);
// the file names carry the process ids, which bench-phases.json names.
const PROFILE_DIR = process.env.BENCH_PROFILE;
const PROFILE_ARGS = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
// With a profile, when each measured run happened, on the clock V8 stamps profiles with (both
// are the monotonic clock, in µs), so the profile can be cut into the runs: bench-phases.json.
const phases: { label: string; startUs: number; endUs: number }[] = [];
const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);
async function phase<T>(label: string, run: () => Promise<T>): Promise<T> {
  const startUs = monotonicUs();
  try {
    return await run();
  } finally {
    phases.push({ label, startUs, endUs: monotonicUs() });
  }
}
process.on('exit', stopChildren);
const bound = setTimeout(() => {
  console.error(`bench: still running after ${RUN_BOUND_MS / 1000} s; stopping.`);
  stopChildren();
  process.exit(1);
}, RUN_BOUND_MS);
bound.unref();

interface Boot {
  importedAt?: number;
  builtAt?: number;
  listeningAt?: number;
}

function spawnServer(file: string, env: Record<string, string>, extraArgs: string[] = []): Promise<{ child: ChildProcess; url: string; boot: Boot }> {
  const child = fork(here(file), [], {
    execArgv: ['--import', 'tsx', '--expose-gc', ...extraArgs],
    env: { ...process.env, NODE_NO_WARNINGS: '1', ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('message', (message: Boot & { port?: number }) => resolve({ child, url: `http://127.0.0.1:${message.port}`, boot: message }));
    child.once('exit', (code) => reject(new Error(`${file} exited (${code}) before listening`)));
  });
}

// The production child answers the bench's {cmd:'rss'} through this module, given to node with
// --import as a data: URL (no file, no tsx), and exits when the bench closes its IPC channel.
const PROD_PROBE = `data:text/javascript,${encodeURIComponent(
  "process.on('message', (m) => { if (m?.cmd !== 'rss') return; globalThis.gc?.(); globalThis.gc?.(); const { rss, heapUsed } = process.memoryUsage(); process.send?.({ rss, heapUsed }); });" +
    "process.on('disconnect', () => process.exit(0));",
)}`;

/** The built service as production runs it (`node dist/bot/main.js`), on a free port; ready when /readyz says so. */
async function spawnProd(env: Record<string, string>, extraArgs: string[] = []): Promise<{ child: ChildProcess; url: string; boot: Boot }> {
  const main = join(DIST, 'bot', 'main.js');
  const port = await freePort();
  const outboxDir = mkdtempSync(join(tmpdir(), 'clasp-bench-outbox-'));
  const { NODE_OPTIONS: _inherited, ...parentEnv } = process.env;
  const child = fork(main, [], {
    cwd: dirname(DIST.replace(/[/\\]$/, '')),
    execArgv: ['--expose-gc', '--import', PROD_PROBE, ...extraArgs],
    env: { ...parentEnv, NODE_NO_WARNINGS: '1', MODEL_CACHE_DIR: join(DIST, 'var', 'cache'), ...env, PORT: String(port), OUTBOX_DIR: outboxDir },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.push(child);
  child.once('exit', () => rmSync(outboxDir, { recursive: true, force: true }));
  return { child, url: `http://127.0.0.1:${port}`, boot: {} };
}

/** A Clasp child: bench/clasp-server.ts under tsx, or with --prod the built service. */
function spawnClasp(env: Record<string, string>, extraArgs: string[] = []): Promise<{ child: ChildProcess; url: string; boot: Boot }> {
  return PROD ? spawnProd(env, extraArgs) : spawnServer('./clasp-server.ts', env, extraArgs);
}

function memoryOf(child: ChildProcess): Promise<{ rss: number; heapUsed: number }> {
  return new Promise((resolve) => {
    child.once('message', (message: { rss: number; heapUsed: number }) => resolve(message));
    child.send({ cmd: 'rss' });
  });
}

const CLASP_ENV = {
  LOG_LEVEL: 'silent',
  PORT: '0',
  // Every request comes from one loopback address: lift the per-client limits, or the bench
  // measures how fast Clasp says 429.
  VERIFY_FAILURES_PER_CLIENT: '1000000',
  MESSAGES_PER_CLIENT: '1000000',
  MESSAGES_PER_CONVERSATION: '1000000',
  HANDOFFS_PER_CLIENT: '1000000',
  TURN_CPU_MS_PER_CLIENT: '1000000000',
  CONVERSATION_STARTS_PER_CLIENT: '1000000',
  DIRECTLINE_CONVERSATIONS_PER_CLIENT: '1000000',
  DIRECTLINE_MAX_CONVERSATIONS: '1000000',
  // Every request starts a fresh conversation, so one run opens far more than the shipped cap of
  // conversations kept; at the cap Clasp refuses new ones (503) and the rows would measure that.
  STATE_MAX_CONVERSATIONS: '10000000',
  STATE_MAX_MB: '4096',
  DIRECTLINE_MAX_MB: '4096',
  MicrosoftAppId: '',
  MicrosoftAppPassword: '',
  // Clasp's own Reading step, memo and all (an inherited BENCH_READING_MEMO is not for this child).
  BENCH_READING_MEMO: '',
};
// The same Clasp with a Reading step that remembers nothing: every message is read afresh.
const CLASP_MEMO_OFF_ENV = { ...CLASP_ENV, BENCH_READING_MEMO: '0' };

// ---- scenarios ---------------------------------------------------------------------------

const BRANDS = ['kendra-scott-mall', 'james-avery-malls', 'generic-store', 'james-avery-artisan'] as const;
const FAQ_QUESTIONS = [
  'how long do refunds take?',
  'what is your return policy',
  'do you ship internationally?',
  'how long will shipping take',
  'can I exchange a ring for a different size?',
  'how do I clean my silver jewelry',
];
// One shipped demo order per brand (bot/orders/demo-orders.ts).
const ORDERS: Record<(typeof BRANDS)[number], { number: string; email: string }> = {
  'kendra-scott-mall': { number: 'KS-100234', email: 'shopper@example.com' },
  'james-avery-malls': { number: 'JAM-204811', email: 'jordan@example.com' },
  'generic-store': { number: 'GS-331041', email: 'jordan@example.com' },
  'james-avery-artisan': { number: 'JAA-530121', email: 'jordan@example.com' },
};

const activity = (conversationId: string, text: string) => ({
  type: 'message',
  text,
  deliveryMode: 'expectReplies',
  channelId: 'bench',
  serviceUrl: 'http://127.0.0.1:1',
  conversation: { id: conversationId },
  from: { id: 'shopper', name: 'Shopper', role: 'user' },
  recipient: { id: 'clasp', name: 'Clasp', role: 'bot' },
});

async function say(client: Client, brand: string, conversationId: string, text: string): Promise<any[]> {
  const reply = await client.post(`/api/brands/${brand}/messages`, activity(conversationId, text));
  if (reply.status !== 200) throw new Error(`status ${reply.status}`);
  return (reply.body?.activities ?? []).filter((a: any) => a.type === 'message');
}

interface Turn {
  brand: string;
  text: string;
}
// The n-th request of each one-message scenario, shared by bench/load.ts and the autocannon check.
const echoTurn = (n: number): Turn => ({ brand: BRANDS[n % BRANDS.length]!, text: FAQ_QUESTIONS[n % FAQ_QUESTIONS.length]! });
// Every brand asked every question: n % 4 and n % 6 alone would pair each brand with half of them.
const faqTurn = (n: number): Turn => ({ brand: BRANDS[n % BRANDS.length]!, text: FAQ_QUESTIONS[(n >> 2) % FAQ_QUESTIONS.length]! });

const oneTurnScenario =
  (turn: (n: number) => Turn): Scenario =>
  async (client, _w, n) => {
    const { brand, text } = turn(n);
    await say(client, brand, `bench-${randomUUID()}`, text);
  };
const echoScenario = oneTurnScenario(echoTurn);
const faqScenario = oneTurnScenario(faqTurn);
// Every request a message no other request of the run sends (bench/unique-questions.ts), so no
// memo can answer it: what shoppers' own wording costs. Counted across warm-up and run.
let uniqueTurns = 0;
const uniqueScenario: Scenario = async (client) => {
  const n = uniqueTurns++;
  if (n >= UNIQUE_QUESTIONS) throw new Error(`only ${UNIQUE_QUESTIONS} distinct messages: lower BENCH_SECONDS`);
  await say(client, BRANDS[n % BRANDS.length]!, `bench-${randomUUID()}`, uniqueQuestion(n));
};

const crossCheck = (url: string, turn: (n: number) => Turn) =>
  autocannonCrossCheck(
    url,
    (n, conversationId) => {
      const { brand, text } = turn(n);
      return { path: `/api/brands/${brand}/messages`, body: activity(conversationId, text) };
    },
    { connections: CONNECTIONS, seconds: AUTOCANNON_SECONDS },
  );

const trackingScenario: Scenario = async (client, _w, n) => {
  const brand = BRANDS[n % BRANDS.length]!;
  const order = ORDERS[brand];
  const id = `bench-${randomUUID()}`;
  await say(client, brand, id, 'track my order');
  await say(client, brand, id, order.number);
  await say(client, brand, id, order.email);
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const waitReady = async (url: string) => {
  while ((await fetch(`${url}/readyz`).then((r) => r.status).catch(() => 0)) !== 200) await sleep(5);
};

// The widget's path: token → start → post a message → poll until the bot's reply to it is there.
const directLineScenario: Scenario = async (client, _w, n) => {
  const brand = BRANDS[n % BRANDS.length]!;
  const token = await client.post(`/api/brands/${brand}/token`, {});
  if (token.status !== 200) throw new Error(`token ${token.status}`);
  const auth = { authorization: `Bearer ${token.body.token}` };
  const conv = token.body.conversationId as string;
  const started = await client.post('/v3/directline/conversations', {}, auth);
  if (started.status !== 201) throw new Error(`start ${started.status}`);
  const posted = await client.post(
    `/v3/directline/conversations/${conv}/activities`,
    { type: 'message', text: FAQ_QUESTIONS[n % FAQ_QUESTIONS.length], from: { id: 'visitor', role: 'user' }, channelData: { clientActivityID: randomUUID() } },
    auth,
  );
  if (posted.status !== 200) throw new Error(`post ${posted.status}`);
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline) {
    const set = await client.get(`/v3/directline/conversations/${conv}/activities`, auth);
    if (set.body?.activities?.some((a: any) => a.type === 'message' && a.from?.role === 'bot' && a.replyToId === posted.body.id)) return;
    await sleep(5);
  }
  throw new Error('no reply within 5 s');
};

// ---- reporting ---------------------------------------------------------------------------

interface Figures {
  label: string;
  rps: number;
  p50: number;
  p99: number;
  result: Result;
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function figures(label: string, result: Result): Figures {
  const f = { label, rps: result.requests / result.seconds, p50: percentile(result.latencies, 50), p99: percentile(result.latencies, 99), result };
  const statuses = [...result.statuses].map(([s, c]) => `${s}×${c}`).join(' ');
  let line = `${label.padEnd(34)} ${fmt(f.rps).padStart(7)} req/s   p50 ${fmt(f.p50, 1).padStart(6)} ms   p99 ${fmt(f.p99, 1).padStart(6)} ms   (${result.requests} requests, errors ${result.errors}, failed runs ${result.failedIterations}; ${statuses}; loader CPU ${fmt(result.loaderCpuPercent)}%)`;
  if (result.iterations !== result.requests) {
    line += `\n${''.padEnd(34)} ${fmt(result.iterations / result.seconds).padStart(7)} conv/s  p50 ${fmt(percentile(result.iterationLatencies, 50), 1).padStart(6)} ms   p99 ${fmt(percentile(result.iterationLatencies, 99), 1).padStart(6)} ms   (whole conversation)`;
  }
  console.log(line);
  return f;
}

async function measure(label: string, url: string | string[], scenario: Scenario): Promise<Figures> {
  if (WARMUP_SECONDS > 0) await runLoad(url, scenario, { connections: CONNECTIONS, durationMs: WARMUP_SECONDS * 1000 });
  return figures(label, await phase(label, () => runLoad(url, scenario, { connections: CONNECTIONS, durationMs: SECONDS * 1000 })));
}

async function sanityCheck(url: string): Promise<void> {
  const rec: string[] = [];
  const checked = await runLoad(url, async (client) => {
    const id = `bench-check-${randomUUID()}`;
    const faq = await say(client, 'kendra-scott-mall', id, FAQ_QUESTIONS[0]!);
    rec.push(`FAQ → ${faq[0]?.channelData?.support?.topic ?? '?'}: ${String(faq[0]?.text ?? '').slice(0, 70).replace(/\s+/g, ' ')}…`);
    const t = `bench-check-${randomUUID()}`;
    await say(client, 'kendra-scott-mall', t, 'track my order');
    await say(client, 'kendra-scott-mall', t, ORDERS['kendra-scott-mall'].number);
    const last = await say(client, 'kendra-scott-mall', t, ORDERS['kendra-scott-mall'].email);
    rec.push(`tracking → ${String(last[0]?.text ?? '').slice(0, 70).replace(/\s+/g, ' ')}…`);
  }, { connections: 1, total: 1 });
  for (const line of rec) console.log(`  check: ${line}`);
  // Nothing after this measures anything if Clasp cannot hold these two conversations.
  if (checked.failedIterations > 0) throw new Error(`Clasp did not answer the check conversations (statuses ${[...checked.statuses.keys()].join(', ')})`);
}

// ---- the run -----------------------------------------------------------------------------

async function main(): Promise<void> {
  console.log(`Load average before the run: ${os.loadavg().map((n) => n.toFixed(2)).join(' ')} on ${os.availableParallelism()} cores (other work on the machine skews every figure)`);
  console.log(`Clasp bench: ${CONNECTIONS} connections, ${SECONDS} s per run after ${WARMUP_SECONDS} s warm-up, loopback, expectReplies, fresh conversations`);
  if (PROD) {
    if (!existsSync(join(DIST, 'bot', 'main.js'))) throw new Error(`--prod needs the production build in ${DIST}: run npm run build first`);
    console.log(`Clasp as production runs it: node ${join(DIST, 'bot', 'main.js')} (no tsx), the models from ${join(DIST, 'var', 'cache')}`);
  }
  console.log('');

  // Start-up twice: first with an empty model cache (it trains the Reading step's models, as on a
  // machine where `npm install` never ran), then as every start runs, from the models kept (npm
  // install trains and keeps them).
  const cacheDir = mkdtempSync(join(tmpdir(), 'clasp-bench-cache-'));
  const coldAt = performance.now();
  const cold = await spawnClasp({ ...CLASP_ENV, MODEL_CACHE_DIR: cacheDir });
  await waitReady(cold.url);
  const coldMs = performance.now() - coldAt;
  while (!readdirSync(cacheDir).includes('reading-models.bin')) await sleep(20);
  await finish(cold.child);
  console.log(
    `Clasp start-up, nothing kept (spawn → /readyz 200, the Reading step's models trained): ${fmt(coldMs)} ms ` +
      (PROD ? '' : `(in the child: modules ${fmt(cold.boot.importedAt ?? NaN)} ms, createClasp ${fmt((cold.boot.builtAt ?? NaN) - (cold.boot.importedAt ?? NaN))} ms)`),
  );

  // Clasp again, from the kept models, for the start-up bar and the memory figures.
  const spawnedAt = performance.now();
  // In production, the models the build shipped (dist/var/cache), as an operator's start loads them.
  const clasp = await spawnClasp(PROD ? { ...CLASP_ENV, MODEL_CACHE_DIR: join(DIST, 'var', 'cache') } : { ...CLASP_ENV, MODEL_CACHE_DIR: cacheDir }, PROFILE_ARGS);
  await waitReady(clasp.url);
  const startupMs = performance.now() - spawnedAt;
  rmSync(cacheDir, { recursive: true, force: true });
  const { importedAt = NaN, builtAt = NaN, listeningAt = NaN } = clasp.boot;
  console.log(
    PROD
      ? `Clasp start-up, production build (spawn of node dist/bot/main.js → /readyz 200, the models shipped in dist/var/cache): ${fmt(startupMs)} ms`
      : `Clasp start-up (spawn → /readyz 200, the models kept by the start before): ${fmt(startupMs)} ms ` +
          `(in the child: node + tsx + module loading ${fmt(importedAt)} ms, createClasp ${fmt(builtAt - importedAt)} ms, createApp + listen ${fmt(listeningAt - builtAt)} ms)`,
  );
  await sanityCheck(clasp.url);

  // Idle conversations: warm up code paths, then 10,000 conversations with one message each.
  await runLoad(clasp.url, faqScenario, { connections: CONNECTIONS, total: 500 });
  const before = await memoryOf(clasp.child);
  // Few connections: this measures what idle conversations keep, not the peak of a load burst.
  const idle = await phase('idle conversations', () => runLoad(clasp.url, faqScenario, { connections: 10, total: IDLE_CONVERSATIONS }));
  const after = await memoryOf(clasp.child);
  const mb = (bytes: number) => bytes / 1024 / 1024;
  const rssGrowth = mb(after.rss - before.rss);
  console.log(
    `RSS growth per ${fmt(IDLE_CONVERSATIONS)} idle conversations: ${fmt(rssGrowth, 1)} MB ` +
      `(RSS ${fmt(mb(before.rss), 1)} → ${fmt(mb(after.rss), 1)} MB; heap used ${fmt(mb(before.heapUsed), 1)} → ${fmt(mb(after.heapUsed), 1)} MB; errors ${idle.errors})\n`,
  );

  const echo = await spawnServer('./echo-bot.ts', {});
  const rows: Figures[] = [];
  const checks: { label: string; closedLoop: Figures; check: CrossCheck }[] = [];
  rows.push(await measure('(a) echo baseline', echo.url, echoScenario));
  checks.push({ label: '(a) echo baseline', closedLoop: rows[0]!, check: await phase('(a) autocannon', () => crossCheck(echo.url, echoTurn)) });
  await finish(echo.child);
  rows.push(await measure('(b) Clasp FAQ turns', clasp.url, faqScenario));
  checks.push({ label: '(b) Clasp FAQ turns', closedLoop: rows[1]!, check: await phase('(b) autocannon', () => crossCheck(clasp.url, faqTurn)) });
  const unique = await measure('(b3) Clasp, no two messages alike', clasp.url, uniqueScenario);

  // The FAQ scenario repeats six questions, so with the default Reading step every turn after the
  // first few is a memo hit. The same turns against a Clasp that reads every message afresh:
  // (The memo is set through bench/clasp-server.ts: not with --prod, where the row is left out.)
  const memoOff = PROD ? undefined : await spawnServer('./clasp-server.ts', CLASP_MEMO_OFF_ENV, PROFILE_ARGS);
  if (memoOff !== undefined) {
    await waitReady(memoOff.url);
    rows.push(await measure('(b2) Clasp FAQ, memo off', memoOff.url, faqScenario));
    await finish(memoOff.child);
  } else {
    console.log('(b2) Clasp FAQ, memo off: left out with --prod (the development server sets the memo)');
  }

  rows.push(await measure('(c) Clasp tracking (3 turns/conv)', clasp.url, trackingScenario));
  rows.push(await measure('(d) Clasp Direct Line (widget)', clasp.url, directLineScenario));
  await finish(clasp.child);

  const [base, faq, faqMemoOff, tracking, directLine] = (memoOff === undefined ? [rows[0], rows[1], undefined, rows[2], rows[3]] : rows) as [Figures, Figures, Figures | undefined, Figures, Figures];

  // Two instances on one Redis, every request to the next instance in turn (a round-robin
  // balancer): each conversation's turns alternate between them.
  await twoInstancesOnRedis(faq, tracking);
  console.log('\nRatios to the echo baseline (throughput; p99):');
  for (const row of [faq, unique, faqMemoOff, tracking, directLine]) {
    if (row === undefined) continue;
    console.log(`  ${row.label.padEnd(34)} ${fmt(row.rps / base.rps, 2)}× req/s   p99 ${fmt(row.p99 / base.p99, 2)}×`);
  }
  const dlTurns = directLine.result.iterations / directLine.result.seconds;
  console.log(`  ${'(d) as message turns/s'.padEnd(34)} ${fmt(dlTurns / base.rps, 2)}× (${fmt(dlTurns)} turns/s)`);

  console.log(`\nCross-check of the closed-loop loader with autocannon (${CONNECTIONS} connections, ${AUTOCANNON_SECONDS} s, no warm-up of its own; whole ms):`);
  for (const { label, closedLoop, check } of checks) {
    console.log(
      `  ${label.padEnd(32)} ${fmt(check.rps).padStart(7)} req/s   p50 ${fmt(check.p50).padStart(4)} ms   p99 ${fmt(check.p99).padStart(4)} ms   ` +
        `(${check.requests} requests, non-2xx ${check.non2xx}, errors ${check.errors}, timeouts ${check.timeouts}, bodies without activities ${check.badBodies}; ` +
        `${fmt(check.rps / closedLoop.rps, 2)}× the closed-loop req/s)`,
    );
  }
  const [echoCheck, faqCheck] = checks.map((c) => c.check) as [CrossCheck, CrossCheck];
  console.log(`  ${'(b) / (a) with autocannon'.padEnd(32)} ${fmt(faqCheck.rps / echoCheck.rps, 2)}× req/s   p99 ${fmt(faqCheck.p99 / echoCheck.p99, 2)}×`);

  // In this process, now that no server is running: the Reading step alone.
  const { measureReading } = await import('./reading.js');
  const r = await measureReading();
  console.log(
    `\nReading step per message, in the bench process (CPU time; models loaded in ${fmt(r.loadMs)} ms):\n` +
      `  no two alike, nothing asked (bench/unique-questions.ts, memo off): ${fmt(r.uniqueCpuMicros)} µs CPU each, the median of ${r.uniqueRounds} rounds over ${r.uniqueSamples} (rounds ${fmt(r.uniqueCpuRange[0])}–${fmt(r.uniqueCpuRange[1])} µs); wall median ${fmt(r.uniqueMedianMicros)} µs, p99 ${fmt(r.uniqueP99Micros)} µs\n` +
      `  shopper messages at prompts (email, order number, the summary, an offer; memo off): ${fmt(r.promptCpuMicros)} µs CPU each\n` +
      `  the same short message again (memo on): median ${fmt(r.hitMedianMicros, 1)} µs\n` +
      `  the worst message a shopper may send (2,000 characters of questions, memo off): ${fmt(r.worstCpuMicros)} µs CPU, ${fmt(r.worstCpuMicros / r.uniqueCpuMicros, 1)}× a normal message`,
  );

  // A whole turn, in this process: the worst message beside a normal one.
  const { measureTurnCost } = await import('./turn-cost.js');
  const t = await measureTurnCost();
  console.log(
    `\nA whole turn in-process (CPU time: reading, machines, answers, state):\n` +
      `  a normal message, no two alike: ${fmt(t.normalCpuMicros)} µs CPU\n` +
      `  the worst message (2,000 characters of questions, each turn different): ${fmt(t.worstCpuMicros)} µs CPU, ${fmt(t.worstCpuMicros / t.normalCpuMicros, 1)}× a normal turn`,
  );

  // A figure from a run with failures is how fast something was refused, not a measurement.
  const failures = (...results: Result[]) => results.reduce((sum, r) => sum + r.errors + r.failedIterations, 0);
  const bar = (ok: boolean, text: string, failed = 0) =>
    console.log(`${ok && failed === 0 ? 'PASS' : 'FAIL'}  ${text}${failed === 0 ? '' : ` (not a measurement: ${failed} failed requests or runs)`}`);
  const allFailures = failures(idle, ...rows.map((row) => row.result)) + checks.reduce((sum, { check }) => sum + check.non2xx + check.errors + check.badBodies, 0);
  if (allFailures > 0) console.log(`\nWARNING: ${allFailures} requests or runs failed; the rows with failures do not measure what they say.`);
  console.log('\nBars (throughput and p99 on the default configuration, reading memo on):');
  bar(
    faq.rps >= 1.0 * base.rps,
    `repeated-question FAQ throughput ≥ 1.0× echo: ${fmt(faq.rps / base.rps, 2)}× (${fmt(faq.rps)} vs ${fmt(base.rps)} req/s)` +
      (faqMemoOff === undefined ? '' : `; memo off: ${fmt(faqMemoOff.rps / base.rps, 2)}× (${fmt(faqMemoOff.rps)} req/s)`),
    failures(base.result, faq.result),
  );
  bar(faq.p99 <= 100, `FAQ p99 ≤ 100 ms: ${fmt(faq.p99, 1)} ms${faqMemoOff === undefined ? '' : `; memo off: ${fmt(faqMemoOff.p99, 1)} ms`}`, failures(faq.result));
  bar(
    unique.rps >= 0.8 * base.rps,
    `no two messages alike ≥ 0.8× echo: ${fmt(unique.rps / base.rps, 2)}× (${fmt(unique.rps)} vs ${fmt(base.rps)} req/s)`,
    failures(base.result, unique.result),
  );
  bar(unique.p99 <= 50, `no two messages alike p99 ≤ 50 ms: ${fmt(unique.p99, 1)} ms`, failures(unique.result));
  bar(startupMs <= 2000, `start-up to ready ≤ 2 s: ${fmt(startupMs)} ms (with nothing kept, training the models: ${fmt(coldMs)} ms)`);
  bar(rssGrowth <= 150, `RSS growth ≤ 150 MB per 10,000 idle conversations: ${fmt(rssGrowth, 1)} MB`, failures(idle));
  bar(r.uniqueCpuMicros <= 150, `reading an unseen message ≤ 150 µs CPU: ${fmt(r.uniqueCpuMicros)} µs (median round; rounds ${fmt(r.uniqueCpuRange[0])}–${fmt(r.uniqueCpuRange[1])} µs)`);

  if (PROFILE_DIR) {
    mkdirSync(PROFILE_DIR, { recursive: true });
    writeFileSync(`${PROFILE_DIR}/bench-phases.json`, JSON.stringify({ claspPid: clasp.child.pid, claspMemoOffPid: memoOff?.child.pid, phases }, null, 2));
    console.log(
      `\nCPU profiles of the Clasp children (pid ${clasp.child.pid}; memo off: pid ${memoOff?.child.pid ?? 'none'}) written to ${PROFILE_DIR}, ` +
        `with bench-phases.json: when each run happened`,
    );
  }
}

main()
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    console.error('bench failed:', error);
    stopChildren();
    process.exit(1);
  });

// ---- two instances on Redis --------------------------------------------------------------

async function twoInstancesOnRedis(single: Figures, singleTracking: Figures): Promise<{ faq: Figures; tracking: Figures } | undefined> {
  const unavailable = redisTestsUnavailable();
  if (unavailable !== undefined) {
    console.log(`\n(e) two instances on Redis: skipped, ${unavailable}`);
    return undefined;
  }
  // The same throwaway redis-server the tests use, on a free loopback port.
  const redis = await startRedis({ durable: false });
  try {
    // A throwaway Redis without persistence: the bench measures speed, not durability.
    const env = { ...CLASP_ENV, STATE_STORE: 'redis', REDIS_URL: redis.url, REDIS_ACCEPT_NON_DURABLE: 'true', DIRECTLINE_SECRET: 'bench-secret-shared-by-both-instances-0123' };
    const instances = await Promise.all([spawnClasp(env), spawnClasp(env)]);
    await Promise.all(instances.map((instance) => waitReady(instance.url)));
    const urls = instances.map((instance) => instance.url);
    console.log('\n(e) two Clasp instances on one Redis, requests alternating between them (same 2 cores):');
    const faq = await measure('(e) FAQ turns, 2 instances', urls, faqScenario);
    const tracking = await measure('(e) tracking, 2 instances', urls, trackingScenario);
    await Promise.all(instances.map((instance) => finish(instance.child)));
    console.log(`  next to one instance in memory: FAQ ${fmt(faq.rps / single.rps, 2)}× req/s, tracking ${fmt(tracking.rps / singleTracking.rps, 2)}× req/s`);
    return { faq, tracking };
  } finally {
    await redis.remove();
  }
}
