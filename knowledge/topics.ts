// The topic catalog (docs/contracts.md): every bot message names exactly one of these in
// channelData.support.topic, and the routing measurement compares against them.
export const TOPICS = [
  'greeting', 'help', 'thanks', 'goodbye',
  'order.tracking', 'order.cancel', 'order.change', 'order.place', 'order.invoice',
  'shipping.timeline', 'shipping.cost', 'shipping.international', 'shipping.problem',
  'returns.start', 'returns.policy', 'returns.shipping', 'refund.timeline', 'refund.status',
  'product.issue', 'product.info', 'product.care', 'product.custom', 'product.final_sale',
  'payment.methods', 'payment.issue',
  'account.help', 'account.delete', 'privacy.policy', 'privacy.marketing',
  'contact.channels', 'contact.hours', 'contact.response_time', 'complaint', 'feedback',
  'handoff.human', 'policy.other', 'out_of_scope',
] as const;

export type Topic = (typeof TOPICS)[number];

export function isTopic(value: unknown): value is Topic {
  return typeof value === 'string' && (TOPICS as readonly string[]).includes(value);
}

/**
 * Topics the topic model is never trained on: the Reading step (knowledge/reading/topic-reading.ts)
 * gives them when the brand's documents answer a policy question no other topic covers.
 */
export const RESOLVER_TOPICS = ['policy.other'] as const satisfies readonly Topic[];

/** Topics that start a multi-turn flow instead of answering from the knowledge base. */
export const FLOW_TOPICS = ['order.tracking', 'returns.start', 'handoff.human'] as const satisfies readonly Topic[];

/** The topic of each flow: its prompts carry it, and a follow-up leans on it. */
export const FLOW_TOPIC = { tracking: 'order.tracking', returns: 'returns.start', handoff: 'handoff.human' } as const satisfies Record<string, Topic>;

/** Small talk the bot answers itself, the same for every brand. */
export const SMALL_TALK_TOPICS = ['greeting', 'help', 'thanks', 'goodbye', 'out_of_scope'] as const satisfies readonly Topic[];

/**
 * How each topic is offered to a shopper as a choice ("Did you mean…", follow-ups).
 * `value` is what the shopper would type; the Reading step must read it back as the topic.
 */
export const TOPIC_CHOICES: Record<Topic, { title: string; value: string }> = {
  greeting: { title: 'Hello', value: 'hello' },
  help: { title: 'What can you do?', value: 'what can you help me with' },
  thanks: { title: 'Thanks', value: 'thank you' },
  goodbye: { title: 'Bye', value: 'goodbye' },
  'order.tracking': { title: 'Track my order', value: 'track my order' },
  'order.cancel': { title: 'Cancel an order', value: 'cancel my order' },
  'order.change': { title: 'Change an order', value: 'change my order' },
  'order.place': { title: 'Place an order', value: 'how do I place an order' },
  'order.invoice': { title: 'Get an invoice', value: 'I need an invoice' },
  'shipping.timeline': { title: 'Shipping & delivery', value: 'how long does shipping take' },
  'shipping.cost': { title: 'Shipping cost', value: 'how much is shipping' },
  'shipping.international': { title: 'International shipping', value: 'do you ship internationally' },
  'shipping.problem': { title: 'Problem with a delivery', value: 'my package is late' },
  'returns.start': { title: 'Start a return', value: 'start a return' },
  'returns.policy': { title: 'Return policy', value: 'what is your return policy' },
  'returns.shipping': { title: 'Return shipping', value: 'who pays for return shipping' },
  'refund.timeline': { title: 'Refund timing', value: 'how long do refunds take' },
  'refund.status': { title: 'Refund status', value: 'where is my refund' },
  'product.issue': { title: 'Damaged or wrong item', value: 'my item arrived damaged' },
  'product.info': { title: 'Product details', value: 'what are your pieces made of' },
  'product.care': { title: 'Jewelry care', value: 'how do I care for my jewelry' },
  'product.custom': { title: 'Custom & personalized', value: 'can I order a personalized piece' },
  'product.final_sale': { title: 'Final sale items', value: 'can I return a final sale item' },
  'payment.methods': { title: 'Payment methods', value: 'what payment methods do you accept' },
  'payment.issue': { title: 'Payment problem', value: 'my payment failed' },
  'account.help': { title: 'Account help', value: 'I need help with my account' },
  'account.delete': { title: 'Delete my account', value: 'delete my account' },
  'privacy.policy': { title: 'Privacy', value: 'how do you use my personal data' },
  'privacy.marketing': { title: 'Marketing emails', value: 'unsubscribe me from your newsletter' },
  'contact.channels': { title: 'How to contact you', value: 'how can I contact you' },
  'contact.hours': { title: 'Support hours', value: 'what are your support hours' },
  'contact.response_time': { title: 'Reply times', value: 'how fast do you reply' },
  complaint: { title: 'Make a complaint', value: 'I want to make a complaint' },
  feedback: { title: 'Leave feedback', value: 'I want to leave feedback' },
  'handoff.human': { title: 'Talk to a person', value: 'talk to a person' },
  'policy.other': { title: 'Another policy question', value: 'I have another policy question' },
  out_of_scope: { title: 'Something else', value: 'something else' },
};
