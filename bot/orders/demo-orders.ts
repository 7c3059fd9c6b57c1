// Demo orders, used when no ORDERS_FILE is configured, so a newcomer can try tracking at once.
// Every brand gets one order of each kind, dated relative to `now` (start-up) so each stays true:
// a "shipped" order is still in transit, a "late" one is past any 6-12 (business) day delivery
// window, a recent delivery is inside a 30-day return window and an old one is well outside it.
// Shoppers, emails and tracking links are on example domains only.
import type { BrandId } from '../../knowledge/brand-ids.js';
import { parseOrdersFile, type Order, type OrderInput, type OrderItem, type OrdersFile, type OrderStatus } from '../../knowledge/orders/order.schema.js';

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

const item = (sku: string, name: string, unitPrice: number, flags: Partial<Pick<OrderItem, 'quantity' | 'finalSale' | 'personalized'>> = {}): OrderItem => ({
  sku,
  name,
  quantity: flags.quantity ?? 1,
  unitPrice,
  finalSale: flags.finalSale ?? false,
  personalized: flags.personalized ?? false,
});

const ups = (trackingNumber: string) => ({ carrier: 'UPS', trackingNumber });
const usps = (trackingNumber: string) => ({ carrier: 'USPS', trackingNumber });
const fedex = (trackingNumber: string) => ({ carrier: 'FedEx', trackingNumber });

const AUSTIN = { country: 'US', region: 'TX', postalCode: '78701' };
const QUINCY = { country: 'US', region: 'MA', postalCode: '02169' };
const DENVER = { country: 'US', region: 'CO', postalCode: '80202' };
const ATLANTA = { country: 'US', region: 'GA', postalCode: '30303' };

const SPECS: readonly DemoOrderSpec[] = [
  // james-avery-malls: a custom (personalized) piece in a multi-item order.
  { brand: 'james-avery-malls', kind: 'processing', orderNumber: 'JAM-204810', email: 'shopper@example.com', customerName: 'Sample Shopper', shipTo: AUSTIN, items: [item('JAM-CH-118', 'Sterling Silver Heart Charm', 42)] },
  { brand: 'james-avery-malls', kind: 'shipped', orderNumber: 'JAM-204811', email: 'jordan@example.com', customerName: 'Jordan Example', shipTo: DENVER, items: [item('JAM-RG-204', 'Twisted Wire Ring', 58)], tracking: ups('1Z999AA10123456784') },
  { brand: 'james-avery-malls', kind: 'late', orderNumber: 'JAM-204812', email: 'riley@example.com', customerName: 'Riley Example', shipTo: ATLANTA, items: [item('JAM-BR-310', 'Charm Bracelet', 74)], tracking: ups('1Z999AA10123456791') },
  {
    brand: 'james-avery-malls',
    kind: 'delivered-recent',
    orderNumber: 'JAM-204813',
    email: 'casey@example.com',
    customerName: 'Casey Example',
    shipTo: AUSTIN,
    items: [
      item('JAM-CU-501', 'Custom Engraved Initial Pendant', 95, { personalized: true }),
      item('JAM-CH-118', 'Sterling Silver Heart Charm', 42, { quantity: 2 }),
      item('JAM-NK-220', 'Cable Chain Necklace, 18 in.', 36),
    ],
    tracking: usps('9400100000000000000012'),
  },
  { brand: 'james-avery-malls', kind: 'delivered-long-ago', orderNumber: 'JAM-204814', email: 'morgan@example.com', customerName: 'Morgan Example', shipTo: DENVER, items: [item('JAM-ER-145', 'Petite Hoop Earrings', 48)], tracking: usps('9400100000000000000029') },
  { brand: 'james-avery-malls', kind: 'cancelled', orderNumber: 'JAM-204815', email: 'taylor@example.com', customerName: 'Taylor Example', shipTo: ATLANTA, items: [item('JAM-RG-204', 'Twisted Wire Ring', 58)] },

  // james-avery-artisan
  { brand: 'james-avery-artisan', kind: 'processing', orderNumber: 'JAA-530120', email: 'shopper@example.com', customerName: 'Sample Shopper', shipTo: QUINCY, items: [item('JAA-PD-010', 'Hammered Silver Pendant', 88)] },
  { brand: 'james-avery-artisan', kind: 'shipped', orderNumber: 'JAA-530121', email: 'jordan@example.com', customerName: 'Jordan Example', shipTo: QUINCY, items: [item('JAA-CF-022', 'Hand-Forged Cuff Bracelet', 120)], tracking: fedex('999999990012') },
  { brand: 'james-avery-artisan', kind: 'late', orderNumber: 'JAA-530122', email: 'riley@example.com', customerName: 'Riley Example', shipTo: DENVER, items: [item('JAA-RG-031', 'Stacking Band Ring', 64)], tracking: fedex('999999990029') },
  {
    brand: 'james-avery-artisan',
    kind: 'delivered-recent',
    orderNumber: 'JAA-530123',
    email: 'casey@example.com',
    customerName: 'Casey Example',
    shipTo: QUINCY,
    items: [item('JAA-ER-040', 'Artisan Drop Earrings', 72), item('JAA-NK-041', 'Engraved Name Necklace', 110, { personalized: true })],
    tracking: usps('9400100000000000000036'),
  },
  { brand: 'james-avery-artisan', kind: 'delivered-long-ago', orderNumber: 'JAA-530124', email: 'morgan@example.com', customerName: 'Morgan Example', shipTo: AUSTIN, items: [item('JAA-PD-010', 'Hammered Silver Pendant', 88)], tracking: usps('9400100000000000000043') },
  { brand: 'james-avery-artisan', kind: 'cancelled', orderNumber: 'JAA-530125', email: 'taylor@example.com', customerName: 'Taylor Example', shipTo: QUINCY, items: [item('JAA-CF-022', 'Hand-Forged Cuff Bracelet', 120)] },

  // kendra-scott-mall: a Final Sale item; KS-100234 is the example order of docs/contracts.md.
  { brand: 'kendra-scott-mall', kind: 'processing', orderNumber: 'KS-100233', email: 'riley@example.com', customerName: 'Riley Example', shipTo: ATLANTA, items: [item('EAR-14', 'Stone Stud Earrings', 50)] },
  { brand: 'kendra-scott-mall', kind: 'shipped', orderNumber: 'KS-100234', email: 'shopper@example.com', customerName: 'Sample Shopper', shipTo: AUSTIN, items: [item('CHN-22', 'Elisa Pendant Necklace', 68)], tracking: ups('1Z999AA10123456808') },
  { brand: 'kendra-scott-mall', kind: 'late', orderNumber: 'KS-100235', email: 'jordan@example.com', customerName: 'Jordan Example', shipTo: DENVER, items: [item('BRC-07', 'Beaded Stretch Bracelet', 45)], tracking: ups('1Z999AA10123456815') },
  {
    brand: 'kendra-scott-mall',
    kind: 'delivered-recent',
    orderNumber: 'KS-100236',
    email: 'casey@example.com',
    customerName: 'Casey Example',
    shipTo: AUSTIN,
    items: [
      item('CHN-22', 'Elisa Pendant Necklace', 68),
      item('EAR-31', 'Drop Earrings (Final Sale)', 38, { finalSale: true }),
      item('CHN-40', 'Personalized Initial Necklace', 78, { personalized: true }),
    ],
    tracking: usps('9400100000000000000050'),
  },
  { brand: 'kendra-scott-mall', kind: 'delivered-long-ago', orderNumber: 'KS-100237', email: 'morgan@example.com', customerName: 'Morgan Example', shipTo: ATLANTA, items: [item('RNG-05', 'Band Ring', 55)], tracking: usps('9400100000000000000067') },
  { brand: 'kendra-scott-mall', kind: 'cancelled', orderNumber: 'KS-100238', email: 'taylor@example.com', customerName: 'Taylor Example', shipTo: DENVER, items: [item('EAR-14', 'Stone Stud Earrings', 50)] },

  // generic-store
  { brand: 'generic-store', kind: 'processing', orderNumber: 'GS-331040', email: 'shopper@example.com', customerName: 'Sample Shopper', shipTo: DENVER, items: [item('GS-NK-01', 'Gold-Plated Chain Necklace', 29)] },
  { brand: 'generic-store', kind: 'shipped', orderNumber: 'GS-331041', email: 'jordan@example.com', customerName: 'Jordan Example', shipTo: ATLANTA, items: [item('GS-ER-02', 'Pearl Stud Earrings', 24)], tracking: usps('9400100000000000000074') },
  { brand: 'generic-store', kind: 'late', orderNumber: 'GS-331042', email: 'riley@example.com', customerName: 'Riley Example', shipTo: AUSTIN, items: [item('GS-BR-03', 'Tennis Bracelet', 49)], tracking: usps('9400100000000000000081') },
  {
    brand: 'generic-store',
    kind: 'delivered-recent',
    orderNumber: 'GS-331043',
    email: 'casey@example.com',
    customerName: 'Casey Example',
    shipTo: QUINCY,
    items: [item('GS-RG-04', 'Stackable Ring Set', 32), item('GS-ER-05', 'Huggie Hoop Earrings', 27, { finalSale: true }), item('GS-KC-06', 'Monogram Keychain', 19, { personalized: true })],
    tracking: ups('1Z999AA10123456822'),
  },
  { brand: 'generic-store', kind: 'delivered-long-ago', orderNumber: 'GS-331044', email: 'morgan@example.com', customerName: 'Morgan Example', shipTo: DENVER, items: [item('GS-NK-01', 'Gold-Plated Chain Necklace', 29)], tracking: ups('1Z999AA10123456839') },
  { brand: 'generic-store', kind: 'cancelled', orderNumber: 'GS-331045', email: 'taylor@example.com', customerName: 'Taylor Example', shipTo: ATLANTA, items: [item('GS-ER-02', 'Pearl Stud Earrings', 24)] },
];

/** The demo orders, validated by the orders-file schema, dated relative to `now`. */
export function createDemoOrders(now: Date): Order[] {
  const nowMs = now.getTime();
  if (!Number.isFinite(nowMs)) throw new RangeError('createDemoOrders: invalid date');
  return parseOrdersFile({ orders: SPECS.map((spec) => toOrderInput(spec, nowMs)) }, 'demo orders');
}

/** Which demo order is which (for the README, and for tests that check each stays true). */
export function demoOrderSummaries(): DemoOrderSummary[] {
  return SPECS.map(({ brand, orderNumber, email, kind }) => ({ brand, orderNumber, email, kind, status: STATUS_OF[kind] }));
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
