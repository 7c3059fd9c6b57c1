// A whole turn's CPU time in-process (Reading step, machines, answers, state and transcript), for
// a normal message and for the worst message a shopper may send, side by side: what one message
// can cost the server at most, beside what a message usually costs. Run in the bench's own process
// after the servers have stopped, so nothing competes for the CPU.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClasp } from '../bot/clasp.js';
import { loadConfig } from '../bot/config.js';
import { createLogger } from '../bot/logger.js';
import { shopperMessage } from '../bot/shopper-activity.js';
import { worstMessage } from './reading.js';
import { uniqueQuestion } from './unique-questions.js';

export interface TurnCostFigures {
  normalCpuMicros: number;
  worstCpuMicros: number;
}

const SHOPPER = { id: 'bench-shopper', name: 'Shopper' };

export async function measureTurnCost(): Promise<TurnCostFigures> {
  const outboxDir = mkdtempSync(join(tmpdir(), 'clasp-turn-cost-'));
  // Every part of the turn on this one thread (the reading too), so the process's CPU time is the turn's.
  const config = loadConfig({ LOG_LEVEL: 'silent', OUTBOX_DIR: outboxDir, MESSAGES_PER_CONVERSATION: '1000000', MESSAGES_PER_CLIENT: '1000000', READING_THREAD: 'false' });
  const clasp = await createClasp(config, { logger: createLogger({ logLevel: 'silent' }) });
  try {
    const turn = (n: number, text: string) =>
      clasp.runInProcess({ brand: clasp.kb.brandIds[n % clasp.kb.brandIds.length]!, client: `bench-${n}` }, shopperMessage('bench', `turn-cost-${n}`, SHOPPER, text));
    // Warm up: let V8 optimise every path before timing it.
    for (let n = 0; n < 2_000; n += 1) await turn(n, uniqueQuestion(300_000 + n));
    const cpu = async (count: number, text: (n: number) => string): Promise<number> => {
      const started = process.cpuUsage();
      for (let n = 0; n < count; n += 1) await turn(400_000 + n, text(n));
      const used = process.cpuUsage(started);
      return (used.user + used.system) / count;
    };
    const normalCpuMicros = await cpu(2_000, (n) => uniqueQuestion(500_000 + n));
    // A different conversation each time, and the message varied so no memo answers it.
    const worst = worstMessage();
    const worstCpuMicros = await cpu(200, (n) => `${n} ${worst}`.slice(0, worst.length));
    return { normalCpuMicros, worstCpuMicros };
  } finally {
    await clasp.close();
    rmSync(outboxDir, { recursive: true, force: true });
  }
}
