// The service's worker threads (the reading thread, the recognizer thread) start from files of
// their own. The built tree has each worker compiled beside the file that starts it. From source
// (npm start, the tests) it is TypeScript: a small script registers tsx in the new thread first,
// since Node does not carry module hooks into worker threads.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** Starts `<name>.worker.js` (built) or `<name>.worker.ts` (source) from the folder of `from` (an import.meta.url). */
export function startWorker(from: string, name: string, options: WorkerOptions = {}): Worker {
  const built = new URL(`./${name}.worker.js`, from);
  if (existsSync(fileURLToPath(built))) return new Worker(built, options);
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const source = new URL(`./${name}.worker.ts`, from).href;
  return new Worker(`import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); });`, {
    ...options,
    eval: true,
  });
}
