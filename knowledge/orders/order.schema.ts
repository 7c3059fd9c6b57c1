// The orders file (docs/contracts.md, "Orders file"): what an operator may put in ORDERS_FILE, validated at
// start-up so a bad file stops the service with a message naming the order and the field instead
// of failing later in front of a shopper.
import { z } from 'zod';

import { BrandIdSchema } from '../brands/brand-profile.schema.js';
import { normalizeOrderNumber } from './order-matching.js';

export const ORDER_STATUSES = ['processing', 'shipped', 'delivered', 'cancelled'] as const;

const text = z.string().trim().min(1);
// Instants must carry an offset (or Z): a bare "2026-11-04T18:00" would be read in whatever zone
// the server runs in, and business-day counting depends on the exact moment.
const instant = z.iso.datetime({ offset: true });

// Optional fields come out as null whether the file said null or left them out, so consumers
// (and persisted conversation context) see one shape.
const optional = <T extends z.ZodType>(schema: T) => schema.nullable().default(null);

export const orderItemSchema = z.object({
  sku: text,
  name: text,
  quantity: z.number().int().positive(),
  unitPrice: z.number().nonnegative(),
  // Required rather than defaulted: a missing flag would silently make a Final Sale or custom
  // piece look returnable.
  finalSale: z.boolean(),
  personalized: z.boolean(),
});

export const shipToSchema = z.object({
  country: optional(z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'must be a two-letter country code')),
  region: optional(text),
  postalCode: optional(text),
});

const baseOrder = z.object({
  /** A brand folder's name; start-up checks that the folder exists. */
  brand: BrandIdSchema,
  orderNumber: text.refine((value) => normalizeOrderNumber(value) !== '', 'must contain letters or digits'),
  email: z.string().trim().pipe(z.email()),
  customerName: optional(text),
  placedAt: optional(instant),
  shippedAt: optional(instant),
  deliveredAt: optional(instant),
  carrier: optional(text),
  trackingNumber: optional(text),
  // Shown to shoppers as a link: only web addresses, never javascript: or data: URLs.
  trackingUrl: optional(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' })),
  shipTo: optional(shipToSchema),
  items: z.array(orderItemSchema).min(1),
});

const shippedFields = { shippedAt: instant, carrier: text, trackingNumber: text };

export const processingOrderSchema = baseOrder.extend({ status: z.literal('processing') });
export const shippedOrderSchema = baseOrder.extend({ status: z.literal('shipped'), ...shippedFields });
export const deliveredOrderSchema = baseOrder.extend({ status: z.literal('delivered'), ...shippedFields, deliveredAt: instant });
export const cancelledOrderSchema = baseOrder.extend({ status: z.literal('cancelled') });

export const orderSchema = z.discriminatedUnion('status', [
  processingOrderSchema,
  shippedOrderSchema,
  deliveredOrderSchema,
  cancelledOrderSchema,
]);

export type OrderStatus = (typeof ORDER_STATUSES)[number];
export type OrderItem = z.output<typeof orderItemSchema>;
export type ShipTo = z.output<typeof shipToSchema>;
export type ProcessingOrder = z.output<typeof processingOrderSchema>;
export type ShippedOrder = z.output<typeof shippedOrderSchema>;
export type DeliveredOrder = z.output<typeof deliveredOrderSchema>;
export type CancelledOrder = z.output<typeof cancelledOrderSchema>;
export type Order = z.output<typeof orderSchema>;
/** What the file may contain (optional fields may be absent). */
export type OrderInput = z.input<typeof orderSchema>;
export interface OrdersFile {
  orders: Order[];
}

export class OrdersFileError extends Error {
  override readonly name = 'OrdersFileError';

  constructor(
    readonly sourceName: string,
    readonly problems: readonly string[],
  ) {
    const shown = problems.slice(0, MAX_PROBLEMS_SHOWN);
    const more = problems.length - shown.length;
    super(
      [`Orders file "${sourceName}" is invalid:`, ...shown.map((problem) => `  - ${problem}`), ...(more > 0 ? [`  ... and ${more} more`] : [])].join('\n'),
    );
  }
}

const MAX_PROBLEMS_SHOWN = 20;
const FIELDS_REQUIRED_BY_STATUS = new Set(['shippedAt', 'carrier', 'trackingNumber', 'deliveredAt']);

/**
 * Validates an orders file: its JSON text, or the value parsed from it. Returns the orders, or
 * throws an OrdersFileError listing every problem, each naming the order (index and order number)
 * and the field. Order numbers must be unique per brand after normalisation.
 */
export function parseOrdersFile(json: unknown, sourceName: string): Order[] {
  const data = typeof json === 'string' ? parseJson(json, sourceName) : json;
  const file = z.object({ orders: z.array(z.unknown()) }).safeParse(data);
  if (!file.success) {
    throw new OrdersFileError(sourceName, ['field "orders": the file must be a JSON object with an "orders" array']);
  }

  const problems: string[] = [];
  const orders: Order[] = [];
  file.data.orders.forEach((raw, index) => {
    const result = orderSchema.safeParse(raw, { error: requiredMessage });
    if (result.success) {
      orders.push(result.data);
      return;
    }
    for (const issue of result.error.issues) {
      const field = formatPath(issue.path);
      problems.push(`${describeOrder(raw, index)}${field === '' ? '' : `, field "${field}"`}: ${describeIssue(issue, raw)}`);
    }
  });
  if (problems.length === 0) problems.push(...findDuplicates(file.data.orders, orders));
  if (problems.length > 0) throw new OrdersFileError(sourceName, problems);
  return orders;
}

function parseJson(text: string, sourceName: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new OrdersFileError(sourceName, [`not valid JSON (${error instanceof Error ? error.message : String(error)})`]);
  }
}

const requiredMessage: z.core.$ZodErrorMap = (issue) =>
  issue.code === 'invalid_type' && (issue.input === undefined || issue.input === null) ? 'is required' : undefined;

function describeIssue(issue: z.core.$ZodIssue, raw: unknown): string {
  const field = issue.path[0];
  const status = property(raw, 'status');
  if (issue.code === 'invalid_union' && field === 'status') {
    return `must be one of ${ORDER_STATUSES.join(', ')} (got ${status === undefined ? 'nothing' : JSON.stringify(status)})`;
  }
  if (issue.path.length === 0 && issue.code === 'invalid_type') return 'each order must be a JSON object';
  if (issue.message === 'is required' && issue.path.length === 1 && typeof field === 'string' && FIELDS_REQUIRED_BY_STATUS.has(field) && typeof status === 'string') {
    return `is required for a ${status} order`;
  }
  return issue.message;
}

function findDuplicates(rawOrders: readonly unknown[], orders: readonly Order[]): string[] {
  const problems: string[] = [];
  const seen = new Map<string, { index: number; orderNumber: string }>();
  orders.forEach((order, index) => {
    const key = `${order.brand}\u0000${normalizeOrderNumber(order.orderNumber)}`;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, { index, orderNumber: order.orderNumber });
      return;
    }
    problems.push(
      `${describeOrder(rawOrders[index], index)}, field "orderNumber": same order number as orders[${first.index}] ` +
        `(orderNumber ${JSON.stringify(first.orderNumber)}) for brand "${order.brand}" ` +
        `(order numbers are compared ignoring case, a leading "#", spaces and hyphens)`,
    );
  });
  return problems;
}

function describeOrder(raw: unknown, index: number): string {
  const orderNumber = property(raw, 'orderNumber');
  return `orders[${index}] (${typeof orderNumber === 'string' ? `orderNumber ${JSON.stringify(orderNumber)}` : 'no orderNumber'})`;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out === '' ? String(key) : `${out}.${String(key)}`), '');
}

function property(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}
