// The embedded default order source: a JSON orders file (docs/contracts.md, "Orders file"), or the demo
// orders, held in memory and indexed by brand and normalised order number.
import { readFile } from 'node:fs/promises';

import type { BrandId } from '../../knowledge/brand-ids.js';
import { normalizeOrderNumber } from '../../knowledge/orders/order-matching.js';
import type { OrderSource } from './order-source.js';
import { parseOrdersFile, type Order } from '../../knowledge/orders/order.schema.js';
import { deepFreeze } from '../../knowledge/deep-freeze.js';

/**
 * An OrderSource over orders already validated (by parseOrdersFile or createDemoOrders). Orders are
 * copied and frozen so a caller cannot change what the next shopper is told.
 */
export function createJsonOrderSource(orders: readonly Order[]): OrderSource {
  const index = new Map<string, Order>();
  for (const order of orders) {
    const key = keyOf(order.brand, order.orderNumber);
    if (index.has(key)) throw new Error(`duplicate order number ${JSON.stringify(order.orderNumber)} for brand "${order.brand}"`);
    index.set(key, deepFreeze(structuredClone(order)));
  }
  return {
    findOrder(brand: BrandId, orderNumber: string): Promise<Order | undefined> {
      if (normalizeOrderNumber(orderNumber) === '') return Promise.resolve(undefined);
      return Promise.resolve(index.get(keyOf(brand, orderNumber)));
    },
  };
}

/**
 * Reads and validates the orders file at `path` (ORDERS_FILE; the caller reads the config). Throws
 * an error naming the file, and for invalid content the order and field, so start-up can stop.
 */
export async function readOrdersFile(path: string): Promise<Order[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read orders file "${path}": ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return parseOrdersFile(text, path);
}

export async function loadJsonOrderSource(path: string): Promise<OrderSource> {
  return createJsonOrderSource(await readOrdersFile(path));
}

// The NUL separator keeps a brand id and an order number from running into each other.
function keyOf(brand: string, orderNumber: string): string {
  return `${brand}\u0000${normalizeOrderNumber(orderNumber)}`;
}

