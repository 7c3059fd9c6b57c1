// Every regular expression Clasp's own code runs while it reads shoppers' messages is checked with
// recheck (a ReDoS checker), so a pattern that backtracks into polynomial or exponential time
// fails CI before a 2 KB message can stall the service. The patterns are found by running them:
// real conversations through every flow, with RegExp.prototype.exec watched, keep whatever pattern
// the project's files execute; patterns a library runs on its own are not ours to fix.
import type { Activity } from 'botbuilder';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { check } from 'recheck';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClasp, type Clasp } from '../../bot/clasp.js';
import { loadConfig } from '../../bot/config.js';
import { createLogger, scrubText } from '../../bot/logger.js';
import { demoOrderSummaries } from '../../bot/orders/demo-orders.js';
import { BRAND_FOLDERS } from '../support/brands.js';

const ROOT = join(import.meta.dirname, '..', '..');

/**
 * Patterns known to be quadratic but bounded by the 2,000-character message limit, each with its
 * file, while they are being replaced. None today.
 */
const PENDING_ELSEWHERE = new Set<string>([]);

/** V8 on recheck's attack string (about 100,000 characters): a quadratic pattern takes seconds. */
const CONFIRM_MS = 100;

/** How long V8 takes to search `text` with the pattern, as the code does (every start tried). */
function engineMilliseconds(source: string, flags: string, text: string): number {
  const pattern = new RegExp(source, flags.replace('y', ''));
  const started = performance.now();
  pattern.exec(text);
  return performance.now() - started;
}

interface Seen {
  source: string;
  flags: string;
  /** The project file that ran it, relative to the root. */
  file: string;
}

/** The first frame of the stack in a project file (not a library, not this test). */
function callerFile(stack: string): string | undefined {
  for (const line of stack.split('\n').slice(2)) {
    const path = /\((?:file:\/\/)?([^():]+\.[cm]?[tj]s):\d+:\d+\)$|at (?:file:\/\/)?([^():\s]+\.[cm]?[tj]s):\d+:\d+$/.exec(line.trim());
    const file = path?.[1] ?? path?.[2];
    if (file === undefined) continue;
    if (file.includes('node_modules') || file === import.meta.filename) return undefined;
    return relative(ROOT, file);
  }
  return undefined;
}

describe('regular expressions that read shopper text', () => {
  const seen = new Map<string, Seen>();
  let clasp: Clasp;
  let outboxDir: string;

  beforeAll(async () => {
    outboxDir = mkdtempSync(join(tmpdir(), 'clasp-regex-'));
    // Read on this thread, where the patterns are watched (the reading thread runs the same code).
    clasp = await createClasp(loadConfig({ LOG_LEVEL: 'silent', OUTBOX_DIR: outboxDir, MESSAGES_PER_CLIENT: '1000000', READING_THREAD: 'false' }), {
      logger: createLogger({ logLevel: 'silent' }),
    });
    const orders = demoOrderSummaries(BRAND_FOLDERS);
    const first = orders[0]!;
    const second = orders[1] ?? first;
    const scripts: string[][] = [
      ['hi', 'where is my order?', first.orderNumber, first.email.toUpperCase(), 'thanks!'],
      ['track order #KS-100234 email jane@example.com', 'order no. 3310492', 'purchase 5550001234'],
      ['I want to return my ring', second.orderNumber, second.email, 'it broke', 'yes', 'refund please', 'no'],
      ['talk to a person', 'my name is Jane Doe', '<jane@example.com>.', "I don't have one", 'my card 4111 1111 1111 1111 was charged twice, cvv 123, exp 12/27!! urgent', 'change my email', 'jane.doe@example.co.uk', 'yes'],
      ['talk to a person', 'Jane', 'jane@example.com', 'KS-100234', 'wrong size, not urgent', 'no', 'change the description', 'the clasp is bent', 'yes please'],
      ['what is 12 times 12', 'I would like to order a bracelet', "I can't log in", 'pay for shipping', 'an update on my order', 'in order to', 'make a purchase'],
      ['menu', 'start over', 'help', '2', 'cancel', 'Track my order', 'returns?', 'how long do refunds take??', 'my pin is 1234 and SSN 123-45-6789'],
    ];
    const activity = (id: string, text: string): Partial<Activity> => ({
      type: 'message',
      text,
      channelId: 'test',
      conversation: { id, isGroup: false, conversationType: 'personal', name: '' },
      from: { id: 'shopper', name: 'Shopper' },
      recipient: { id: 'clasp', name: 'Clasp' },
    });

    const exec = RegExp.prototype.exec;
    // Reading a stack runs regular expressions of its own: those are not watched.
    let looking = false;
    RegExp.prototype.exec = function watched(this: RegExp, input: string) {
      const key = `${this.flags}/${this.source}`;
      if (!looking && !seen.has(key)) {
        looking = true;
        try {
          const file = callerFile(new Error().stack ?? '');
          if (file !== undefined) seen.set(key, { source: this.source, flags: this.flags, file });
        } finally {
          looking = false;
        }
      }
      return exec.call(this, input);
    };
    try {
      for (const brand of clasp.kb.brandIds) {
        for (const [index, script] of scripts.entries()) {
          for (const text of script) await clasp.runTurn({ brand, client: `regex-${index}` }, activity(`regex-${brand}-${index}`, text));
        }
      }
      // Every log line is scrubbed too.
      scrubText('mail jane@example.com about card 4111-1111-1111-1111');
    } finally {
      RegExp.prototype.exec = exec;
    }
  }, 120_000);

  afterAll(async () => {
    await clasp?.close();
    rmSync(outboxDir, { recursive: true, force: true });
  });

  it('finds the readers it should check (the identifiers, the Reading step, the redaction and the logs)', () => {
    const files = new Set([...seen.values()].map((pattern) => pattern.file));
    for (const file of ['knowledge/readers/order-number.reader.ts', 'knowledge/readers/email-address.reader.ts', 'knowledge/reading/read-message.ts', 'knowledge/handoff/redaction.ts', 'bot/logger.ts']) {
      expect(files).toContain(file);
    }
    expect(seen.size).toBeGreaterThan(20);
  });

  it('has recheck find every one safe (linear time, no polynomial or exponential backtracking)', { timeout: 900_000 }, async () => {
    const vulnerable: string[] = [];
    const pending: string[] = [];
    const unconfirmed: string[] = [];
    const patterns = [...seen.values()];
    // Two at a time: recheck takes from a few milliseconds to a few seconds a pattern (more on a
    // busy machine, hence the long timeout), with a fixed seed for its fuzzing.
    for (let index = 0; index < patterns.length; index += 2) {
      await Promise.all(
        patterns.slice(index, index + 2).map(async ({ source, flags, file }) => {
          const result = await check(source, flags, { timeout: 120_000, randomSeed: 0x5eed });
          if (result.status === 'safe') return;
          const name = `${file} /${source}/${flags}`;
          if (PENDING_ELSEWHERE.has(name)) return void pending.push(name);
          if (result.status !== 'vulnerable') return void vulnerable.push(`${name}: recheck could not decide (${result.status})`);
          const why = `${result.complexity.summary}, e.g. ${JSON.stringify(result.attack.pattern)}`;
          // Fuzzing (the checker for lookbehinds) reports what its own engine counted; a finding
          // holds only if V8 is slow on the attack too (a real quadratic takes seconds on it).
          if (result.checker === 'fuzz' && engineMilliseconds(source, flags, result.attack.string) < CONFIRM_MS) return void unconfirmed.push(`${name}: ${why}`);
          vulnerable.push(`${name}: ${why}`);
        }),
      );
    }
    if (pending.length > 0) console.info(`Patterns left to the files being reworked (quadratic, bounded by the message limit):\n  ${pending.join('\n  ')}`);
    if (unconfirmed.length > 0) console.info(`Fuzzing findings V8 runs in linear time:\n  ${unconfirmed.join('\n  ')}`);
    expect(vulnerable).toEqual([]);
  });
});
