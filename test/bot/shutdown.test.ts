// On SIGTERM Clasp stops taking requests, finishes the turns in flight, and is
// gone within its bound.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { createJsonOrderSource } from '../../bot/orders/orders.json-source.js';
import { createDemoOrders } from '../../bot/orders/demo-orders.js';
import type { OrderSource } from '../../bot/orders/order-source.js';
import { activityBody, newConversationId, say, startClasp, type RunningClasp } from '../support/clasp-server.js';
import { BRAND_FOLDERS } from '../support/brands.js';

let app: RunningClasp | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** Demo orders found only after `delayMs`: a turn that is in flight for a while. */
function slowOrders(delayMs: number): OrderSource {
  const orders = createJsonOrderSource(createDemoOrders(new Date(), BRAND_FOLDERS));
  return { findOrder: async (brand, number) => new Promise((resolve) => setTimeout(() => resolve(orders.findOrder(brand, number)), delayMs)) };
}

describe('graceful shutdown', () => {
  it('finishes a turn in flight, refuses new connections, and closes', async () => {
    app = await startClasp({}, { orderSource: slowOrders(400) });
    const id = newConversationId();
    await say(app.url, 'kendra-scott-mall', id, 'track KS-100234');
    const inFlight = say(app.url, 'kendra-scott-mall', id, 'shopper@example.com');
    await new Promise((resolve) => setTimeout(resolve, 100));

    const closing = app.app.close({ graceMs: 5_000 });
    const [reply] = await inFlight;
    expect(reply?.text).toMatch(/KS-100234 has shipped/);
    await closing;
    await expect(fetch(`${app.url}/healthz`)).rejects.toThrow();
    await app.clasp.close();
    app = undefined;
  });

  it('cuts a connection still busy after the grace period', async () => {
    app = await startClasp({}, { orderSource: slowOrders(3_000) });
    const id = newConversationId();
    await say(app.url, 'kendra-scott-mall', id, 'track KS-100234');
    const body = JSON.stringify(activityBody(id, { type: 'message', text: 'shopper@example.com' }));
    const { port } = new URL(app.url);
    const cut = new Promise<string>((resolve) => {
      const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/api/brands/kendra-scott-mall/messages', headers: { 'content-type': 'application/json' } }, (res) => {
        res.resume();
        res.on('end', () => resolve(`answered ${res.statusCode}`));
      });
      req.on('error', () => resolve('cut'));
      req.end(body);
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await app.app.close({ graceMs: 300 });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await cut).toBe('cut');
    await app.clasp.close();
    app = undefined;
  });
});

describe('SIGTERM to the server process', () => {
  it('exits 0 within the bound and says so in its log', { timeout: 60_000 }, async () => {
    const outbox = mkdtempSync(join(tmpdir(), 'clasp-sigterm-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'bot/main.ts'], {
      env: { ...process.env, PORT: '0', OUTBOX_DIR: outbox, LOG_LEVEL: 'info', SHUTDOWN_GRACE_SECONDS: '2', NODE_NO_WARNINGS: '1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const lines: Array<{ msg?: string; port?: number }> = [];
      const listening = new Promise<number>((resolve, reject) => {
        createInterface({ input: child.stdout! }).on('line', (line) => {
          const entry = JSON.parse(line) as { msg?: string; port?: number };
          lines.push(entry);
          if (entry.port !== undefined) resolve(entry.port);
        });
        child.once('exit', (code) => reject(new Error(`exited ${code} before listening`)));
      });
      const port = await listening;
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      const sentAt = Date.now();
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(Date.now() - sentAt).toBeLessThan(7_000);
      expect(lines.map((entry) => entry.msg)).toEqual(expect.arrayContaining(['stopped']));
    } finally {
      child.kill('SIGKILL');
      rmSync(outbox, { recursive: true, force: true });
    }
  });
});
