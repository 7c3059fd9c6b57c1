import type { BrandProfileInput } from './brand-profile.schema.js';

const CSP = 'customer-service-policy';

const CONTACT_FORM_QUOTE = 'The only official way to contact our customer service team is through the form on the Contact Us page.';
const REFUND_QUOTE = 'Once we receive and inspect your returned item to confirm it meets the return criteria (unused, in original condition with intact packaging and tags), we will process the refund within 5-10 days.';
const RETURN_SHIPPING_QUOTE = 'return shipping costs are borne by the customer unless the return is due to a product defect or an error on our part (e.g., wrong item shipped)';
const START_RETURN_QUOTE = 'If you wish to initiate a return, please contact us through the Contact Us form first to confirm return eligibility. Our team will provide you with a detailed return guide, including the return shipping address and required documentation.';
const PRODUCT_INFO_QUOTE = 'Product information: Details about jewelry materials, sizes, care instructions, and layering styling suggestions;';
const PAYMENT_QUOTE = 'Payment-related questions: Transaction confirmation, USD currency settlement explanation, and payment failure troubleshooting;';

export const genericStoreProfile: BrandProfileInput = {
  id: 'generic-store',
  displayName: {
    operatorSetting: true,
    value: 'Generic Store',
    note: 'The document names no store. Demo default: "Generic Store"; set the storefront’s own name.',
  },
  documents: [{ id: CSP, title: 'Customer Service Policy' }],

  timeZone: {
    operatorSetting: true,
    value: 'America/New_York',
    note: 'The document names no time zone. Default: America/New_York, used to count days; set the store’s own zone.',
  },
  hours: {
    operatorSetting: true,
    value: null,
    note: 'The document states no support hours. Default: none, so the bot never tells shoppers the team is offline.',
  },

  supportInbox: {
    operatorSetting: true,
    value: 'support@generic-store.example',
    note: 'The Contact Us form (§2) is the only official channel; this is the inbox behind it that handoffs are emailed to. Demo default on a reserved domain: set the real inbox (or SUPPORT_INBOX_GENERIC_STORE). Never shown to shoppers.',
  },
  replyTime: {
    document: CSP, section: '3',
    quote: 'Generally, you will receive a response from our customer service team within 24-48 hours after submitting the form.',
    min: 24, max: 48, unit: 'hours', phrase: '24-48 hours', channel: 'contact_form',
  },
  channels: [
    { document: CSP, section: '2', quote: CONTACT_FORM_QUOTE, kind: 'contact_form', exclusive: true, say: 'through the form on the Contact Us page' },
  ],

  timelines: {
    processing: { document: CSP, section: '1', quote: 'processing progress (1-3 days for shipping preparation)', min: 1, max: 3, unit: 'days', phrase: '1-3 days' },
    delivery: { document: CSP, section: '1', quote: 'delivery updates (estimated 6-12 days delivery)', min: 6, max: 12, unit: 'days', phrase: '6-12 days' },
    refund: { document: CSP, section: '5', quote: REFUND_QUOTE, min: 5, max: 10, unit: 'days', phrase: '5-10 days', startsAfter: 'return_inspected' },
  },

  returns: {
    window: {
      document: CSP, section: '1', quote: 'Guidance on the 60-day return process',
      min: 60, max: 60, unit: 'days', phrase: '60-day', say: 'Returns follow a 60-day return process.',
    },
    windowStart: {
      operatorSetting: true,
      value: 'delivery',
      note: 'The document does not say when the 60 days start. Default: from delivery; answers call it the team’s default, never policy. Set "order" or null (verdicts then go to review).',
    },
    conditions: {
      document: CSP, section: '5', quote: '(unused, in original condition with intact packaging and tags)',
      requirements: ['unused', 'original_condition', 'original_packaging', 'tags_attached'],
    },
    confirmEligibilityFirst: { document: CSP, section: '5', quote: 'please contact us through the Contact Us form first to confirm return eligibility' },
    returnShipping: { document: CSP, section: '5', quote: RETURN_SHIPPING_QUOTE, defaultPayer: 'customer', storePaysFor: ['defective', 'wrong_item', 'our_error'] },
  },

  urgency: {
    subjectWord: {
      operatorSetting: true,
      value: 'URGENT',
      note: 'The document asks for no subject word. Default: URGENT, used if the operator names urgent cases below.',
    },
    cases: {
      operatorSetting: true,
      value: [],
      note: 'The document names no urgent cases and the Contact Us form has no priority. Default: none, so no handoff is flagged urgent.',
    },
  },

  statements: {
    'order.tracking': [{
      document: CSP, section: '4',
      quote: 'Once your order is shipped, a shipping confirmation email with tracking information will be sent to your registered email address.',
      say: 'Once your order ships, a shipping confirmation email with tracking information goes to your registered email address.',
    }],
    'order.cancel': [{
      document: CSP, section: '1', quote: 'order modification/cancellation requests (if applicable before shipment)',
      say: 'You can request a cancellation through the Contact Us form; it applies only before the order ships.',
    }],
    'order.change': [{
      document: CSP, section: '1', quote: 'order modification/cancellation requests (if applicable before shipment)',
      say: 'You can request changes through the Contact Us form, where applicable before the order ships.',
    }],
    'order.invoice': [{
      document: CSP, section: '4', quote: 'After placing an order, you will receive an order confirmation email containing basic order details.',
      say: 'Your order confirmation email contains the basic order details; for anything more, ask the team through the Contact Us form.',
    }],
    'shipping.cost': [{
      document: CSP, section: '1', quote: 'free shipping policy clarification',
      say: 'The team can clarify the store’s free shipping policy, whose terms this policy does not state.',
    }],
    'shipping.problem': [{
      document: CSP, section: '4',
      quote: 'For deliveries that exceed the estimated 6-12 day window, our team will assist you in investigating the issue with the logistics partner and provide a solution (such as reshipment or refund) based on the investigation results.',
      say: 'If delivery takes longer than the estimated 6-12 days, the team investigates with the carrier and offers a solution such as reshipment or a refund.',
    }],
    'returns.start': [{
      document: CSP, section: '5', quote: START_RETURN_QUOTE,
      say: 'First contact the team through the Contact Us form to confirm eligibility; they send a return guide with the return address and documents needed.',
    }],
    'returns.policy': [{
      document: CSP, section: '5', quote: '(unused, in original condition with intact packaging and tags)',
      say: 'Items must be unused and in original condition with intact packaging and tags, and the team confirms eligibility first.',
    }],
    'returns.shipping': [{
      document: CSP, section: '5', quote: RETURN_SHIPPING_QUOTE,
      say: 'Return shipping is paid by you unless the return is due to a product defect or the store’s error, such as a wrong item.',
    }],
    'refund.status': [{
      document: CSP, section: '5', quote: 'You will be notified via email once the refund is issued.',
      say: 'You’ll get an email once your refund is issued.',
    }],
    'product.issue': [{
      document: CSP, section: '5', quote: RETURN_SHIPPING_QUOTE,
      say: 'If an item is defective or the wrong item was shipped, the store pays the return shipping.',
    }],
    'product.info': [{
      document: CSP, section: '1', quote: PRODUCT_INFO_QUOTE,
      say: 'The team can give details on materials, sizes, care and layering through the Contact Us form.',
    }],
    'product.care': [{ document: CSP, section: '1', quote: PRODUCT_INFO_QUOTE, say: 'The team can share care instructions for your jewelry through the Contact Us form.' }],
    'payment.methods': [{ document: CSP, section: '1', quote: PAYMENT_QUOTE, say: 'Payments are settled in USD; the team can explain more through the Contact Us form.' }],
    'payment.issue': [{ document: CSP, section: '1', quote: PAYMENT_QUOTE, say: 'The team troubleshoots payment failures and confirms transactions through the Contact Us form.' }],
    'privacy.policy': [{
      document: CSP, section: '6', quote: 'We strictly protect your personal information shared during the service process in accordance with our Privacy Policy',
      say: 'Personal information you share with the team is protected under the store’s Privacy Policy, which is not among the documents I have.',
    }],
    feedback: [{
      document: CSP, section: '7',
      quote: 'If you have any suggestions for improving our products, services, or website experience, please submit them through the Contact Us form. We will carefully review each suggestion',
      say: 'Send your suggestions through the Contact Us form; the team reviews each one.',
    }],
  },
};
