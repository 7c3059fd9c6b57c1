// The server as operators run it, the README's `npm start`: a container or process manager stops it
// with SIGTERM sent to npm (Ctrl-C or `kill -INT` with SIGINT), and expects the server to stop and
// its port to be free once npm has exited. A port already taken is one line naming it and PORT.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, occupy, portIsFree } from '../support/ports.js';
import { killStarted, logged, spawnCaptured, within, type Running } from '../support/processes.js';

const ROOT = resolve(import.meta.dirname, '../..');
const folders: string[] = [];

afterEach(() => {
  // Whatever a failed test left running.
  killStarted();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** The demo as the README runs it, on `port`, with its own outbox. */
function run(command: string, args: string[], port: number): Running {
  const outbox = mkdtempSync(join(tmpdir(), 'clasp-process-'));
  folders.push(outbox);
  const env = {
    ...process.env,
    // What npm puts first on PATH for a script, for running the start script without npm.
    PATH: `${join(ROOT, 'node_modules', '.bin')}${delimiter}${process.env.PATH ?? ''}`,
    PORT: String(port),
    OUTBOX_DIR: outbox,
    LOG_LEVEL: 'info',
    SHUTDOWN_GRACE_SECONDS: '2',
    NODE_NO_WARNINGS: '1',
  };
  return spawnCaptured(command, args, { cwd: ROOT, env });
}

async function until(condition: () => boolean, what: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

describe('npm start, stopped by a signal', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('passes %s to the server, exits when it has stopped, and leaves the port free', { timeout: 90_000 }, async (signal) => {
    const port = await freePort();
    const server = run('npm', ['start'], port);
    await until(() => server.stdout().includes('Clasp listening'), 'the server to listen', 60_000);
    expect(await portIsFree(port)).toBe(false);

    // As `docker stop` or a process manager does: the signal goes to npm alone.
    process.kill(server.child.pid!, signal);
    const exit = await within(server.exited, 15_000);
    const free = await portIsFree(port);
    console.info(`npm start, ${signal} to npm: npm ${JSON.stringify(exit)}; port ${port} ${free ? 'free' : 'still taken'} after npm exited`);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(free).toBe(true);
    expect(logged(server.stdout()).map((entry) => entry.msg)).toEqual(expect.arrayContaining(['shutting down: finishing the turns in flight', 'stopped']));
  });
});

describe('a port already taken', () => {
  it('stops start-up with one line naming the port and PORT, exit code 1, and no stack trace', { timeout: 90_000 }, async () => {
    const taken = await occupy(0);
    const { port } = taken.address() as { port: number };
    try {
      // The start script itself, as npm runs it, so stderr is the server's alone.
      const script = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
      const server = run('sh', ['-c', script], port);
      const exit = await within(server.exited, 60_000);
      console.info(`port ${port} taken: exit ${JSON.stringify(exit)}, stderr:\n${server.stderr()}`);
      expect(exit).toEqual({ code: 1, signal: null });
      expect(server.stderr()).toBe(`Port ${port} is already in use; set PORT to another port.\n`);

      // And through npm, the README's command: the same line, npm's own summary after it.
      const viaNpm = run('npm', ['start'], port);
      expect(await within(viaNpm.exited, 60_000)).toEqual({ code: 1, signal: null });
      expect(viaNpm.stderr()).toContain(`Port ${port} is already in use; set PORT to another port.\n`);
      expect(viaNpm.stderr()).not.toMatch(/^\s+at |EADDRINUSE/m);
    } finally {
      await new Promise((done) => taken.close(done));
    }
  });
});
