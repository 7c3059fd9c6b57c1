// Through the real server listening on every address: without METRICS_TOKEN, GET /metrics answers
// only a scrape made on this host, judged by the socket's address (never X-Forwarded-For), and not
// one a proxy relays; anyone else gets the 404 of a route that does not exist. With the token set,
// the token decides, from anywhere.
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type ClaspApp } from '../../bot/app.js';
import { createClasp, type Clasp } from '../../bot/clasp.js';
import { loadConfig } from '../../bot/config.js';
import { createLogger } from '../../bot/logger.js';

let running: { app: ClaspApp; clasp: Clasp; outbox: string } | undefined;

afterEach(async () => {
  await stop();
});

async function stop(): Promise<void> {
  await running?.app.close();
  await running?.clasp.close();
  if (running !== undefined) rmSync(running.outbox, { recursive: true, force: true });
  running = undefined;
}

/** The real service on every address of this host (IPv6 and IPv4), not only loopback. */
async function startOnAllAddresses(env: Record<string, string> = {}): Promise<number> {
  const outbox = mkdtempSync(join(tmpdir(), 'clasp-metrics-'));
  const clasp = await createClasp(loadConfig({ LOG_LEVEL: 'silent', OUTBOX_DIR: outbox, ...env }), { logger: createLogger({ logLevel: 'silent' }) });
  const app = createApp(clasp);
  running = { app, clasp, outbox };
  await new Promise<void>((resolve) => app.server.listen(0, '::', resolve));
  return (app.server.address() as AddressInfo).port;
}

/** This host's first address that is not loopback, to scrape from as another machine would. */
function outsideAddress(): string | undefined {
  const addresses = Object.values(networkInterfaces()).flat();
  return addresses.find((entry) => entry !== undefined && !entry.internal && entry.family === 'IPv4')?.address;
}

function scrape(host: string, port: number, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host, port, path: '/metrics', headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('GET /metrics without METRICS_TOKEN', () => {
  it('answers a scrape from loopback, and nobody else', async () => {
    const port = await startOnAllAddresses({ TRUST_PROXY: 'true' });
    const outside = outsideAddress();
    const figures = {
      '127.0.0.1': await scrape('127.0.0.1', port),
      '::1': await scrape('::1', port),
      'loopback, relayed by a proxy (X-Forwarded-For)': await scrape('127.0.0.1', port, { 'x-forwarded-for': '203.0.113.9' }),
      'loopback, relayed by a proxy (Forwarded)': await scrape('127.0.0.1', port, { forwarded: 'for=203.0.113.9' }),
      ...(outside === undefined ? {} : { [outside]: await scrape(outside, port), [`${outside} claiming loopback`]: await scrape(outside, port, { 'x-forwarded-for': '127.0.0.1' }) }),
    };
    console.info(`GET /metrics, no METRICS_TOKEN: ${JSON.stringify(figures)}`);
    if (outside === undefined) console.warn('No address but loopback on this host: the outside scrape is not tried.');
    expect(figures).toEqual({
      '127.0.0.1': 200,
      '::1': 200,
      'loopback, relayed by a proxy (X-Forwarded-For)': 404,
      'loopback, relayed by a proxy (Forwarded)': 404,
      ...(outside === undefined ? {} : { [outside]: 404, [`${outside} claiming loopback`]: 404 }),
    });
  });

  it('leaves the token to decide once METRICS_TOKEN is set, from any address', async () => {
    const open = await startOnAllAddresses();
    const outside = outsideAddress() ?? '127.0.0.1';
    expect(await scrape(outside, open)).toBe(outside === '127.0.0.1' ? 200 : 404);
    await stop();

    const guarded = await startOnAllAddresses({ METRICS_TOKEN: 'prometheus-token-0123' });
    expect(await scrape(outside, guarded, { authorization: 'Bearer prometheus-token-0123' })).toBe(200);
    expect(await scrape(outside, guarded)).toBe(401);
    expect(await scrape('127.0.0.1', guarded)).toBe(401);
  });
});

