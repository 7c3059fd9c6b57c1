// The reading thread (bot/reading-thread.ts): messages read on a worker thread of their own read
// exactly as on the service's thread, and a thread that fails mid-run loses no message.
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageReader } from '../../knowledge/reading/reading-memo.js';
import type { Reading } from '../../knowledge/reading/reading.types.js';
import { startReadingThread, type ReadingThread } from '../../bot/reading-thread.js';
import { BRAND_PROFILES } from '../support/brands.js';
import { contextOf, createReader } from '../support/reading.js';

const quiet = { warn: () => undefined, error: () => undefined };
const noFallback = async (): Promise<MessageReader> => {
  throw new Error('not expected to read on this thread');
};

/** A reading without what only the thread adds, for comparing with one made here. */
function plain({ offThreadMs: _spent, ...reading }: Reading): Reading {
  return reading;
}

describe('the reading thread', () => {
  let thread: ReadingThread;
  beforeAll(async () => {
    thread = await startReadingThread({ brandsDir: undefined, modelCacheDir: 'var/cache', profiles: BRAND_PROFILES }, { logger: quiet, inProcess: noFallback });
  }, 60_000);
  afterAll(async () => {
    await thread?.close();
  });

  it('reads messages as the service thread reads them, several at once, and says what each reading cost', async () => {
    const here = createReader();
    const asked = [
      { text: 'do you guys ship to canada and whats it cost', context: contextOf() },
      { text: 'KS-100237', context: contextOf({ awaiting: 'orderNumber', flow: 'tracking' }) },
      { text: 'yeah go ahead', context: contextOf({ awaiting: 'confirm' }) },
      { text: 'the chain snapped the 2nd time i wore it, not happy', context: contextOf({ brand: 'james-avery-malls' }) },
    ];
    const onThread = await Promise.all(asked.map(({ text, context }) => thread.read(text, context)));
    for (const [at, { text, context }] of asked.entries()) {
      const reading = onThread[at]!;
      expect(plain(reading), text).toEqual(await here.read(text, context));
      expect(reading.offThreadMs).toBeGreaterThan(0);
    }
  });
});

/** A stand-in worker that loads at once and stops on the first message it is sent. */
function stoppingWorker(): Worker {
  return new Worker(
    `const { parentPort } = require('node:worker_threads');
     parentPort.postMessage({ kind: 'ready' });
     parentPort.on('message', () => process.exit(3));`,
    { eval: true },
  );
}

describe('a reading thread that fails', () => {
  it('reads the message in flight, and every one after, on the service thread, and says so once in the log', async () => {
    const errors: string[] = [];
    const here = createReader();
    let madeHere = 0;
    const thread = await startReadingThread(
      { brandsDir: undefined, modelCacheDir: undefined, profiles: undefined },
      {
        logger: { warn: () => undefined, error: (_fields, message) => errors.push(message) },
        inProcess: async () => {
          madeHere += 1;
          return here;
        },
        startWorker: stoppingWorker,
      },
    );
    const context = contextOf();
    const first = await thread.read('how long do refunds take once you get it back', context);
    const second = await thread.read('can i pay with paypal', context);
    expect(first).toEqual(await here.read('how long do refunds take once you get it back', context));
    expect(second.commands.length).toBeGreaterThan(0);
    expect(madeHere).toBe(1);
    expect(errors).toEqual(['the reading thread failed; reading on the service thread from now on']);
    await thread.close();
  });

  it('refuses to start when the thread cannot load its Reading step', async () => {
    const failing = () =>
      new Worker(`require('node:worker_threads').parentPort.postMessage({ kind: 'failed', error: 'no models' });`, { eval: true });
    await expect(
      startReadingThread({ brandsDir: undefined, modelCacheDir: undefined, profiles: undefined }, { logger: quiet, inProcess: noFallback, startWorker: failing }),
    ).rejects.toThrow(/no models/);
  });
});
