// The agents' API on a real restify server: 404 without ADMIN_TOKEN configured, 401 without or
// with a wrong bearer token, 200 with the list (filtered by brand and urgency) and one ticket.
import type { AddressInfo } from 'node:net';
import restify from 'restify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openHandoffOutbox, type HandoffOutbox } from '../../../bot/handoff/handoff-outbox.js';
import { registerHandoffRoutes, tokenMatches } from '../../../bot/handoff/handoff-routes.js';
import { submissionFor, tempDir, ticketFor } from './handoff-fixtures.js';
import { BRAND_IDS } from '../../support/brands.js';

const TOKEN = 'test-admin-token-0123456789';

async function serve(adminToken: string | undefined, outbox: HandoffOutbox) {
  const server = restify.createServer({ name: 'handoff-routes-test', handleUncaughtExceptions: false });
  registerHandoffRoutes(server, { outbox, adminToken, brandIds: BRAND_IDS });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function get(url: string, token?: string): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await fetch(url, { headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });
  return { status: response.status, body: await response.json(), headers: response.headers };
}

let dir: Awaited<ReturnType<typeof tempDir>>;
let outbox: HandoffOutbox;
let open: Awaited<ReturnType<typeof serve>>;
let closed: Awaited<ReturnType<typeof serve>>;
const urgentMalls = ticketFor(submissionFor('james-avery-malls', { category: 'damaged', orderNumber: 'JAM-1001' }), { now: new Date('2026-11-27T15:00:00Z') });
const plainMalls = ticketFor(submissionFor('james-avery-malls', { category: 'late_delivery' }), { now: new Date('2026-11-27T16:00:00Z') });
const urgentKendra = ticketFor(submissionFor('kendra-scott-mall', { category: 'missing_package' }), { now: new Date('2026-11-27T17:00:00Z') });

beforeAll(async () => {
  dir = await tempDir();
  outbox = await openHandoffOutbox(dir.path);
  for (const ticket of [urgentMalls, plainMalls, urgentKendra]) await outbox.store(ticket);
  const state = await outbox.state(urgentMalls.id);
  await outbox.writeState(urgentMalls.id, { ...state, status: 'sent', attempts: 2, lastError: 'ECONNREFUSED', sentAt: '2026-11-27T15:01:00Z', via: 'smtp', response: '250 ok' });
  open = await serve(TOKEN, outbox);
  closed = await serve(undefined, outbox);
});

afterAll(async () => {
  await open.close();
  await closed.close();
  await dir.remove();
});

describe('GET /api/handoffs', () => {
  it('answers 404 when no ADMIN_TOKEN is configured, token or not', async () => {
    expect((await get(`${closed.url}/api/handoffs`)).status).toBe(404);
    expect((await get(`${closed.url}/api/handoffs`, TOKEN)).status).toBe(404);
    expect((await get(`${closed.url}/api/handoffs/${urgentMalls.id}`, TOKEN)).status).toBe(404);
  });

  it('answers 401 without a token or with a wrong one', async () => {
    const missing = await get(`${open.url}/api/handoffs`);
    expect(missing.status).toBe(401);
    expect(missing.body).toEqual({ error: 'unauthorized', message: 'A valid bearer token is required.' });
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await get(`${open.url}/api/handoffs`, `${TOKEN}x`)).status).toBe(401);
    expect((await get(`${open.url}/api/handoffs`, 'short')).status).toBe(401);
    expect((await get(`${open.url}/api/handoffs/${urgentMalls.id}`, 'wrong')).status).toBe(401);
    const basic = await fetch(`${open.url}/api/handoffs`, { headers: { authorization: `Basic ${Buffer.from(`admin:${TOKEN}`).toString('base64')}` } });
    expect(basic.status).toBe(401);
  });

  it('lists tickets newest first with their delivery status', async () => {
    const { status, body } = await get(`${open.url}/api/handoffs`, TOKEN);
    expect(status).toBe(200);
    expect(body.handoffs.map((h: { id: string }) => h.id)).toEqual([urgentKendra.id, plainMalls.id, urgentMalls.id]);
    expect(body.handoffs[2]).toMatchObject({
      id: urgentMalls.id,
      reference: urgentMalls.reference,
      brand: 'james-avery-malls',
      category: 'damaged',
      urgent: true,
      subject: 'URGENT: Damaged delivery — order JAM-1001 — Jane Doe',
      to: 'support@jamesaverymalls.com',
      status: 'sent',
      failedAttempts: 2,
      sentAt: '2026-11-27T15:01:00Z',
    });
    expect(body.handoffs[1]).toMatchObject({ status: 'pending', failedAttempts: 0, urgent: false });
  });

  it('filters by brand and urgency', async () => {
    const ids = async (query: string) => (await get(`${open.url}/api/handoffs?${query}`, TOKEN)).body.handoffs.map((h: { id: string }) => h.id);
    expect(await ids('brand=james-avery-malls')).toEqual([plainMalls.id, urgentMalls.id]);
    expect(await ids('urgent=true')).toEqual([urgentKendra.id, urgentMalls.id]);
    expect(await ids('urgent=false')).toEqual([plainMalls.id]);
    expect(await ids('brand=james-avery-malls&urgent=true')).toEqual([urgentMalls.id]);
    expect(await ids('brand=generic-store')).toEqual([]);
  });

  it('rejects a filter it does not understand', async () => {
    expect((await get(`${open.url}/api/handoffs?brand=nope`, TOKEN)).status).toBe(400);
    expect((await get(`${open.url}/api/handoffs?urgent=yes`, TOKEN)).status).toBe(400);
  });
});

describe('GET /api/handoffs/:id', () => {
  it('shows one ticket, by id or by the reference the shopper was given', async () => {
    const byId = await get(`${open.url}/api/handoffs/${urgentKendra.id}`, TOKEN);
    expect(byId.status).toBe(200);
    expect(byId.body.ticket).toEqual(urgentKendra);
    expect(byId.body.delivery).toMatchObject({ status: 'pending', failedAttempts: 0 });
    const byReference = await get(`${open.url}/api/handoffs/${urgentKendra.reference.toLowerCase()}`, TOKEN);
    expect(byReference.body.ticket.id).toBe(urgentKendra.id);
  });

  it('answers 404 for an unknown id, and never reads outside the outbox', async () => {
    expect((await get(`${open.url}/api/handoffs/20990101-NOPENOPE00`, TOKEN)).status).toBe(404);
    expect((await get(`${open.url}/api/handoffs/..%2F..%2Fetc%2Fpasswd`, TOKEN)).status).toBe(404);
  });
});

describe('tokenMatches', () => {
  it('needs the exact token', () => {
    expect(tokenMatches(TOKEN, TOKEN)).toBe(true);
    expect(tokenMatches(undefined, TOKEN)).toBe(false);
    expect(tokenMatches('', TOKEN)).toBe(false);
    expect(tokenMatches(TOKEN.toUpperCase(), TOKEN)).toBe(false);
  });
});
