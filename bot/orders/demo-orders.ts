// Demo orders, used when no ORDERS_FILE is configured, so a newcomer can try tracking at once.
// Each brand folder's demo-orders.yaml lists them (the shipped stores have one order of each kind), dated relative to `now` (start-up) so each stays true:
// a "shipped" order is still in transit, a "late" one is past any 6-12 (business) day delivery
// window, a recent delivery is inside a 30-day return window and an old one is well outside it.
// Shoppers, emails and tracking links are on example domains only.
import { join } from 'node:path';
import { z } from 'zod';
import type { BrandId } from '../../knowledge/brand-ids.js';
import { DEMO_ORDERS_FILE } from '../../knowledge/brands/brand-folders.js';
import { OrdersFileError, parseOrdersFile, type Order, type OrderInput, type OrderItem, type OrderStatus } from '../../knowledge/orders/order.schema.js';

export const DEMO_ORDER_KINDS = ['processing', 'shipped', 'late', 'delivered-recent', 'delivered-long-ago', 'cancelled'] as const;
export type DemoOrderKind = (typeof DEMO_ORDER_KINDS)[number];

export interface DemoOrderSummary {
  brand: BrandId;
  orderNumber: string;
  email: string;
  status: OrderStatus;
  kind: DemoOrderKind;
}

interface DemoOrderSpec {
  brand: BrandId;
  kind: DemoOrderKind;
  orderNumber: string;
  email: string;
  customerName: string;
  shipTo: { country: string; region: string; postalCode: string };
  items: OrderItem[];
  tracking?: { carrier: string; trackingNumber: string };
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

// Ages in milliseconds before `now`. Late: shipped 25 days ago, so even 12 business days with
// three holidays in between (Christmas, New Year, MLK Day) ended days ago. Shipped on time:
// shipped 20 hours ago, before the earliest delivery day of any window.
const TIMELINE: Record<DemoOrderKind, { placed: number; shipped?: number; delivered?: number }> = {
  processing: { placed: 3 * HOUR },
  shipped: { placed: 3 * DAY, shipped: 20 * HOUR },
  late: { placed: 27 * DAY, shipped: 25 * DAY },
  'delivered-recent': { placed: 14 * DAY, shipped: 12 * DAY, delivered: 5 * DAY },
  'delivered-long-ago': { placed: 100 * DAY, shipped: 98 * DAY, delivered: 90 * DAY },
  cancelled: { placed: 4 * DAY },
};

const STATUS_OF: Record<DemoOrderKind, OrderStatus> = {
  processing: 'processing',
  shipped: 'shipped',
  late: 'shipped',
  'delivered-recent': 'delivered',
  'delivered-long-ago': 'delivered',
  cancelled: 'cancelled',
};

const DemoOrderSpecSchema = z.strictObject({
  kind: z.enum(DEMO_ORDER_KINDS),
  orderNumber: z.string().min(1),
  email: z.string().min(1),
  customerName: z.string().min(1),
  shipTo: z.strictObject({ country: z.string(), region: z.string(), postalCode: z.string() }),
  items: z.array(z.strictObject({
    sku: z.string().min(1),
    name: z.string().min(1),
    unitPrice: z.number().nonnegative(),
    quantity: z.number().int().positive().default(1),
    finalSale: z.boolean().default(false),
    personalized: z.boolean().default(false),
  })).min(1),
  tracking: z.strictObject({ carrier: z.string().min(1), trackingNumber: z.string().min(1) }).optional(),
});
const DemoOrdersFileSchema = z.strictObject({ orders: z.array(DemoOrderSpecSchema) });

/** A brand folder as far as its demo orders go (knowledge/brands/brand-folders.ts). */
export interface DemoOrdersFolder {
  id: BrandId;
  folder: string;
  demoOrders(): unknown;
}

/** Each folder's demo-orders.yaml, validated; a folder without one has no demo orders. */
function specsOf(folders: readonly DemoOrdersFolder[]): DemoOrderSpec[] {
  return folders.flatMap(({ id, folder, demoOrders: read }) => {
    const demoOrders = read();
    if (demoOrders === undefined) return [];
    const parsed = DemoOrdersFileSchema.safeParse(demoOrders);
    if (!parsed.success) throw new OrdersFileError(join(folder, DEMO_ORDERS_FILE), parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
    return parsed.data.orders.map((spec) => ({ brand: id, ...spec }));
  });
}

/** The demo orders, validated by the orders-file schema, dated relative to `now`. */
export function createDemoOrders(now: Date, folders: readonly DemoOrdersFolder[]): Order[] {
  const nowMs = now.getTime();
  if (!Number.isFinite(nowMs)) throw new RangeError('createDemoOrders: invalid date');
  return parseOrdersFile({ orders: specsOf(folders).map((spec) => toOrderInput(spec, nowMs)) }, 'demo orders');
}

/** Which demo order is which (for the README, and for tests that check each stays true). */
export function demoOrderSummaries(folders: readonly DemoOrdersFolder[]): DemoOrderSummary[] {
  return specsOf(folders).map(({ brand, orderNumber, email, kind }) => ({ brand, orderNumber, email, kind, status: STATUS_OF[kind] }));
}

function toOrderInput(spec: DemoOrderSpec, nowMs: number): OrderInput {
  const timeline = TIMELINE[spec.kind];
  const ago = (ms: number | undefined): string | null => (ms === undefined ? null : new Date(nowMs - ms).toISOString());
  const base = {
    brand: spec.brand,
    orderNumber: spec.orderNumber,
    email: spec.email,
    customerName: spec.customerName,
    placedAt: ago(timeline.placed),
    shipTo: spec.shipTo,
    items: spec.items,
  };
  const status = STATUS_OF[spec.kind];
  if (status === 'processing' || status === 'cancelled') return { ...base, status };
  if (!spec.tracking) throw new Error(`demo order ${spec.orderNumber} needs tracking details`);
  const shipped = {
    ...base,
    ...spec.tracking,
    shippedAt: ago(timeline.shipped) ?? '',
    trackingUrl: `https://tracking.example.com/${spec.tracking.carrier.toLowerCase()}/${spec.tracking.trackingNumber}`,
  };
  return status === 'shipped' ? { ...shipped, status } : { ...shipped, status, deliveredAt: ago(timeline.delivered) ?? '' };
}
