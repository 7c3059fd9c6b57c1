// The handoff outbox shared by several instances (STATE_STORE=redis): tickets and their delivery
// state live in Redis, so a ticket outlives the instance that took it, and a delivery is claimed
// with a lock that expires, so exactly one instance sends it at a time and another takes over
// when the claimant dies. Layout under the prefix:
//   ticket:<id>  the ticket (written once)     state:<id>  its delivery state
//   tickets      sorted set of ids by creation unsent      set of ids not yet sent
//   ref:<ref>    id by the reference a shopper was given   dedupe:<key>  id of a submission
//   lock:<id>    the instance sending it now (expires)
// .eml files (no SMTP server) are still written to this instance's OUTBOX_DIR.
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import type { HandoffTicket } from '../../knowledge/handoff/handoff-ticket.types.js';
import {
  checkDirWritable,
  DEDUPE_WINDOW_MS,
  isTicketId,
  PENDING_STATE,
  writeEmlFile,
  type DeliveryState,
  type HandoffOutbox,
  type StoredTicket,
} from './handoff-outbox.js';
// Deletes the lock only if this instance still holds it.
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

export interface RedisOutboxOptions {
  /** Where .eml files go when there is no SMTP server. */
  dir: string;
  prefix?: string;
  /** How long a claim holds: longer than any one delivery attempt may take. */
  claimMs: number;
}

export interface ClaimingOutbox extends HandoffOutbox {
  /** Takes the ticket for this instance; returns the release, or undefined when another instance has it. */
  claim(id: string): Promise<(() => Promise<void>) | undefined>;
}

export async function openRedisHandoffOutbox(redis: Redis, options: RedisOutboxOptions): Promise<ClaimingOutbox> {
  const prefix = options.prefix ?? 'clasp:handoff:';
  const key = (...parts: string[]) => prefix + parts.join(':');
  const instance = randomUUID();
  const emlDir = join(options.dir, 'eml');
  await mkdir(emlDir, { recursive: true, mode: 0o700 });

  const parse = <T>(json: string | null): T | undefined => (json === null ? undefined : (JSON.parse(json) as T));

  async function state(id: string): Promise<DeliveryState> {
    return { ...PENDING_STATE, ...parse<Partial<DeliveryState>>(await redis.get(key('state', id))) };
  }

  async function get(id: string): Promise<StoredTicket | undefined> {
    if (!isTicketId(id)) return undefined;
    const [ticketJson, stateJson] = await redis.mget(key('ticket', id), key('state', id));
    const ticket = parse<HandoffTicket>(ticketJson ?? null);
    return ticket === undefined ? undefined : { ticket, state: { ...PENDING_STATE, ...parse<Partial<DeliveryState>>(stateJson ?? null) } };
  }

  async function all(ids: string[]): Promise<StoredTicket[]> {
    const found = await Promise.all(ids.map(get));
    return found.filter((entry): entry is StoredTicket => entry !== undefined);
  }

  return {
    dir: options.dir,
    problems: [],
    async store(ticket, dedupeKey) {
      if (!isTicketId(ticket.id)) throw new Error(`invalid ticket id "${ticket.id}"`);
      if (dedupeKey !== undefined) {
        // First writer of a submission wins; a retried turn on any instance finds its ticket.
        const taken = await redis.set(key('dedupe', dedupeKey), ticket.id, 'PX', DEDUPE_WINDOW_MS, 'NX');
        if (taken === null) {
          const earlier = await get((await redis.get(key('dedupe', dedupeKey))) ?? '');
          if (earlier !== undefined) return { ticket: earlier.ticket, duplicate: true };
          await redis.set(key('dedupe', dedupeKey), ticket.id, 'PX', DEDUPE_WINDOW_MS);
        }
      }
      const results = await redis
        .multi()
        .set(key('ticket', ticket.id), JSON.stringify(ticket))
        .zadd(key('tickets'), Date.parse(ticket.createdAt), ticket.id)
        .sadd(key('unsent'), ticket.id)
        .set(key('ref', ticket.reference), ticket.id)
        .exec();
      // A command refused inside the transaction (Redis out of memory) does not reject exec():
      // the ticket is stored only when every part of it was.
      const refused = results?.find(([error]) => error !== null)?.[0];
      if (results === null || refused) throw refused ?? new Error('the ticket transaction was discarded');
      return { ticket, duplicate: false };
    },
    get,
    async find(idOrReference) {
      const byId = await get(idOrReference);
      if (byId !== undefined) return byId;
      const id = await redis.get(key('ref', idOrReference.trim().toUpperCase()));
      return id === null ? undefined : get(id);
    },
    async list(filter = {}) {
      const entries = await all(await redis.zrevrange(key('tickets'), 0, -1));
      return entries.filter(({ ticket }) => (filter.brand === undefined || ticket.brand === filter.brand) && (filter.urgent === undefined || ticket.urgency.urgent === filter.urgent));
    },
    async unsent() {
      const entries = await all(await redis.smembers(key('unsent')));
      return entries.sort((a, b) => a.ticket.createdAt.localeCompare(b.ticket.createdAt) || a.ticket.id.localeCompare(b.ticket.id)).map(({ ticket }) => ticket.id);
    },
    state,
    async writeState(id, next) {
      const write = redis.multi().set(key('state', id), JSON.stringify(next));
      if (next.status === 'sent') write.srem(key('unsent'), id);
      await write.exec();
    },
    writeEml: (id, message) => writeEmlFile(emlDir, id, message),
    async checkWritable() {
      if ((await redis.ping()) !== 'PONG') throw new Error('Redis did not answer');
      await checkDirWritable(options.dir);
    },
    async claim(id) {
      const lock = key('lock', id);
      if ((await redis.set(lock, instance, 'PX', options.claimMs, 'NX')) === null) return undefined;
      return async () => {
        await redis.eval(RELEASE, 1, lock, instance);
      };
    },
  };
}
