// The service started as a separate process, as operators run it: its output kept for the test to
// read, its exit awaited with a bound, and whatever a failed test left running killed afterwards.
import { spawn, type ChildProcess } from 'node:child_process';

export interface Running {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: string | null }>;
  /** performance.now() at the spawn. */
  startedAt: number;
}

const started: ChildProcess[] = [];

/** Spawns `command` leading its own process group, its output captured. */
export function spawnCaptured(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Running {
  const startedAt = performance.now();
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => void (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => void (err += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: string | null }>((done) => child.once('exit', (code, signal) => done({ code, signal })));
  return { child, stdout: () => out, stderr: () => err, exited, startedAt };
}

/** For afterEach: each child leads its own process group, so the group is exactly what the test started. */
export function killStarted(): void {
  for (const child of started.splice(0)) {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

export function within<T>(promise: Promise<T>, ms: number): Promise<T | 'still running'> {
  return Promise.race([promise, new Promise<'still running'>((done) => setTimeout(() => done('still running'), ms))]);
}

/** The JSON log lines of a process's output. */
export const logged = (stdout: string) =>
  stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { msg?: string; level?: number });
