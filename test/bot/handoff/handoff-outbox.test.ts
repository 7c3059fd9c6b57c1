import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { openHandoffOutbox } from '../../../bot/handoff/handoff-outbox.js';
import { submissionFor, tempDir, ticketFor } from './handoff-fixtures.js';

let dir: Awaited<ReturnType<typeof tempDir>>;

beforeEach(async () => {
  dir = await tempDir();
});

afterEach(async () => {
  await dir.remove();
});

const newTicket = (at = '2026-11-27T15:00:00Z') => ticketFor(submissionFor('james-avery-malls', { category: 'damaged' }), { now: new Date(at) });

describe('handoff outbox', () => {
  it('stores a ticket as one complete file, private to the service, pending until sent', async () => {
    const outbox = await openHandoffOutbox(dir.path);
    const ticket = newTicket();
    expect(await outbox.store(ticket)).toEqual({ ticket, duplicate: false });

    const file = join(dir.path, 'tickets', `${ticket.id}.json`);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ ticket, dedupeKey: null });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readdir(join(dir.path, 'tickets'))).toEqual([`${ticket.id}.json`]);
    expect(await outbox.state(ticket.id)).toMatchObject({ status: 'pending', attempts: 0 });
    expect(await outbox.get(ticket.id)).toMatchObject({ ticket, state: { status: 'pending' } });
  });

  it('keeps one ticket for the same request submitted twice within a day', async () => {
    const outbox = await openHandoffOutbox(dir.path);
    const first = newTicket('2026-11-27T15:00:00Z');
    const again = newTicket('2026-11-27T15:00:30Z');
    const nextDay = newTicket('2026-11-28T16:00:00Z');
    await outbox.store(first, 'same-key');
    expect(await outbox.store(again, 'same-key')).toEqual({ ticket: first, duplicate: true });
    expect(await outbox.store(nextDay, 'same-key')).toEqual({ ticket: nextDay, duplicate: false });
    expect((await outbox.list()).map((entry) => entry.ticket.id)).toEqual([nextDay.id, first.id]);
  });

  it('reopens what a previous process left: tickets, states, unfinished writes discarded, bad files named', async () => {
    const before = await openHandoffOutbox(dir.path);
    const sent = newTicket('2026-11-27T15:00:00Z');
    const pending = newTicket('2026-11-27T15:01:00Z');
    await before.store(sent);
    await before.store(pending);
    await before.writeState(sent.id, { ...(await before.state(sent.id)), status: 'sent', sentAt: '2026-11-27T15:00:02Z' });
    // A write cut off by a crash, and a file someone broke by hand.
    await writeFile(join(dir.path, 'tickets', `.${pending.id}.json.123.abcd.tmp`), '{"ticket":');
    await writeFile(join(dir.path, 'tickets', '20261127-BROKEN0000.json'), 'not json');

    const after = await openHandoffOutbox(dir.path);
    expect(await after.unsent()).toEqual([pending.id]);
    expect((await after.get(sent.id))?.state.status).toBe('sent');
    expect(after.problems).toHaveLength(1);
    expect(after.problems[0]).toMatch(/20261127-BROKEN0000\.json/);
    expect((await readdir(join(dir.path, 'tickets'))).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('finds a ticket by its reference, and refuses ids that are not ticket ids', async () => {
    const outbox = await openHandoffOutbox(dir.path);
    const ticket = newTicket();
    await outbox.store(ticket);
    expect((await outbox.find(ticket.reference))?.ticket.id).toBe(ticket.id);
    expect(await outbox.get('../../etc/passwd')).toBeUndefined();
    await expect(outbox.store({ ...ticket, id: '../escape' })).rejects.toThrow(/invalid ticket id/);
  });

  it('fails loudly when it cannot write, so nobody is told a lost ticket was sent', async () => {
    const outbox = await openHandoffOutbox(dir.path);
    await outbox.checkWritable();
    const { rm } = await import('node:fs/promises');
    await rm(join(dir.path, 'tickets'), { recursive: true });
    await writeFile(join(dir.path, 'tickets'), 'not a directory');
    await expect(outbox.store(newTicket())).rejects.toThrow();
    await mkdir(join(dir.path, 'elsewhere'));
  });
});
