// A real redis-server (Debian's package) for the tests, started on a free loopback port, writing
// every change to an append-only file in a temporary folder, so it can be killed and started
// again on the same port with its data, as an outage and recovery would go. That is the durable
// setup Clasp checks for at start-up (appendonly yes, appendfsync always or everysec); a test
// that wants another passes `durable: false` or `appendfsync`, and Clasp then refuses it unless
// REDIS_ACCEPT_NON_DURABLE=true.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const REDIS_SERVER = 'redis-server';

/** Why Redis tests cannot run here, or undefined when they can. */
export function redisTestsUnavailable(): string | undefined {
  const probe = spawnSync(REDIS_SERVER, ['--version'], { encoding: 'utf8' });
  return probe.status === 0 ? undefined : `${REDIS_SERVER} is not installed (apt-get install -y redis-server)`;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

export interface TestRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
  /** Starts again on the same port, with the data it had. */
  start(): Promise<void>;
  /** Stops it for good and removes its files. */
  remove(): Promise<void>;
}

/**
 * `durable: false` (the bench): nothing written to disk, as a cache-only Redis runs (Clasp needs
 * REDIS_ACCEPT_NON_DURABLE=true for it). `appendfsync`: how the append-only file is synced.
 */
export async function startRedis(options: { durable?: boolean; appendfsync?: 'always' | 'everysec' | 'no' } = {}): Promise<TestRedis> {
  const persistence = options.durable === false ? ['--appendonly', 'no'] : ['--appendonly', 'yes', '--appendfsync', options.appendfsync ?? 'always'];
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'clasp-redis-'));
  let child: ChildProcess | undefined;

  const start = () =>
    new Promise<void>((resolve, reject) => {
      const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', ...persistence, '--protected-mode', 'yes'];
      const started = spawn(REDIS_SERVER, args, { stdio: ['ignore', 'pipe', 'inherit'] });
      child = started;
      let output = '';
      started.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) resolve();
      });
      started.once('exit', (code) => reject(new Error(`redis-server exited (${code}) before it was ready:\n${output}`)));
    });

  const stop = () =>
    new Promise<void>((resolve) => {
      const running = child;
      child = undefined;
      if (running === undefined || running.exitCode !== null) return resolve();
      running.once('exit', () => resolve());
      running.kill('SIGKILL');
    });

  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop,
    start,
    remove: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Skips (with the reason) where redis-server is missing, and fails in CI, which installs it. */
export function requireRedisOrSkip(): boolean {
  const unavailable = redisTestsUnavailable();
  if (unavailable !== undefined && process.env.CI) throw new Error(`Redis tests cannot run in CI: ${unavailable}`);
  if (unavailable !== undefined) console.warn(`Skipping the Redis tests: ${unavailable}`);
  return unavailable === undefined;
}
