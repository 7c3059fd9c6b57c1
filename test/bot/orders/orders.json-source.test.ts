import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { OrdersFileError, parseOrdersFile } from '../../../knowledge/orders/order.schema.js';
import { createJsonOrderSource, loadJsonOrderSource, readOrdersFile } from '../../../bot/orders/orders.json-source.js';
import { createClasp } from '../../../bot/clasp.js';
import { ConfigError, loadConfig } from '../../../bot/config.js';
import { createLogger } from '../../../bot/logger.js';

const item = { sku: 'CHN-22', name: 'Elisa Pendant Necklace', quantity: 1, unitPrice: 68, finalSale: false, personalized: false };
const file = {
  orders: [
    { brand: 'kendra-scott-mall', orderNumber: 'KS-100234', email: 'shopper@example.com', status: 'processing', items: [item] },
    { brand: 'generic-store', orderNumber: 'GS-331040', email: 'shopper@example.com', status: 'cancelled', items: [item] },
  ],
};

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'clasp-orders-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('createJsonOrderSource', () => {
  const source = createJsonOrderSource(parseOrdersFile(file, 'test'));

  it.each(['KS-100234', 'ks-100234', '#KS-100234', '# KS 100234', 'KS100234', ' ks 100-234 '])('finds %j', async (typed) => {
    expect((await source.findOrder('kendra-scott-mall', typed))?.orderNumber).toBe('KS-100234');
  });

  it('never finds another brand’s order', async () => {
    expect(await source.findOrder('generic-store', 'KS-100234')).toBeUndefined();
    expect(await source.findOrder('james-avery-malls', 'KS-100234')).toBeUndefined();
    expect(await source.findOrder('kendra-scott-mall', 'GS-331040')).toBeUndefined();
  });

  it('finds nothing for unknown or empty numbers', async () => {
    expect(await source.findOrder('kendra-scott-mall', 'KS-100235')).toBeUndefined();
    expect(await source.findOrder('kendra-scott-mall', '#')).toBeUndefined();
    expect(await source.findOrder('kendra-scott-mall', '')).toBeUndefined();
  });

  it('returns orders no caller can change', async () => {
    const order = await source.findOrder('kendra-scott-mall', 'KS-100234');
    expect(Object.isFrozen(order)).toBe(true);
    expect(Object.isFrozen(order?.items[0])).toBe(true);
  });

  it('refuses duplicate order numbers within a brand', () => {
    const [order] = parseOrdersFile(file, 'test');
    if (!order) throw new Error('fixture');
    expect(() => createJsonOrderSource([order, { ...order, orderNumber: '#ks100234' }])).toThrow(/duplicate/);
  });
});

describe('reading ORDERS_FILE', () => {
  it('loads a valid file', async () => {
    const path = join(dir, 'orders.json');
    await writeFile(path, JSON.stringify(file));
    expect(await readOrdersFile(path)).toHaveLength(2);
    const source = await loadJsonOrderSource(path);
    expect((await source.findOrder('generic-store', 'gs331040'))?.status).toBe('cancelled');
  });

  it('stops with the file, the order and the field named when the file is invalid', async () => {
    const path = join(dir, 'bad-orders.json');
    await writeFile(path, JSON.stringify({ orders: [{ ...file.orders[0], status: 'shipped' }] }));
    await expect(readOrdersFile(path)).rejects.toBeInstanceOf(OrdersFileError);
    await expect(readOrdersFile(path)).rejects.toThrow(/bad-orders\.json[\s\S]*orders\[0\] \(orderNumber "KS-100234"\), field "shippedAt": is required for a shipped order/);
  });

  it('refuses at start-up orders of a brand no brand folder is called', async () => {
    const path = join(dir, 'stranger-orders.json');
    await writeFile(path, JSON.stringify({ orders: [file.orders[1], { ...file.orders[0], brand: 'kendra-scott' }] }));
    expect(await readOrdersFile(path)).toHaveLength(2);
    const started = createClasp(loadConfig({ LOG_LEVEL: 'silent', OUTBOX_DIR: join(dir, 'outbox'), ORDERS_FILE: path }), { logger: createLogger({ logLevel: 'silent' }) });
    await expect(started).rejects.toBeInstanceOf(ConfigError);
    await expect(started).rejects.toThrow(/ORDERS_FILE: orders of "kendra-scott", which no brand folder is called/);
  });

  it('names a file it cannot read', async () => {
    await expect(readOrdersFile(join(dir, 'missing.json'))).rejects.toThrow(/Cannot read orders file ".*missing\.json"/);
  });
});
