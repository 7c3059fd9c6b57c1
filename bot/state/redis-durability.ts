// With STATE_STORE=redis, Redis holds the handoff tickets a shopper has been told were sent. The
// file outbox fsyncs each ticket before the shopper hears "Done"; the same promise on Redis holds
// only when Redis writes an append-only file and syncs it (appendfsync always, or everysec, which
// loses at most the last second on a machine crash and nothing when only Redis dies). Snapshots
// alone lose every write since the last one, so start-up checks the server and refuses to go on
// without that, unless the operator has said the risk is accepted. The same check runs again while
// Clasp runs (bot/state/redis-durability-watch.ts), since the setting can change under it.
import type { Redis } from 'ioredis';
import { z } from 'zod';

const DURABLE_FSYNC = ['always', 'everysec'];
const FIX = 'start redis-server with --appendonly yes --appendfsync everysec (or always), or set REDIS_ACCEPT_NON_DURABLE=true to accept losing tickets';

export type DurabilityVerdict = { durable: true; note?: string } | { durable: false; problem: string };

export interface DurabilityCheckOptions {
  /**
   * Also require that no rewrite of the append-only file is under way. Redis turned back on with
   * CONFIG SET appendonly yes first rewrites the whole file, and what it is given meanwhile is not
   * in the file a restart reads until that rewrite ends; a routine rewrite of a file that was on
   * all along loses nothing, so this is asked only when Redis was not durable before.
   */
  requireWrittenFile?: boolean;
}

// CONFIG GET <name> answers [name, value]; anything else (a proxy's own answer) is "unknown".
const configReply = z.tuple([z.string(), z.string()]);

async function configValue(redis: Redis, name: string): Promise<string | undefined> {
  const reply = configReply.safeParse(await redis.config('GET', name));
  return reply.success ? reply.data[1] : undefined;
}

function infoFlag(info: string, field: string): boolean {
  return new RegExp(`^${field}:1\\b`, 'm').test(info);
}

async function rewriteProblem(redis: Redis): Promise<string | undefined> {
  const info = await redis.info('persistence');
  if (!infoFlag(info, 'aof_rewrite_in_progress') && !infoFlag(info, 'aof_rewrite_scheduled')) return undefined;
  return 'Redis has just turned its append-only file on and is still writing it (aof_rewrite_in_progress): tickets wait until it is written';
}

/** Reads the server's persistence settings; throws only when Redis cannot be reached at all. */
export async function checkRedisDurability(redis: Redis, options: DurabilityCheckOptions = {}): Promise<DurabilityVerdict> {
  let appendonly: string | undefined;
  let appendfsync: string | undefined;
  try {
    appendonly = await configValue(redis, 'appendonly');
    appendfsync = await configValue(redis, 'appendfsync');
  } catch (error) {
    // Hosted Redis often disables CONFIG; INFO still says whether the append-only file is on.
    if (!/unknown command|no permissions|NOPERM|disabled/i.test(error instanceof Error ? error.message : String(error))) throw error;
    const info = await redis.info('persistence');
    if (!infoFlag(info, 'aof_enabled')) return { durable: false, problem: `Redis keeps no append-only file (aof_enabled:0): ${FIX}` };
    const rewriting = options.requireWrittenFile ? await rewriteProblem(redis) : undefined;
    if (rewriting !== undefined) return { durable: false, problem: rewriting };
    return { durable: true, note: 'appendfsync could not be read (CONFIG is disabled); the append-only file is on' };
  }
  if (appendonly !== 'yes') return { durable: false, problem: `Redis keeps no append-only file (appendonly is ${appendonly ?? 'unknown'}): ${FIX}` };
  if (!DURABLE_FSYNC.includes(appendfsync ?? '')) return { durable: false, problem: `Redis does not sync its append-only file (appendfsync is ${appendfsync ?? 'unknown'}): ${FIX}` };
  const rewriting = options.requireWrittenFile ? await rewriteProblem(redis) : undefined;
  if (rewriting !== undefined) return { durable: false, problem: rewriting };
  return { durable: true };
}
