// Shopper words with digits or the word "order" in them that name no order: the order-number
// reader and the Reading step must both leave them alone. A street number or a ZIP code is never
// an order number.
export const TEXTS_WITHOUT_AN_ORDER_NUMBER = [
  'where is my order',
  'I ordered 2 rings',
  'shipping to 78701',
  'it costs $68.00',
  'tracking 1Z999AA10123456784',
  'call me at 555-123-4567',
  'order a bracelet',
  'new address is 400 Pine St, Atlanta GA 30303',
  'it should go to 12 Elm Street, Quincy MA 02169 instead',
  'ship it to Denver CO 80203-1234',
] as const;
