// The recognizer thread: a worker thread that holds the date recognizer and the language detector
// (recognizer-thread.worker.ts). Loading and first running them takes most of a second of CPU;
// on the service's own thread that held start-up and every turn in flight. Here they load beside
// it, and a message that needs them waits only for its own answer. Asked rarely: only messages
// that report a problem in words of time, or that may not be English.
//
// One thread per process, started on first use (or by `warmUp`), and never keeping a process
// alive on its own: it holds the event loop only while an answer is awaited.
import type { LanguageGuess, SlowRecognizers } from '../knowledge/reading/recognizers.js';
import { startWorker } from './worker-file.js';

/** What the thread is asked: `ready` is answered once both recognizers are loaded and warm. */
type Ask = { kind: 'daysAgo'; text: string; now: string } | { kind: 'languages'; text: string } | { kind: 'ready' };
export type RecognizerRequest = Ask & { id: number };


export interface RecognizerReply {
  id: number;
  value: number | LanguageGuess[] | null;
  error?: string;
}

/** An answer not back by then is taken as nothing recognized; the first waits for the thread to load. */
const REPLY_TIMEOUT_MS = 10_000;

interface Thread {
  ask(request: Ask): Promise<RecognizerReply>;
}

let thread: Thread | undefined;

function startThread(): Thread {
  const worker = startWorker(import.meta.url, 'recognizer-thread');
  worker.unref();
  const pending = new Map<number, { settle: (reply: RecognizerReply) => void; timer: NodeJS.Timeout }>();
  let nextId = 1;
  const settle = (id: number, reply: RecognizerReply) => {
    const waiting = pending.get(id);
    if (waiting === undefined) return;
    pending.delete(id);
    clearTimeout(waiting.timer);
    if (pending.size === 0) worker.unref();
    waiting.settle(reply);
  };
  const fail = (problem: string) => {
    if (thread === self) thread = undefined;
    for (const id of [...pending.keys()]) settle(id, { id, value: null, error: problem });
  };
  worker.on('message', (reply: RecognizerReply) => settle(reply.id, reply));
  worker.on('error', (error) => fail(`the recognizer thread failed: ${error.message}`));
  worker.on('exit', (code) => fail(`the recognizer thread stopped (exit ${code})`));
  const self: Thread = {
    ask(request) {
      const id = nextId++;
      return new Promise((resolve) => {
        const timer = setTimeout(() => settle(id, { id, value: null, error: `no answer within ${REPLY_TIMEOUT_MS} ms` }), REPLY_TIMEOUT_MS);
        timer.unref();
        pending.set(id, { settle: resolve, timer });
        worker.ref();
        worker.postMessage({ ...request, id });
      });
    },
  };
  return self;
}

function ask(request: Ask): Promise<RecognizerReply> {
  try {
    thread ??= startThread();
  } catch (error) {
    // No thread (its file missing from a build): nothing is recognized, and the warm-up says why.
    return Promise.resolve({ id: 0, value: null, error: `the recognizer thread could not start: ${error instanceof Error ? error.message : String(error)}` });
  }
  return thread.ask(request);
}

/** The date recognizer and the language detector, asked on the recognizer thread (one per process). */
export const recognizerThread: SlowRecognizers = {
  /** Starts the thread and resolves once both recognizers are loaded and warm; rejects if it cannot start. */
  async warmUp() {
    const reply = await ask({ kind: 'ready' });
    if (reply.error !== undefined) throw new Error(reply.error);
  },
  async daysAgo(text, now) {
    const { value } = await ask({ kind: 'daysAgo', text, now });
    return typeof value === 'number' ? value : undefined;
  },
  /** None when the thread cannot answer. */
  async languages(text) {
    const { value } = await ask({ kind: 'languages', text });
    return Array.isArray(value) ? value : [];
  },
};
