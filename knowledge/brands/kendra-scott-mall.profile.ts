import type { BrandProfileInput } from './brand-profile.schema.js';

const CSP = 'customer-service-policy';

const INBOX_QUOTE = 'Reach our customer service team via email at support@kendrascottmall.com.';
const TIMELINES_QUOTE = 'we explicitly communicate our 1-3 day order processing, 6-12 day delivery, and 5-10 day refund timelines';
const URGENT_QUOTE = 'For urgent matters—such as missing shipments or defective items reported within the 7-day window (per our Refund Policy)—we prioritize resolution';
const ORDER_MANAGEMENT_QUOTE = 'Order Management: Help with tracking existing orders, updating shipping addresses (where possible), modifying order details (within the cancellation window outlined in our Shipping Policy), and resolving order-related issues (e.g., missing items, delayed dispatch).';
const FINAL_SALE_QUOTE = 'For items marked as “Final Sale” (per our Refund Policy), we clearly explain why they are non-refundable and offer pre-purchase support to help you make an informed decision (e.g., verifying sizing or product details).';
const POST_PURCHASE_QUOTE = 'Post-Purchase Support: Guidance on returns and refunds (in line with our Refund Policy), assistance with defective or damaged items, and support for replacement requests.';
const ACCOUNTABILITY_QUOTE = 'If an issue arises (e.g., a delayed order, incorrect item), we take responsibility and work proactively to resolve it. This may include expediting a replacement, processing a refund, or reimbursing return shipping costs (for eligible cases like defective items).';
const RETURN_SHIPPING_QUOTE = 'reimbursing return shipping costs (for eligible cases like defective items)';
const GENERAL_ASSISTANCE_QUOTE = 'General Assistance: Answers to questions about our website functionality, payment methods (all transactions in USD), free shipping policy, and other service-related queries.';

export const kendraScottMallProfile: BrandProfileInput = {
  id: 'kendra-scott-mall',
  displayName: { document: CSP, section: 'intro', quote: 'At Kendra Scott Mall (kendrascottmall.com)', value: 'Kendra Scott Mall' },
  documents: [{ id: CSP, title: 'Customer Service Policy' }],

  timeZone: {
    operatorSetting: true,
    value: 'America/New_York',
    note: 'The policy names no time zone. Default: America/New_York, used to count business days; set the store’s own zone.',
  },
  hours: {
    operatorSetting: true,
    value: null,
    note: 'The policy states no support hours. Default: none, so the bot never tells shoppers the team is offline; set { weekdays, open, close } to enable that.',
  },

  supportInbox: { document: CSP, section: '2', quote: INBOX_QUOTE, address: 'support@kendrascottmall.com' },
  replyTime: {
    document: CSP, section: '2',
    quote: 'We aim to respond to all inquiries within 1-2 business days (excluding weekends and holidays).',
    min: 1, max: 2, unit: 'business_days', phrase: '1-2 business days', channel: 'email',
  },
  channels: [
    { document: CSP, section: '2', quote: INBOX_QUOTE, kind: 'email', address: 'support@kendrascottmall.com', say: 'by email at support@kendrascottmall.com' },
  ],

  timelines: {
    processing: { document: CSP, section: '3', quote: TIMELINES_QUOTE, min: 1, max: 3, unit: 'days', phrase: '1-3 day' },
    delivery: { document: CSP, section: '3', quote: TIMELINES_QUOTE, min: 6, max: 12, unit: 'days', phrase: '6-12 day' },
    refund: { document: CSP, section: '3', quote: TIMELINES_QUOTE, min: 5, max: 10, unit: 'days', phrase: '5-10 day' },
  },

  returns: {
    window: {
      operatorSetting: true,
      value: null,
      note: 'Not stated: the policy defers to a Refund Policy that is not among the documents. Default: none, so return verdicts go to the team for review (policy_silent).',
    },
    windowStart: { operatorSetting: true, value: null, note: 'Not stated. Default: none (there is no window to start).' },
    returnShipping: { document: CSP, section: '3', quote: RETURN_SHIPPING_QUOTE, defaultPayer: null, storePaysFor: ['defective'] },
    finalSaleNonRefundable: { document: CSP, section: '4', quote: FINAL_SALE_QUOTE },
    defectReportWindow: { document: CSP, section: '2', quote: URGENT_QUOTE, min: 7, max: 7, unit: 'days', phrase: '7-day' },
    productIssues: [
      {
        document: CSP, section: '1', quote: POST_PURCHASE_QUOTE, issues: ['damaged', 'defective'],
        say: 'The team assists with defective or damaged items and supports replacement requests.',
      },
      {
        document: CSP, section: '3', quote: ACCOUNTABILITY_QUOTE, issues: ['wrong_item'],
        say: 'For an incorrect item, the team takes responsibility and resolves it, for example by expediting a replacement or processing a refund.',
      },
    ],
  },

  urgency: {
    subjectWord: {
      operatorSetting: true,
      value: 'URGENT',
      note: 'The policy asks for no subject word. Default: URGENT, prefixed to handoff subjects for the urgent cases the policy names.',
    },
    cases: {
      document: CSP, section: '2', quote: URGENT_QUOTE,
      cases: ['missing', 'defective'], say: 'missing shipments and defective items reported within the 7-day window',
    },
  },

  shippingTerms: {
    operatorSetting: true,
    value: null,
    note: '§1 mentions a free shipping policy without its terms. Default: none; answers say the terms are not stated.',
  },

  statements: {
    'order.tracking': [{ document: CSP, section: '1', quote: ORDER_MANAGEMENT_QUOTE, say: 'The team helps with tracking existing orders.' }],
    'order.cancel': [{
      document: CSP, section: '1', quote: ORDER_MANAGEMENT_QUOTE,
      say: 'Cancellations and changes follow the cancellation window in the store’s Shipping Policy, which is not among the documents I have; the team can check your order.',
    }],
    'order.change': [{
      document: CSP, section: '1', quote: ORDER_MANAGEMENT_QUOTE,
      say: 'The team can update shipping addresses where possible and modify order details within the cancellation window set in the Shipping Policy.',
    }],
    'shipping.cost': [{
      document: CSP, section: '1', quote: GENERAL_ASSISTANCE_QUOTE,
      say: 'The team answers questions about the store’s free shipping policy, whose terms this policy does not state.',
    }],
    'shipping.international': [{
      document: CSP, section: '4',
      quote: 'We provide clarification on international shipping (e.g., delivery timelines, customs duties that may apply) and assist with tracking inquiries for shipments outside our primary regions.',
      say: 'The team can clarify international shipping, including delivery timelines and customs duties that may apply.',
    }],
    'shipping.problem': [{ document: CSP, section: '1', quote: ORDER_MANAGEMENT_QUOTE, say: 'The team resolves order issues such as missing items and delayed dispatch.' }],
    'returns.start': [{
      document: CSP, section: '3',
      quote: 'we ensure our responses are easy to understand and include step-by-step guidance (e.g., how to initiate a refund, where to ship a returned item)',
      say: 'The team sends step-by-step guidance, including how to start a refund and where to ship the returned item.',
    }],
    'returns.policy': [
      {
        document: CSP, section: '1', quote: 'Guidance on returns and refunds (in line with our Refund Policy)',
        say: 'Returns follow the store’s Refund Policy, and the team guides you through them.',
      },
      { document: CSP, section: '4', quote: FINAL_SALE_QUOTE, say: 'Items marked “Final Sale” are non-refundable.' },
    ],
    'returns.shipping': [{
      document: CSP, section: '3', quote: RETURN_SHIPPING_QUOTE,
      say: 'The team may resolve an issue by reimbursing return shipping costs, for eligible cases like defective items.',
    }],
    'refund.status': [{
      document: CSP, section: '6',
      quote: 'If a resolution requires multiple steps (e.g., processing a refund and shipping a replacement), we provide regular updates to keep you informed until the issue is fully resolved.',
      say: 'The team sends regular updates until your refund is fully processed.',
    }],
    'product.issue': [
      {
        document: CSP, section: '1',
        quote: POST_PURCHASE_QUOTE,
        say: 'The team helps with defective or damaged items and replacement requests.',
      },
      {
        document: CSP, section: '2', quote: 'for post-purchase issues, attach photos (e.g., of damaged items) when possible.',
        say: 'Photos of the item help when you can add them.',
      },
    ],
    'product.info': [{
      document: CSP, section: '1',
      quote: 'Pre-Purchase Inquiries: Assistance with product details (e.g., materials, sizing, availability of exclusive limited-edition jewelry)',
      say: 'The team can help with product details such as materials, sizing and availability of limited-edition jewelry.',
    }],
    'product.custom': [{
      document: CSP, section: '4',
      quote: 'If you have questions about customization options (e.g., engraving fonts, material choices) or need to modify a personalized order, our team can guide you through the process—including confirming changes before production to avoid errors.',
      say: 'The team can guide you through personalization options such as engraving fonts and materials, and confirms any changes before production.',
    }],
    'product.final_sale': [{
      document: CSP, section: '4', quote: FINAL_SALE_QUOTE,
      say: 'Items marked “Final Sale” are non-refundable; the team can help verify sizing or details before you buy.',
    }],
    'payment.methods': [{
      document: CSP, section: '1', quote: GENERAL_ASSISTANCE_QUOTE,
      say: 'All transactions are in USD, and the team can answer questions about payment methods.',
    }],
    complaint: [{
      document: CSP, section: '3',
      quote: ACCOUNTABILITY_QUOTE,
      say: 'If something went wrong, the team takes responsibility and works to resolve it, for example with a replacement, a refund or reimbursed return shipping.',
    }],
    feedback: [{
      document: CSP, section: '5', quote: 'please share them via support@kendrascottmall.com. We review customer feedback regularly',
      say: 'Share your suggestions at support@kendrascottmall.com; the team reviews feedback regularly.',
    }],
  },
};
