// The production build as an operator runs it: `npm run build` (here into a temporary folder,
// `-- --out`), then the built tree alone, with plain `node` (no tsx, no NODE_OPTIONS, no
// node_modules anywhere it could find one, no registry): ready, answering, serving the widget's
// bundle, and stopped by SIGTERM (sent to `npm run start:prod`, as `docker stop` or a process
// manager sends it) without losing the handoff ticket a shopper was just given a reference for.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSmtp, waitUntil, type TestSmtp } from '../bot/handoff/handoff-fixtures.js';
import { activityBody } from '../support/clasp-server.js';
import { freePort, portIsFree } from '../support/ports.js';
import { killStarted, logged, spawnCaptured, within, type Running } from '../support/processes.js';

const ROOT = resolve(import.meta.dirname, '../..');
const PINNED_WEBCHAT_SHA256 = /BUNDLE_SHA256 = '([0-9a-f]{64})'/.exec(readFileSync(join(ROOT, 'scripts', 'fetch-webchat.mjs'), 'utf8'))?.[1];

let work: string;
/** What an operator deploys: package.json (for `npm run start:prod`) and dist/, nothing else. */
let app: string;
let dist: string;
const smtps: TestSmtp[] = [];

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'clasp-production-'));
  app = join(work, 'app');
  dist = join(app, 'dist');
  mkdirSync(app);
  copyFileSync(join(ROOT, 'package.json'), join(app, 'package.json'));
  const at = Date.now();
  // Synchronous on purpose: nothing else in this file can run before the build is there.
  const build = spawnSync('npm', ['run', 'build', '--', '--out', dist], { cwd: ROOT, encoding: 'utf8', timeout: 280_000, env: { ...process.env, npm_config_update_notifier: 'false' } });
  console.info(`npm run build -- --out ${dist}: exit ${build.status} in ${((Date.now() - at) / 1000).toFixed(1)} s`);
  if (build.status !== 0) throw new Error(`npm run build failed (${build.status ?? build.signal ?? build.error?.message}):\n${build.stdout}\n${build.stderr}`);
}, 300_000);

afterEach(async () => {
  killStarted();
  for (const smtp of smtps.splice(0)) await smtp.stop();
});

afterAll(() => {
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

/**
 * An environment made from nothing, as a container's is: no NODE_OPTIONS (so no --import tsx
 * slipped in), no .env (the working folder has none), none of this test runner's variables.
 */
function productionEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? tmpdir(), LOG_LEVEL: 'info', SHUTDOWN_GRACE_SECONDS: '2', npm_config_update_notifier: 'false', ...extra };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Running {
  return spawnCaptured(command, args, { cwd: app, env });
}

/** Milliseconds from the spawn to the first 200 on /readyz. */
async function readyIn(server: Running, port: number, ms = 60_000): Promise<number> {
  const deadline = Date.now() + ms;
  for (;;) {
    const status = await fetch(`http://127.0.0.1:${port}/readyz`).then((response) => response.status, () => 0);
    if (status === 200) return performance.now() - server.startedAt;
    if (server.child.exitCode !== null) throw new Error(`exited ${server.child.exitCode} before ready:\n${server.stdout()}\n${server.stderr()}`);
    if (Date.now() > deadline) throw new Error(`not ready within ${ms} ms:\n${server.stdout()}\n${server.stderr()}`);
    await new Promise((done) => setTimeout(done, 10));
  }
}

async function say(port: number, brand: string, conversation: string, text: string): Promise<Array<{ text?: string; channelData?: any }>> {
  const response = await fetch(`http://127.0.0.1:${port}/api/brands/${brand}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activityBody(conversation, { type: 'message', text })),
  });
  const body = (await response.json()) as { activities?: Array<{ type: string; text?: string; channelData?: any }> };
  if (response.status !== 200) throw new Error(`POST answered ${response.status}: ${JSON.stringify(body)}`);
  return (body.activities ?? []).filter((activity) => activity.type === 'message');
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)).map((file) => join(entry.name, file)) : [entry.name],
  );
}

describe('npm run build', () => {
  it('writes the service alone, with the files it reads at run time, the Web Chat bundle and the trained models', () => {
    const files = filesUnder(dist);
    const tops = new Set(files.map((file) => file.split('/')[0]));
    expect([...tops].sort()).toEqual(['THIRD-PARTY-NOTICES.txt', 'bot', 'build-info.json', 'knowledge', 'package.json', 'var']);
    // No TypeScript, and nothing of the tests, scripts or bench.
    expect(files.filter((file) => file.endsWith('.ts'))).toEqual([]);
    expect(files.filter((file) => /(^|\/)(test|scripts|bench)\//.test(file))).toEqual([]);
    for (const needed of [
      'bot/main.js',
      'knowledge/policies/kendra-scott-mall/brand.yaml',
      'knowledge/policies/kendra-scott-mall/demo-orders.yaml',
      'knowledge/policies/kendra-scott-mall/kb-questions.csv',
      'knowledge/policies/james-avery-malls/privacy-policy.txt',
      'knowledge/reading/training-data/dialogue-acts.csv',
      'var/webchat/webchat.js',
      'var/cache/reading-models.bin',
      'bot/recognizer-thread.worker.js',
      'bot/reading-thread.worker.js',
    ]) {
      expect(files, needed).toContain(needed);
    }
    // Every file of the service that is not TypeScript is there, in its place.
    for (const folder of ['bot', 'dialogs', 'machines', 'knowledge']) {
      for (const file of filesUnder(join(ROOT, folder)).filter((name) => !name.endsWith('.ts'))) {
        expect(existsSync(join(dist, folder, file)), `${folder}/${file}`).toBe(true);
      }
    }
    expect(createHash('sha256').update(readFileSync(join(dist, 'var', 'webchat', 'webchat.js'))).digest('hex')).toBe(PINNED_WEBCHAT_SHA256);
    console.info(`dist: ${files.length} files, ${(files.reduce((sum, file) => sum + statSync(join(dist, file)).size, 0) / 1e6).toFixed(1)} MB`);
  });

  it('needs no package at run time: neither tsx nor the service\'s dependencies can be found from dist/', () => {
    const fromDist = createRequire(join(dist, 'bot', 'main.js'));
    for (const name of ['tsx', 'typescript', 'botbuilder', 'restify', 'zod']) {
      expect(() => fromDist.resolve(name), `${name} resolvable from ${relative(work, dist)}`).toThrow();
    }
  });
});

describe('the built service on plain node', () => {
  it('starts without tsx, is ready from the shipped models, answers over HTTP and serves the widget', { timeout: 90_000 }, async () => {
    const port = await freePort();
    const outbox = join(work, 'outbox-answers');
    const server = run(process.execPath, ['dist/bot/main.js'], productionEnv({ PORT: String(port), OUTBOX_DIR: outbox, MODEL_CACHE_DIR: 'dist/var/cache' }));
    const ms = await readyIn(server, port);
    console.info(`node dist/bot/main.js: /readyz 200 ${Math.round(ms)} ms after the spawn`);

    // Exactly `node dist/bot/main.js`: no --import, no loader, no NODE_OPTIONS.
    if (existsSync(`/proc/${server.child.pid}/cmdline`)) {
      expect(readFileSync(`/proc/${server.child.pid}/cmdline`, 'utf8').split('\0').filter(Boolean)).toEqual([process.execPath, 'dist/bot/main.js']);
      expect(readFileSync(`/proc/${server.child.pid}/environ`, 'utf8').split('\0').filter((entry) => entry.startsWith('NODE_OPTIONS='))).toEqual([]);
    }
    const lines = logged(server.stdout());
    expect(lines.map((line) => line.msg)).toEqual(expect.arrayContaining([`Clasp listening on http://localhost:${port}`]));
    // The models came from dist/var/cache: nothing was trained at start.
    expect(server.stdout()).not.toContain('training them now');

    const [reply] = await say(port, 'kendra-scott-mall', `prod-${Date.now()}`, 'how long do refunds take?');
    expect(reply?.text).toMatch(/refund/i);
    expect(reply?.channelData?.support?.brand).toBe('kendra-scott-mall');
    expect(reply?.channelData?.support?.sources?.length).toBeGreaterThan(0);

    // The reading thread and the recognizer thread run from their own bundles: a message the
    // recognizer thread must read (the language detector's) is answered in the shopper's language.
    // Were either thread broken, its error would be in the log (checked below) and this reply in English.
    const [dated] = await say(port, 'kendra-scott-mall', `prod-${Date.now()}-2`, 'my necklace arrived broken three days ago');
    expect(dated?.text).toBeTruthy();
    const [spanish] = await say(port, 'kendra-scott-mall', `prod-${Date.now()}-3`, 'hola, quiero devolver un collar que compré la semana pasada');
    expect(spanish?.text).toMatch(/solo puedo leer inglés/);

    const webchat = await fetch(`http://127.0.0.1:${port}/webchat.js`);
    expect(webchat.status).toBe(200);
    expect(createHash('sha256').update(Buffer.from(await webchat.arrayBuffer())).digest('hex')).toBe(PINNED_WEBCHAT_SHA256);
    expect((await fetch(`http://127.0.0.1:${port}/brands/kendra-scott-mall`)).status).toBe(200);

    server.child.kill('SIGTERM');
    expect(await within(server.exited, 15_000)).toEqual({ code: 0, signal: null });
    expect(logged(server.stdout()).filter((line) => (line.level ?? 0) >= 50)).toEqual([]);
    expect(server.stderr()).not.toMatch(/^\s+at /m);
  });

  it('SIGTERM to npm run start:prod frees the port and loses no ticket: a restart sends it', { timeout: 120_000 }, async () => {
    const smtp = await startSmtp();
    smtps.push(smtp);
    // The mail server refuses for now: the ticket is stored, and still unsent when the signal comes.
    smtp.mode = 'refuse-temporarily';
    const port = await freePort();
    const outbox = join(work, 'outbox-sigterm');
    const env = productionEnv({ PORT: String(port), OUTBOX_DIR: outbox, SMTP_URL: smtp.url, SUPPORT_INBOX_GENERIC_STORE: 'help@generic-store.example' });
    const server = run('npm', ['run', 'start:prod'], env);
    console.info(`npm run start:prod: /readyz 200 ${Math.round(await readyIn(server, port))} ms after the spawn`);
    expect(server.stdout()).not.toContain('training them now');

    const conversation = `prod-handoff-${Date.now()}`;
    const awaiting = (replies: Array<{ channelData?: any }>) => replies.at(-1)?.channelData?.support?.awaiting as string | null | undefined;
    expect(awaiting(await say(port, 'generic-store', conversation, 'I want to talk to a person'))).toBe('name');
    expect(awaiting(await say(port, 'generic-store', conversation, 'Dana Example'))).toBe('email');
    let replies = await say(port, 'generic-store', conversation, 'dana@example.com');
    if (awaiting(replies) === 'orderNumber') replies = await say(port, 'generic-store', conversation, "I don't have one");
    expect(awaiting(replies)).toBe('description');
    expect(awaiting(await say(port, 'generic-store', conversation, 'Can you gift wrap my order?'))).toBe('confirm');
    const [done] = await say(port, 'generic-store', conversation, 'yes');
    const reference = /reference is ([A-Z0-9-]+)/.exec(done?.text ?? '')?.[1];
    expect(reference, done?.text).toBeDefined();
    await waitUntil(() => smtp.refused.length > 0, 15_000, 'a first delivery attempt');

    // As `docker stop` or a process manager does: the signal goes to npm alone.
    process.kill(server.child.pid!, 'SIGTERM');
    const exit = await within(server.exited, 15_000);
    const free = await portIsFree(port);
    console.info(`npm run start:prod, SIGTERM to npm: ${JSON.stringify(exit)}; port ${port} ${free ? 'free' : 'still taken'}`);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(free).toBe(true);
    expect(logged(server.stdout()).map((line) => line.msg)).toEqual(expect.arrayContaining(['shutting down: finishing the turns in flight', 'stopped']));

    // The ticket is on disk, not sent.
    const tickets = readdirSync(join(outbox, 'tickets')).map((name) => JSON.parse(readFileSync(join(outbox, 'tickets', name), 'utf8')) as { ticket: { id: string; reference: string } });
    const ticket = tickets.find((file) => file.ticket.reference === reference)?.ticket;
    expect(ticket, `a ticket with reference ${reference} in ${join(outbox, 'tickets')}`).toBeDefined();
    const statePath = join(outbox, 'state', `${ticket!.id}.json`);
    const state = existsSync(statePath) ? (JSON.parse(readFileSync(statePath, 'utf8')) as { status?: string }) : { status: 'pending' };
    expect(state.status).not.toBe('sent');

    // The next start (plain node this time) sends it, once the mail server takes it.
    smtp.mode = 'accept';
    const again = run(process.execPath, ['dist/bot/main.js'], { ...env, MODEL_CACHE_DIR: 'dist/var/cache' });
    await readyIn(again, port);
    await waitUntil(() => smtp.received.some((mail) => mail.raw.toString('utf8').includes(reference!)), 20_000, `the email for ${reference}`);
    expect(smtp.received.find((mail) => mail.raw.toString('utf8').includes(reference!))?.envelope.to).toEqual(['help@generic-store.example']);
    again.child.kill('SIGTERM');
    expect(await within(again.exited, 15_000)).toEqual({ code: 0, signal: null });
  });
});
