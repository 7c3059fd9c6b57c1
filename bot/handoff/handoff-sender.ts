// Delivers the outbox: each unsent ticket is tried now, then again with exponential backoff
// (capped) for as long as the server is down, slow or answering "try later". A ticket is marked
// sent only after the server accepted it; a crash between acceptance and that mark sends it again
// with the same Message-ID, which lets the receiving side drop the copy. Permanent rejections
// (5xx) park a ticket as failed after a few tries; the next start gives it another chance.
import type { SendMailOptions } from 'nodemailer';
import type { HandoffTicket } from '../../knowledge/handoff/handoff-ticket.types.js';
import type { RetryPolicy } from './handoff-config.js';
import type { DeliveryState, HandoffOutbox } from './handoff-outbox.js';
import type { HandoffTransport } from './handoff-transport.js';

export interface SenderLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface HandoffSender {
  /** Picks up every ticket not yet sent (after a restart, even kill -9). A stopped sender stays stopped. */
  start(): Promise<void>;
  /** A new ticket is in the outbox: try it now. */
  notify(id: string): void;
  /** Resolves once no attempt is queued or running (timers for later retries may remain). */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

export interface HandoffSenderDeps {
  outbox: HandoffOutbox;
  transport: HandoffTransport;
  compose(ticket: HandoffTicket): SendMailOptions;
  retry: RetryPolicy;
  logger: SenderLogger;
  now?: () => Date;
  /** Attempts running at once; the rest wait their turn. */
  concurrency?: number;
  /** Told the outcome of every delivery attempt (metrics). */
  onAttempt?: (outcome: 'sent' | 'failed') => void;
  /**
   * With several senders on one outbox: takes a ticket for this sender before an attempt (the
   * release, or undefined when another sender has it), and how often to look for tickets that
   * are due, those of a sender that died among them.
   */
  sharing?: { claim(id: string): Promise<(() => Promise<void>) | undefined>; rescanMs: number };
}

export function backoffDelay(failedAttempts: number, retry: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>): number {
  const exponent = Math.min(Math.max(failedAttempts - 1, 0), 30);
  return Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** exponent);
}

function isPermanent(error: unknown): boolean {
  const e = error as { permanent?: unknown; responseCode?: unknown };
  if (typeof e?.permanent === 'boolean') return e.permanent;
  return typeof e?.responseCode === 'number' && e.responseCode >= 500 && e.responseCode !== 503;
}

function describe(error: unknown): string {
  const e = error as { message?: unknown; code?: unknown; responseCode?: unknown };
  const parts = [typeof e?.code === 'string' ? e.code : null, typeof e?.responseCode === 'number' ? String(e.responseCode) : null];
  const message = typeof e?.message === 'string' ? e.message : String(error);
  return [...parts.filter((part) => part !== null), message].join(' ').slice(0, 300);
}

export function createHandoffSender(deps: HandoffSenderDeps): HandoffSender {
  const { outbox, transport, retry, logger } = deps;
  const now = deps.now ?? (() => new Date());
  const concurrency = deps.concurrency ?? 4;
  const timers = new Map<string, NodeJS.Timeout>();
  const queue: string[] = [];
  const running = new Map<string, Promise<void>>();
  let waiters: Array<() => void> = [];
  let stopped = false;
  let rescanTimer: NodeJS.Timeout | undefined;

  function schedule(id: string, delayMs: number): void {
    if (stopped) return;
    const existing = timers.get(id);
    if (existing !== undefined) clearTimeout(existing);
    if (delayMs <= 0) {
      timers.delete(id);
      enqueue(id);
      return;
    }
    const timer = setTimeout(() => {
      timers.delete(id);
      enqueue(id);
    }, delayMs);
    timer.unref();
    timers.set(id, timer);
  }

  function enqueue(id: string): void {
    if (stopped || queue.includes(id) || running.has(id)) return;
    queue.push(id);
    pump();
  }

  function pump(): void {
    while (!stopped && running.size < concurrency && queue.length > 0) {
      const id = queue.shift();
      if (id === undefined) break;
      const attempt = deliver(id)
        .catch((error: unknown) => logger.error({ ticket: id, err: error }, 'handoff delivery attempt crashed'))
        .finally(() => {
          running.delete(id);
          pump();
        });
      running.set(id, attempt);
    }
    if (running.size === 0 && queue.length === 0) {
      const done = waiters;
      waiters = [];
      for (const resolve of done) resolve();
    }
  }

  async function deliver(id: string): Promise<void> {
    if (deps.sharing === undefined) return attempt(id);
    const release = await deps.sharing.claim(id);
    // Another sender is on it; the rescan comes back to it if that sender goes away.
    if (release === undefined) return;
    try {
      await attempt(id);
    } finally {
      await release().catch((error: unknown) => logger.warn({ ticket: id, err: error }, 'could not release a handoff claim'));
    }
  }

  /** Tickets another sender may have stored or left behind, due now. */
  async function rescan(): Promise<void> {
    const due = now().getTime();
    for (const id of await outbox.unsent()) {
      if (timers.has(id) || queue.includes(id) || running.has(id)) continue;
      const state = await outbox.state(id);
      if (state.status === 'pending' && (state.nextAttemptAt === null || Date.parse(state.nextAttemptAt) <= due)) enqueue(id);
    }
  }

  async function attempt(id: string): Promise<void> {
    const state = await outbox.state(id);
    if (state.status === 'sent') return;
    const entry = await outbox.get(id);
    if (entry === undefined) return;
    const attemptAt = now().toISOString();
    try {
      const response = await transport.send(entry.ticket, deps.compose(entry.ticket));
      const sent: DeliveryState = { ...state, status: 'sent', sentAt: now().toISOString(), lastAttemptAt: attemptAt, nextAttemptAt: null, via: transport.via, response };
      try {
        await outbox.writeState(id, sent);
      } catch (error) {
        // Accepted but not recorded: it will go again after a restart, with the same Message-ID.
        logger.error({ ticket: id, err: error }, 'handoff sent but its state could not be recorded');
      }
      deps.onAttempt?.('sent');
      logger.info({ ticket: id, brand: entry.ticket.brand, urgent: entry.ticket.urgency.urgent, via: transport.via, attempts: state.attempts + 1 }, 'handoff delivered');
    } catch (error) {
      await recordFailure(id, state, attemptAt, error);
    }
  }

  async function recordFailure(id: string, state: DeliveryState, attemptAt: string, error: unknown): Promise<void> {
    deps.onAttempt?.('failed');
    const permanent = isPermanent(error);
    const attempts = state.attempts + 1;
    const rejections = state.rejections + (permanent ? 1 : 0);
    const parked = rejections >= retry.maxRejections;
    const delay = backoffDelay(attempts, retry);
    const failed: DeliveryState = {
      ...state,
      status: parked ? 'failed' : 'pending',
      attempts,
      rejections,
      lastError: describe(error),
      lastAttemptAt: attemptAt,
      nextAttemptAt: parked ? null : new Date(now().getTime() + delay).toISOString(),
    };
    try {
      await outbox.writeState(id, failed);
    } catch (writeError) {
      logger.error({ ticket: id, err: writeError }, 'could not record a failed handoff delivery');
    }
    if (parked) {
      logger.error({ ticket: id, attempts, lastError: failed.lastError }, 'handoff refused by the mail server; parked until restart');
      return;
    }
    logger.warn({ ticket: id, attempts, retryInMs: delay, permanent, lastError: failed.lastError }, 'handoff delivery failed; will retry');
    schedule(id, delay);
  }

  return {
    async start() {
      for (const id of await outbox.unsent()) schedule(id, 0);
      if (deps.sharing !== undefined && rescanTimer === undefined) {
        rescanTimer = setInterval(() => {
          rescan().catch((error: unknown) => logger.warn({ err: error }, 'could not look for due handoffs'));
        }, deps.sharing.rescanMs);
        rescanTimer.unref();
      }
    },
    notify(id) {
      schedule(id, 0);
    },
    settled() {
      if (running.size === 0 && queue.length === 0) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
    async stop() {
      stopped = true;
      if (rescanTimer !== undefined) clearInterval(rescanTimer);
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      queue.length = 0;
      await Promise.all(running.values());
      transport.close();
      const done = waiters;
      waiters = [];
      for (const resolve of done) resolve();
    },
  };
}
