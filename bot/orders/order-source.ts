// The order-source port: where the tracking and returns flows look orders up. Adapters (the JSON
// file, a store's API) implement it; the composition root picks one and may wrap it in a cache.
import type { BrandId } from '../../knowledge/brand-ids.js';
import type { Order } from '../../knowledge/orders/order.schema.js';

export interface OrderSource {
  /**
   * The order of `brand` whose number matches `orderNumber` (docs/contracts.md: ignoring case, a leading "#",
   * spaces and hyphens), or undefined. Never an order of another brand. Proving the order is the
   * shopper's (the email check) is the caller's job.
   */
  findOrder(brand: BrandId, orderNumber: string): Promise<Order | undefined>;
}

// The matching rules live in knowledge/ so the tracking machine, which may not import bot/, uses
// the very same ones.
export { emailsMatch, normalizeOrderNumber, orderNumbersMatch } from '../../knowledge/orders/order-matching.js';
