// The durable outbox (nothing a shopper handed over is lost). A ticket is on disk before
// the shopper hears it was sent; its delivery state lives beside it and says "sent" only after
// the mail server accepted the message. Layout under OUTBOX_DIR:
//   tickets/<id>.json   the ticket, written once, atomically
//   state/<id>.json     delivery state, rewritten atomically on each attempt (absent = pending)
//   eml/<id>.eml        the message, when no SMTP server is configured
// One process owns a directory at a time (the server that writes tickets also sends them).
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrandId } from '../../knowledge/brand-ids.js';
import type { HandoffTicket } from '../../knowledge/handoff/handoff-ticket.types.js';
import { TEMP_SUFFIX, writeFileAtomic } from './atomic-file.js';

export type DeliveryStatus = 'pending' | 'sent' | 'failed';

export interface DeliveryState {
  status: DeliveryStatus;
  /** Failed attempts so far. */
  attempts: number;
  /** Permanent rejections (5xx) so far; enough of them park the ticket as failed. */
  rejections: number;
  lastError: string | null;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  sentAt: string | null;
  via: 'smtp' | 'eml' | null;
  /** The server's final response, or the .eml file written. */
  response: string | null;
}

export interface StoredTicket {
  ticket: HandoffTicket;
  state: DeliveryState;
}

export interface TicketFilter {
  brand?: BrandId;
  urgent?: boolean;
}

interface TicketFile {
  ticket: HandoffTicket;
  /** Same key within DEDUPE_WINDOW_MS: the same request submitted twice (a retried turn). */
  dedupeKey: string | null;
}

/** A ticket no attempt has been made for. */
export const PENDING_STATE: DeliveryState = {
  status: 'pending',
  attempts: 0,
  rejections: 0,
  lastError: null,
  lastAttemptAt: null,
  nextAttemptAt: null,
  sentAt: null,
  via: null,
  response: null,
};

/** A submission repeated within this long (a retried turn) is the ticket already stored. */
export const DEDUPE_WINDOW_MS = 24 * 60 * 60 * 1000;
const TICKET_ID = /^[A-Za-z0-9][A-Za-z0-9-]{5,63}$/;

export function isTicketId(value: string): boolean {
  return TICKET_ID.test(value);
}

/** The ticket's message as `<dir>/<id>.eml` (no SMTP server configured); returns the path. */
export async function writeEmlFile(dir: string, id: string, message: Uint8Array): Promise<string> {
  const path = join(dir, `${id}.eml`);
  await writeFileAtomic(path, message);
  return path;
}

/** Throws unless a file can be written durably in `dir`. */
export async function checkDirWritable(dir: string): Promise<void> {
  const probe = join(dir, '.writable-probe');
  await writeFileAtomic(probe, 'ok');
  await rm(probe, { force: true });
}

export interface HandoffOutbox {
  readonly dir: string;
  /** Files that could not be read at start (named so an operator can look). */
  readonly problems: readonly string[];
  /** Stores the ticket durably; an earlier ticket with the same key is returned instead of a new one. */
  store(ticket: HandoffTicket, dedupeKey?: string): Promise<{ ticket: HandoffTicket; duplicate: boolean }>;
  get(id: string): Promise<StoredTicket | undefined>;
  /** By ticket id or by the reference the shopper was given. */
  find(idOrReference: string): Promise<StoredTicket | undefined>;
  /** Newest first. */
  list(filter?: TicketFilter): Promise<StoredTicket[]>;
  /** Ids of tickets not yet sent (pending and failed), oldest first. */
  unsent(): Promise<string[]>;
  /** The delivery state as on disk now. */
  state(id: string): Promise<DeliveryState>;
  writeState(id: string, state: DeliveryState): Promise<void>;
  writeEml(id: string, message: Uint8Array): Promise<string>;
  /** Throws unless a file can be written durably (for /readyz). */
  checkWritable(): Promise<void>;
}

export async function openHandoffOutbox(dir: string): Promise<HandoffOutbox> {
  const dirs = { tickets: join(dir, 'tickets'), state: join(dir, 'state'), eml: join(dir, 'eml') };
  await Promise.all(Object.values(dirs).map((path) => mkdir(path, { recursive: true, mode: 0o700 })));

  const files = new Map<string, TicketFile>();
  const states = new Map<string, DeliveryState>();
  const problems: string[] = [];

  for (const folder of [dirs.tickets, dirs.state, dirs.eml]) {
    for (const name of await readdir(folder)) {
      // A temporary file is a write that never finished: its target was never replaced.
      if (name.endsWith(TEMP_SUFFIX)) await rm(join(folder, name), { force: true });
    }
  }
  for (const name of await readdir(dirs.tickets)) {
    const id = name.replace(/\.json$/, '');
    if (!name.endsWith('.json') || !isTicketId(id)) continue;
    try {
      const file = JSON.parse(await readFile(join(dirs.tickets, name), 'utf8')) as TicketFile;
      files.set(id, file);
      states.set(id, await readState(id));
    } catch (error) {
      problems.push(`${join(dirs.tickets, name)}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async function readState(id: string): Promise<DeliveryState> {
    try {
      return { ...PENDING_STATE, ...(JSON.parse(await readFile(join(dirs.state, `${id}.json`), 'utf8')) as Partial<DeliveryState>) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ...PENDING_STATE };
      throw error;
    }
  }

  function stored(id: string): StoredTicket | undefined {
    const file = files.get(id);
    return file === undefined ? undefined : { ticket: file.ticket, state: states.get(id) ?? { ...PENDING_STATE } };
  }

  function byAge(a: StoredTicket, b: StoredTicket): number {
    return a.ticket.createdAt < b.ticket.createdAt ? -1 : a.ticket.createdAt > b.ticket.createdAt ? 1 : a.ticket.id < b.ticket.id ? -1 : 1;
  }

  function all(): StoredTicket[] {
    return [...files.keys()].flatMap((id) => stored(id) ?? []);
  }

  return {
    dir,
    problems,
    async store(ticket, dedupeKey) {
      if (!isTicketId(ticket.id)) throw new Error(`invalid ticket id "${ticket.id}"`);
      if (dedupeKey !== undefined) {
        const created = Date.parse(ticket.createdAt);
        const earlier = [...files.values()].find(
          (file) => file.dedupeKey === dedupeKey && Math.abs(created - Date.parse(file.ticket.createdAt)) < DEDUPE_WINDOW_MS,
        );
        if (earlier !== undefined) return { ticket: earlier.ticket, duplicate: true };
      }
      const file: TicketFile = { ticket, dedupeKey: dedupeKey ?? null };
      await writeFileAtomic(join(dirs.tickets, `${ticket.id}.json`), `${JSON.stringify(file, null, 2)}\n`);
      files.set(ticket.id, file);
      states.set(ticket.id, { ...PENDING_STATE });
      return { ticket, duplicate: false };
    },
    async get(id) {
      return isTicketId(id) ? stored(id) : undefined;
    },
    async find(idOrReference) {
      const byId = isTicketId(idOrReference) ? stored(idOrReference) : undefined;
      if (byId !== undefined) return byId;
      const reference = idOrReference.trim().toUpperCase();
      return all().find((entry) => entry.ticket.reference === reference);
    },
    async list(filter = {}) {
      return all()
        .filter((entry) => (filter.brand === undefined || entry.ticket.brand === filter.brand) && (filter.urgent === undefined || entry.ticket.urgency.urgent === filter.urgent))
        .sort((a, b) => byAge(b, a));
    },
    async unsent() {
      return all()
        .filter((entry) => entry.state.status !== 'sent')
        .sort(byAge)
        .map((entry) => entry.ticket.id);
    },
    async state(id) {
      const state = await readState(id);
      if (files.has(id)) states.set(id, state);
      return state;
    },
    async writeState(id, state) {
      await writeFileAtomic(join(dirs.state, `${id}.json`), `${JSON.stringify(state, null, 2)}\n`);
      states.set(id, state);
    },
    writeEml: (id, message) => writeEmlFile(dirs.eml, id, message),
    // Where tickets and their delivery state are written, not only the root: a tickets folder
    // that cannot be written means handoffs are refused while the root looks fine.
    checkWritable: async () => {
      await checkDirWritable(dirs.tickets);
      await checkDirWritable(dirs.state);
    },
  };
}
