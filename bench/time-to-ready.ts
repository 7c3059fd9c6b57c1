// Start-up as the start-up benches time it (bench/startup.ts, bench/startup-brands.ts): spawn
// `node <args>` on a free port, wait for the first 200 on GET /readyz, then stop it with SIGTERM
// and wait for it to exit.
import { spawn } from 'node:child_process';
import { freePort } from '../test/support/ports.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Milliseconds from the spawn of `node <args>` (PORT set to a free port) to its first /readyz 200. */
export async function timeToReady(args: string[], env: NodeJS.ProcessEnv, cwd?: string): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd, env: { ...env, PORT: String(port) }, stdio: 'ignore' });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`node ${args.join(' ')} exited with ${child.exitCode} before it was ready`);
      const status = await fetch(`http://127.0.0.1:${port}/readyz`).then((response) => response.status, () => 0);
      if (status === 200) return performance.now() - started;
      await sleep(5);
    }
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}
