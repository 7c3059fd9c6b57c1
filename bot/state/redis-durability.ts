// With STATE_STORE=redis, Redis holds the handoff tickets a shopper has been told were sent. The
// file outbox fsyncs each ticket before the shopper hears "Done"; the same promise on Redis holds
// only when Redis writes an append-only file and syncs it (appendfsync always, or everysec, which
// loses at most the last second on a machine crash and nothing when only Redis dies). Snapshots
// alone lose every write since the last one, so start-up checks the server and refuses to go on
// without that, unless the operator has said the risk is accepted.
import type { Redis } from 'ioredis';

const DURABLE_FSYNC = ['always', 'everysec'];
const FIX = 'start redis-server with --appendonly yes --appendfsync everysec (or always), or set REDIS_ACCEPT_NON_DURABLE=true to accept losing tickets';

export type DurabilityVerdict = { durable: true; note?: string } | { durable: false; problem: string };

async function configValue(redis: Redis, name: string): Promise<string | undefined> {
  const reply = (await redis.config('GET', name)) as unknown;
  return Array.isArray(reply) && typeof reply[1] === 'string' ? reply[1] : undefined;
}

/** Reads the server's persistence settings; throws only when Redis cannot be reached at all. */
export async function checkRedisDurability(redis: Redis): Promise<DurabilityVerdict> {
  let appendonly: string | undefined;
  let appendfsync: string | undefined;
  try {
    appendonly = await configValue(redis, 'appendonly');
    appendfsync = await configValue(redis, 'appendfsync');
  } catch (error) {
    // Hosted Redis often disables CONFIG; INFO still says whether the append-only file is on.
    if (!/unknown command|no permissions|NOPERM|disabled/i.test(error instanceof Error ? error.message : String(error))) throw error;
    const info = await redis.info('persistence');
    if (/^aof_enabled:1\b/m.test(info)) return { durable: true, note: 'appendfsync could not be read (CONFIG is disabled); the append-only file is on' };
    return { durable: false, problem: `Redis keeps no append-only file (aof_enabled:0): ${FIX}` };
  }
  if (appendonly !== 'yes') return { durable: false, problem: `Redis keeps no append-only file (appendonly is ${appendonly ?? 'unknown'}): ${FIX}` };
  if (!DURABLE_FSYNC.includes(appendfsync ?? '')) return { durable: false, problem: `Redis does not sync its append-only file (appendfsync is ${appendfsync ?? 'unknown'}): ${FIX}` };
  return { durable: true };
}
