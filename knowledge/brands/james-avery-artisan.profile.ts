import type { BrandProfileInput } from './brand-profile.schema.js';

const CSP = 'customer-service-policy';

const HOURS_QUOTE = 'Business Hours: Monday to Friday, 9:00 AM – 5:00 PM (Eastern Time, ET).';
const URGENT_QUOTE = 'For urgent matters, please include “Urgent” in the email subject line to prioritize your request.';
const ORDER_ASSISTANCE_QUOTE = 'Order assistance: Placing orders, updating order details (e.g., shipping address, payment method) before processing, and canceling eligible orders.';
const RA_QUOTE = 'Returns and refunds: Guiding you through the return process, issuing Return Authorization (RA) numbers, updating refund status, and addressing refund-related questions.';
const PRODUCT_CONCERNS_QUOTE = 'Product concerns: Assisting with defective, damaged, or incorrect items (received due to our error) and coordinating replacements, repairs, or refunds.';
const PORTAL_RETURNS_QUOTE = 'Initiating return requests (for eligible orders).';
const PORTAL_QUOTE = 'Log into your account at www.jameseavery.com to access self-service tools';
const FAQ_QUOTE = 'Visit the “FAQs” page on our website for answers to common questions about shipping, returns, product care, and more. This resource is available 24/7 for immediate assistance.';
const ESCALATION_QUOTE = 'Send an email to service@jameseavery.com with the subject line “Escalation: [Your Issue Summary]” and include your original inquiry details and previous communication references.';
const ESCALATION_TIMING_QUOTE = 'Our customer service manager will review your escalated concern within 1 business day and provide a final resolution or update within 2-3 business days.';

const NOT_STATED_TIMELINE = 'Not stated: the policy promises clear communication about timelines (§5) but gives none. Default: none, so answers say the policy is silent and offer a person. Set { min, max, unit } to give an estimate as the team’s default.';

export const jamesAveryArtisanProfile: BrandProfileInput = {
  id: 'james-avery-artisan',
  displayName: { document: CSP, section: 'intro', quote: 'At James Avery Artisan Jewelry, delivering exceptional customer service', value: 'James Avery Artisan Jewelry' },
  documents: [{ id: CSP, title: 'Customer Service Policy' }],

  timeZone: { document: CSP, section: '3', quote: HOURS_QUOTE, zone: 'America/New_York', phrase: 'Eastern Time, ET' },
  hours: {
    document: CSP, section: '3', quote: HOURS_QUOTE,
    weekdays: [1, 2, 3, 4, 5], open: '09:00', close: '17:00', phrase: 'Monday to Friday, 9:00 AM – 5:00 PM (Eastern Time, ET)',
  },

  supportInbox: {
    operatorSetting: true,
    value: 'support@james-avery-artisan.example',
    note: 'The policy prints no general support address (§2.1 describes email support without one; §6’s address is for escalations only). Demo default on a reserved domain: set the real inbox (or SUPPORT_INBOX_JAMES_AVERY_ARTISAN). Never shown to shoppers.',
  },
  replyTime: {
    document: CSP, section: '2.1',
    quote: 'We strive to respond to all email inquiries within 1-2 business days (excluding weekends and holidays).',
    min: 1, max: 2, unit: 'business_days', phrase: '1-2 business days', channel: 'email',
  },
  channels: [
    {
      document: CSP, section: '2.1',
      quote: 'Best For: Detailed inquiries (e.g., order issues, return requests, product questions) that require documentation (e.g., order numbers, photos of items).',
      kind: 'email', say: 'by email',
    },
    { document: CSP, section: '2.2', quote: PORTAL_QUOTE, kind: 'account_portal', url: 'www.jameseavery.com', say: 'through your account at www.jameseavery.com' },
    { document: CSP, section: '2.2', quote: FAQ_QUOTE, kind: 'faq', say: 'on the 24/7 FAQs page' },
    {
      document: CSP, section: '2.3', quote: 'James Avery Artisan Jewelry 36 Heritage Road Quincy, Massachusetts 02169',
      kind: 'mail', address: 'James Avery Artisan Jewelry\n36 Heritage Road\nQuincy, Massachusetts 02169', say: 'by mail at 36 Heritage Road, Quincy, Massachusetts 02169',
    },
  ],

  timelines: {
    processing: { operatorSetting: true, value: null, note: NOT_STATED_TIMELINE },
    delivery: { operatorSetting: true, value: null, note: NOT_STATED_TIMELINE },
    refund: { operatorSetting: true, value: null, note: NOT_STATED_TIMELINE },
  },

  returns: {
    window: {
      operatorSetting: true,
      value: null,
      note: 'Not stated: the policy mentions a Return Policy that is not among the documents. Default: none, so return verdicts go to the team for review (policy_silent).',
    },
    windowStart: { operatorSetting: true, value: null, note: 'Not stated. Default: none (there is no window to start).' },
    returnAuthorization: { document: CSP, section: '1', quote: RA_QUOTE },
    accountPortalReturns: { document: CSP, section: '2.2', quote: PORTAL_RETURNS_QUOTE },
    productIssues: [{
      document: CSP, section: '1', quote: PRODUCT_CONCERNS_QUOTE, issues: ['damaged', 'defective', 'wrong_item'],
      say: 'For a defective, damaged or incorrect item, the team coordinates a replacement, repair or refund.',
    }],
  },

  urgency: {
    subjectWord: { document: CSP, section: '2.1', quote: URGENT_QUOTE, word: 'Urgent' },
    cases: { document: CSP, section: '2.1', quote: URGENT_QUOTE, cases: ['shopper_says_urgent'] },
  },

  escalation: {
    contact: { document: CSP, section: '6', quote: ESCALATION_QUOTE, address: 'service@jameseavery.com', subject: 'Escalation: [Your Issue Summary]' },
    timing: {
      document: CSP, section: '6', quote: ESCALATION_TIMING_QUOTE,
      review: { min: 1, max: 1, unit: 'business_days', phrase: '1 business day' },
      resolution: { min: 2, max: 3, unit: 'business_days', phrase: '2-3 business days' },
    },
  },

  statements: {
    'order.tracking': [{
      document: CSP, section: '2.2', quote: 'Viewing order history and tracking details.',
      say: 'You can see your order history and tracking details in your account at www.jameseavery.com.',
    }],
    'order.cancel': [{ document: CSP, section: '1', quote: ORDER_ASSISTANCE_QUOTE, say: 'The team can cancel eligible orders for you.' }],
    'order.change': [{
      document: CSP, section: '1', quote: ORDER_ASSISTANCE_QUOTE,
      say: 'The team can update order details, such as the shipping address or payment method, before the order is processed.',
    }],
    'order.place': [{ document: CSP, section: '1', quote: ORDER_ASSISTANCE_QUOTE, say: 'The team can help you place an order.' }],
    'shipping.problem': [
      {
        document: CSP, section: '1',
        quote: 'Tracking order status, addressing delivery delays, resolving issues with undeliverable packages, and clarifying shipping timelines.',
        say: 'The team handles delivery delays and undeliverable packages.',
      },
      {
        document: CSP, section: '4', quote: 'For issues like defective items or shipping delays, we may need 1-2 additional business days to resolve.',
        say: 'Shipping delays may take 1-2 additional business days to resolve.',
      },
    ],
    'returns.start': [
      { document: CSP, section: '2.2', quote: PORTAL_RETURNS_QUOTE, say: 'You can start a return for an eligible order in your account at www.jameseavery.com.' },
      { document: CSP, section: '1', quote: RA_QUOTE, say: 'The team issues Return Authorization (RA) numbers.' },
    ],
    'returns.policy': [
      { document: CSP, section: '1', quote: RA_QUOTE, say: 'The team guides you through the return process and issues Return Authorization (RA) numbers.' },
      { document: CSP, section: '2.2', quote: PORTAL_RETURNS_QUOTE, say: 'Eligible orders can be returned from your account on the website.' },
    ],
    'refund.status': [{ document: CSP, section: '1', quote: RA_QUOTE, say: 'The team can update you on the status of your refund.' }],
    'product.issue': [{
      document: CSP, section: '1',
      quote: PRODUCT_CONCERNS_QUOTE,
      say: 'For a defective, damaged or incorrect item, the team coordinates a replacement, repair or refund.',
    }],
    'product.info': [{
      document: CSP, section: '1',
      quote: 'Pre-purchase inquiries: Product details (materials, sizing, care instructions), availability, pricing, and gift recommendations.',
      say: 'The team can help with product details (materials, sizing, care), availability, pricing and gift ideas.',
    }],
    'product.care': [{ document: CSP, section: '2.2', quote: FAQ_QUOTE, say: 'The FAQs page on the website covers product care and is available 24/7.' }],
    'account.help': [{
      document: CSP, section: '1',
      quote: 'Account management: Helping with account creation, password resets, updating personal information, and troubleshooting account access issues.',
      say: 'The team helps with account creation, password resets, updating your details and account access problems.',
    }],
    'contact.hours': [{
      document: CSP, section: '3',
      quote: 'While our team is not available outside business hours, you can still send an email or use the self-service tools on our website. We will address your inquiry promptly on the next business day.',
      say: 'Outside those hours you can still email or use the website’s self-service tools, and the team replies the next business day.',
    }, {
      document: CSP, section: '3',
      quote: 'During major U.S. holidays (e.g., Christmas, Thanksgiving, New Year’s Day), our customer service hours may be reduced or suspended.',
      say: 'Hours may be reduced or suspended on major U.S. holidays.',
    }],
    'contact.response_time': [{
      document: CSP, section: '2.3', quote: 'Mailed inquiries typically receive a response within 3-5 business days of receipt',
      say: 'Mailed inquiries typically get a response within 3-5 business days of receipt.',
    }, {
      document: CSP, section: '4', quote: 'We will confirm receipt of your inquiry within 24 business hours',
      say: 'Every inquiry is acknowledged within 24 business hours.',
    }],
    complaint: [
      {
        document: CSP, section: '6', quote: ESCALATION_QUOTE,
        say: 'If you’re not satisfied with a resolution, email service@jameseavery.com with the subject “Escalation: [Your Issue Summary]”.',
      },
      {
        document: CSP, section: '6', quote: ESCALATION_TIMING_QUOTE,
        say: 'A customer service manager reviews it within 1 business day and gives a final resolution or update within 2-3 business days.',
      },
    ],
    feedback: [{
      document: CSP, section: '1',
      quote: 'General feedback: Listening to your comments, suggestions, or concerns about our products, website, or services to help us improve.',
      say: 'The team welcomes your comments and suggestions about products, the website or service.',
    }],
  },
};
