// The reading thread: the Reading step run on a worker thread of its own
// (reading-thread.worker.ts), beside the service's thread. Reading an unseen message is the
// largest part of a turn's computing; here it runs on another core while the service's thread
// answers HTTP, runs the machines and keeps the conversations, and a message that takes long to
// read (2,000 characters of questions) holds no other shopper's turn. The service's thread keeps
// the memo of recent readings (knowledge/reading/reading-memo.ts), so a message read lately costs
// no trip here. docs/performance.md has the figures.
//
// Should the thread fail after it started (it stops, or an answer does not come in time), the
// service reads on its own thread from then on, the messages in flight included: slower, and
// nothing a shopper sent is lost.
import type { BrandId } from '../knowledge/brand-ids.js';
import type { BrandProfileInput } from '../knowledge/brands/brand-profile.schema.js';
import type { MessageReader } from '../knowledge/reading/reading-memo.js';
import type { Reading, ReadingContext } from '../knowledge/reading/reading.types.js';
import type { Worker } from 'node:worker_threads';
import { startWorker } from './worker-file.js';

/** What the thread loads: the same brand folders, profiles and model cache as the service. */
export interface ReadingThreadOptions {
  brandsDir: string | undefined;
  modelCacheDir: string | undefined;
  profiles: Readonly<Record<BrandId, BrandProfileInput>> | undefined;
}

/** What the service's thread asks the reading thread. */
export type ThreadAsk = { kind: 'read'; id: number; text: string; context: ReadingContext } | { kind: 'warmUp'; id: number };

/** What the reading thread says back. */
export type ThreadSays =
  | { kind: 'ready' }
  | { kind: 'failed'; error: string }
  | { kind: 'warn'; fields: Record<string, unknown>; message: string }
  | { kind: 'read'; id: number; reading?: Reading; error?: string }
  | { kind: 'warm'; id: number; error?: string };

export interface ReadingThread extends MessageReader {
  /** Loads the slow recognizers (dates, languages) on the thread; resolves once they are warm. */
  warmUp(): Promise<void>;
  close(): Promise<void>;
}

export interface ReadingThreadDeps {
  logger: { warn(fields: Record<string, unknown>, message: string): void; error(fields: Record<string, unknown>, message: string): void };
  /** The Reading step on the service's own thread, made when the reading thread fails. */
  inProcess(): Promise<MessageReader>;
  /** Starts the thread's worker; by default reading-thread.worker (built, or from source through tsx). */
  startWorker?: (options: ReadingThreadOptions) => Worker;
}

/**
 * A reading not back by then is read on the service's thread instead, and the thread is given up:
 * a normal reading takes well under a millisecond, a queue of fifty under load some tens.
 */
const READ_TIMEOUT_MS = 10_000;
/** The slow recognizers load in about a second; past this the warm-up is reported as failed. */
const WARM_UP_TIMEOUT_MS = 30_000;

interface Waiting {
  settle(reply: Extract<ThreadSays, { kind: 'read' | 'warm' }>): void;
  lost(): void;
  timer: NodeJS.Timeout;
}

/** Starts the thread and resolves once its Reading step is loaded; rejects when it cannot load. */
export async function startReadingThread(options: ReadingThreadOptions, deps: ReadingThreadDeps): Promise<ReadingThread> {
  const worker = deps.startWorker?.(options) ?? startWorker(import.meta.url, 'reading-thread', { workerData: options });
  const waiting = new Map<number, Waiting>();
  let nextId = 1;
  let gone = false;
  let closing = false;
  let inProcess: Promise<MessageReader> | undefined;
  const onThisThread = () => (inProcess ??= deps.inProcess());

  /** Gives the thread up: every message waiting on it is read on this thread instead. */
  const giveUp = (problem: string) => {
    if (gone) return;
    gone = true;
    if (!closing) deps.logger.error({ problem }, 'the reading thread failed; reading on the service thread from now on');
    void worker.terminate();
    for (const [id, entry] of [...waiting]) {
      waiting.delete(id);
      clearTimeout(entry.timer);
      entry.lost();
    }
  };

  const ask = (message: ThreadAsk, timeoutMs: number, waiter: Omit<Waiting, 'timer'>) => {
    const timer = setTimeout(() => giveUp(`no answer within ${timeoutMs} ms`), timeoutMs);
    timer.unref();
    waiting.set(message.id, { ...waiter, timer });
    // Held only while an answer is awaited: a process that forgets to close is not kept alive.
    if (waiting.size === 1) worker.ref();
    worker.postMessage(message);
  };

  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (said: ThreadSays) => {
      if (said.kind === 'ready') resolve();
      else if (said.kind === 'failed') reject(new Error(`the reading thread could not load the Reading step: ${said.error}`));
      else if (said.kind === 'warn') deps.logger.warn(said.fields, said.message);
      else {
        const entry = waiting.get(said.id);
        if (entry === undefined) return;
        waiting.delete(said.id);
        clearTimeout(entry.timer);
        if (waiting.size === 0) worker.unref();
        entry.settle(said);
      }
    });
    worker.on('error', (error) => {
      reject(error);
      giveUp(`it threw: ${error.message}`);
    });
    worker.on('exit', (code) => {
      reject(new Error(`the reading thread stopped while loading (exit ${code})`));
      giveUp(`it stopped (exit ${code})`);
    });
  });
  try {
    await ready;
  } catch (error) {
    closing = true;
    giveUp('it could not load');
    throw error;
  }
  worker.unref();

  return {
    read(text, context) {
      if (gone) return onThisThread().then((reader) => reader.read(text, context));
      return new Promise<Reading>((resolve, reject) => {
        ask({ kind: 'read', id: nextId++, text, context }, READ_TIMEOUT_MS, {
          settle: (said) => {
            if (said.kind === 'read' && said.reading !== undefined) resolve(said.reading);
            else reject(new Error(`reading failed on the reading thread: ${said.error ?? 'no reading'}`));
          },
          lost: () => onThisThread().then((reader) => reader.read(text, context)).then(resolve, reject),
        });
      });
    },
    warmUp() {
      if (gone) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        ask({ kind: 'warmUp', id: nextId++ }, WARM_UP_TIMEOUT_MS, {
          settle: (said) => (said.error === undefined ? resolve() : reject(new Error(said.error))),
          lost: () => reject(new Error('the reading thread stopped before the recognizers were warm')),
        });
      });
    },
    async close() {
      closing = true;
      giveUp('closed');
    },
  };
}
