// Redis's persistence can change while Clasp runs: an operator's CONFIG SET appendonly no, or a
// failover to a replica that keeps no append-only file. The start-up check
// (bot/state/redis-durability.ts) cannot see that, so this watch checks again every
// REDIS_DURABILITY_CHECK_SECONDS and each time the connection comes back ('ready' after a drop),
// for /readyz; and each ticket is checked afresh just before it is stored (bot/handoff/index.ts),
// so a shopper is never told "Done" for a ticket Redis could lose. The operator is told once per
// change, not at every check. Not used with REDIS_ACCEPT_NON_DURABLE=true: the risk is accepted.
import type { Redis } from 'ioredis';
import type { SenderLogger } from '../handoff/handoff-sender.js';
import { checkRedisDurability, type DurabilityVerdict } from './redis-durability.js';

/** What /readyz says; the exact setting is in the log only (it names the server's configuration). */
export const NOT_DURABLE_READINESS = 'Redis is not keeping handoff tickets durably (no synced append-only file); handoffs are refused until it does.';

export interface RedisDurabilityWatch {
  /**
   * Why Redis could lose a ticket, as last seen, or undefined when it keeps them. A durable verdict
   * is trusted until the next check; anything else (not durable, or not known since the connection
   * dropped) is checked again now, so recovery shows at once. For /readyz.
   */
  problem(): Promise<string | undefined>;
  /** The same, checked now: asked before each ticket is stored. */
  confirm(): Promise<string | undefined>;
  stop(): void;
}

export interface RedisDurabilityWatchOptions {
  intervalMs: number;
  /** The verdict of the start-up check. */
  initial: DurabilityVerdict;
  logger: Pick<SenderLogger, 'warn' | 'info'>;
}

const sameState = (a: DurabilityVerdict, b: DurabilityVerdict) => (a.durable && b.durable) || (!a.durable && !b.durable && a.problem === b.problem);

export function watchRedisDurability(redis: Redis, options: RedisDurabilityWatchOptions): RedisDurabilityWatch {
  const { logger } = options;
  // Undefined: not known since the connection was lost (the server may be another one now).
  let verdict: DurabilityVerdict | undefined = options.initial;
  // The last state the operator was told about (the start-up check told the first).
  let told: DurabilityVerdict = options.initial;
  // Bumped when the connection drops: a check begun before it says nothing about the server after.
  let connection = 0;
  let running: Promise<DurabilityVerdict> | undefined;
  let runningOn = 0;

  function settle(next: DurabilityVerdict): void {
    verdict = next;
    if (sameState(told, next)) return;
    const was = told;
    told = next;
    if (next.durable) logger.info({}, 'Redis keeps handoff tickets durably again; handoffs and /readyz have recovered');
    // The warning is for the fall; a new reason while still down (the file turned back on and
    // being rewritten) is news, not a second alarm.
    else if (was.durable) logger.warn({ problem: next.problem }, 'Redis would lose handoff tickets: they are refused and /readyz answers 503 until it keeps them again');
    else logger.info({ problem: next.problem }, 'Redis still would lose handoff tickets');
  }

  async function runCheck(): Promise<DurabilityVerdict> {
    const started = connection;
    try {
      const next = await checkRedisDurability(redis, { requireWrittenFile: !told.durable });
      if (connection === started) settle(next);
      return next;
    } catch (error) {
      // Redis cannot be reached: /readyz says so from its own ping, and a ticket could not be
      // stored anyway. Known again at the next check.
      if (connection === started) verdict = undefined;
      return { durable: false, problem: `Redis persistence could not be checked (${error instanceof Error ? error.message : String(error)})` };
    }
  }

  // One check at a time; callers arriving meanwhile share its answer, unless the connection has
  // dropped since it began: then a new one follows it, for the server there is now.
  function check(): Promise<DurabilityVerdict> {
    if (running !== undefined && runningOn === connection) return running;
    runningOn = connection;
    const next: Promise<DurabilityVerdict> = (running ?? Promise.resolve()).then(runCheck).finally(() => {
      if (running === next) running = undefined;
    });
    running = next;
    return next;
  }

  const problemOf = (current: DurabilityVerdict) => (current.durable ? undefined : current.problem);
  const onClose = () => {
    connection += 1;
    verdict = undefined;
  };
  const onReady = () => void check();
  redis.on('close', onClose);
  redis.on('ready', onReady);
  const timer = setInterval(() => void check(), options.intervalMs);
  timer.unref();

  return {
    async problem() {
      return problemOf(verdict?.durable === true ? verdict : await check());
    },
    async confirm() {
      return problemOf(await check());
    },
    stop() {
      clearInterval(timer);
      redis.off('close', onClose);
      redis.off('ready', onReady);
    },
  };
}
