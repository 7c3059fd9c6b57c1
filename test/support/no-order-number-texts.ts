// Shopper words with digits or the word "order" in them that name no order: the order-number
// reader and the understanding step's entities must both leave them alone.
export const TEXTS_WITHOUT_AN_ORDER_NUMBER = [
  'where is my order',
  'I ordered 2 rings',
  'shipping to 78701',
  'it costs $68.00',
  'tracking 1Z999AA10123456784',
  'call me at 555-123-4567',
  'order a bracelet',
] as const;
