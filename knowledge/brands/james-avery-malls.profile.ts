import type { BrandProfileInput } from './brand-profile.schema.js';

const CSP = 'customer-service-policy';
const PRIVACY = 'privacy-policy';

const INBOX_QUOTE = 'Reach out to our team at support@jamesaverymalls.com for all inquiries, including product questions, order updates, returns, and complaints.';
const HOURS_QUOTE = 'Our support hours align with standard business hours (Monday-Friday, 9:00 AM-6:00 PM EST).';
const TIMELINE_QUOTE = 'delivery timeline (1-3 business days for processing, 6-12 business days for delivery)';
const REFUND_QUOTE = 'We ensure eligible refunds are issued within 5-10 business days of receiving and inspecting returned items';
const DAMAGED_QUOTE = 'If your order arrives damaged, defective, or incorrect, we cover all return shipping costs and expedite replacements or refunds to minimize inconvenience.';
const URGENT_QUOTE = 'For urgent matters (e.g., damaged deliveries, incorrect orders), please mark your email subject with “URGENT” to prioritize your request.';
const CUSTOM_QUOTE = 'Since these pieces are made to order, they are non-refundable unless defective.';
const RETURNS_GUIDE_QUOTE = 'Our team guides you through the return and refund process (outlined in our Refund Policy) step-by-step';
const RIGHTS_QUOTE = 'To exercise these rights, contact us at support@jamesaverymalls.com with your request and proof of identity';

export const jamesAveryMallsProfile: BrandProfileInput = {
  id: 'james-avery-malls',
  displayName: { document: CSP, section: 'intro', quote: 'At James Avery Malls, we take pride', value: 'James Avery Malls' },
  documents: [
    { id: CSP, title: 'Customer Service Policy' },
    { id: PRIVACY, title: 'Privacy Policy' },
  ],

  timeZone: { document: CSP, section: '2', quote: HOURS_QUOTE, zone: 'America/New_York', phrase: 'EST' },
  hours: { document: CSP, section: '2', quote: HOURS_QUOTE, weekdays: [1, 2, 3, 4, 5], open: '09:00', close: '18:00', phrase: 'Monday-Friday, 9:00 AM-6:00 PM EST' },

  supportInbox: { document: CSP, section: '2', quote: INBOX_QUOTE, address: 'support@jamesaverymalls.com' },
  replyTime: {
    document: CSP, section: '2', quote: 'We commit to responding to all emails within 24-48 business hours.',
    min: 24, max: 48, unit: 'business_hours', phrase: '24-48 business hours', channel: 'email',
  },
  channels: [
    { document: CSP, section: '2', quote: INBOX_QUOTE, kind: 'email', address: 'support@jamesaverymalls.com', say: 'by email at support@jamesaverymalls.com' },
  ],

  timelines: {
    processing: { document: CSP, section: '3', quote: TIMELINE_QUOTE, min: 1, max: 3, unit: 'business_days', phrase: '1-3 business days' },
    delivery: { document: CSP, section: '3', quote: TIMELINE_QUOTE, min: 6, max: 12, unit: 'business_days', phrase: '6-12 business days' },
    refund: { document: CSP, section: '3', quote: REFUND_QUOTE, min: 5, max: 10, unit: 'business_days', phrase: '5-10 business days', startsAfter: 'return_inspected' },
  },

  returns: {
    window: {
      operatorSetting: true,
      value: null,
      note: 'Not stated: §3 defers to a Refund Policy that is not among the documents. Default: none, so return verdicts go to the team for review (policy_silent). Set { min, max, unit } to use a window.',
    },
    windowStart: {
      operatorSetting: true,
      value: null,
      note: 'Not stated. Default: none (there is no window to start). Set "delivery" or "order" together with a window.',
    },
    returnShipping: { document: CSP, section: '3', quote: DAMAGED_QUOTE, defaultPayer: null, storePaysFor: ['damaged', 'defective', 'wrong_item'] },
    customNonRefundableUnlessDefective: { document: CSP, section: '4', quote: CUSTOM_QUOTE },
    productIssues: [{
      document: CSP, section: '3', quote: DAMAGED_QUOTE, issues: ['damaged', 'defective', 'wrong_item'],
      say: 'For an order that arrived damaged, defective or incorrect, James Avery Malls covers all return shipping costs and expedites a replacement or refund.',
    }],
  },

  urgency: {
    subjectWord: { document: CSP, section: '2', quote: URGENT_QUOTE, word: 'URGENT' },
    cases: {
      document: CSP, section: '2', quote: URGENT_QUOTE,
      cases: ['damaged', 'wrong_item', 'shopper_says_urgent'], say: 'damaged deliveries and incorrect orders',
    },
  },

  statements: {
    'order.tracking': [{
      document: CSP, section: '3',
      quote: 'Once your order is processed and shipped, you’ll receive a confirmation email with a tracking number and delivery timeline',
      say: 'Once your order ships, you’ll get a confirmation email with a tracking number and delivery timeline.',
    }],
    'shipping.cost': [{
      document: CSP, section: '3', quote: 'All orders qualify for free standard shipping, with no minimum purchase required.',
      say: 'All orders get free standard shipping, with no minimum purchase.',
    }],
    'shipping.international': [{
      document: CSP, section: '4',
      quote: 'Note that international orders may be subject to local duties or taxes, which our team can help explain but does not cover.',
      say: 'International orders may be subject to local duties or taxes, which the team can explain but does not cover.',
    }],
    'shipping.problem': [{
      document: CSP, section: '3',
      quote: 'If there are any delays in processing or shipping, we will notify you via email with a clear explanation and revised timeline.',
      say: 'If your order is delayed, the team emails you a clear explanation and a revised timeline.',
    }],
    'returns.start': [{
      document: CSP, section: '3', quote: RETURNS_GUIDE_QUOTE,
      say: 'The team guides you through the return and refund process step by step.',
    }],
    'returns.policy': [
      { document: CSP, section: '3', quote: RETURNS_GUIDE_QUOTE, say: 'The team guides you through returns step by step, following the store’s Refund Policy.' },
      { document: CSP, section: '4', quote: CUSTOM_QUOTE, say: 'Custom pieces are made to order and are non-refundable unless defective.' },
    ],
    'returns.shipping': [{
      document: CSP, section: '3', quote: DAMAGED_QUOTE,
      say: 'If your order arrives damaged, defective or incorrect, the store covers all return shipping costs.',
    }],
    'refund.status': [{
      document: CSP, section: '3', quote: 'we provide timely updates on the status of your refund',
      say: 'The team provides timely updates on the status of your refund.',
    }],
    'product.issue': [{
      document: CSP, section: '3', quote: DAMAGED_QUOTE,
      say: 'If your order arrives damaged, defective or incorrect, the store covers return shipping and expedites a replacement or refund.',
    }],
    'product.info': [{
      document: CSP, section: '3',
      quote: 'Our team provides accurate, detailed information about all jewelry pieces—including materials, craftsmanship processes, care instructions, and sizing guidelines.',
      say: 'The team can give you detailed information on any piece, including materials, craftsmanship, care and sizing.',
    }],
    'product.care': [{
      document: CSP, section: '3',
      quote: 'We share professional tips on cleaning, storing, and maintaining your jewelry to extend its lifespan. Our team can also advise on repair options for worn or damaged pieces (excluding custom items)',
      say: 'The team shares tips on cleaning, storing and maintaining your jewelry, and can advise on repairs for worn or damaged pieces (not custom items).',
    }],
    'product.custom': [{
      document: CSP, section: '4',
      quote: 'For custom-designed jewelry, our team works closely with you to confirm design details, materials, and timelines before production begins. Since these pieces are made to order, they are non-refundable unless defective.',
      say: 'For custom jewelry the team confirms design details, materials and timelines with you before production; custom pieces are non-refundable unless defective.',
    }],
    'account.delete': [
      { document: PRIVACY, section: '5', quote: RIGHTS_QUOTE, say: 'To have your personal information deleted, email support@jamesaverymalls.com with your request and proof of identity.' },
      {
        document: PRIVACY, section: '5', quote: 'We will respond to your request within a reasonable timeframe (typically 30 days)',
        say: 'The team typically responds within 30 days.',
      },
    ],
    'privacy.policy': [
      {
        document: PRIVACY, section: '4', quote: 'We do not sell your personal information to third parties for marketing purposes.',
        say: 'The store does not sell your personal information to third parties for marketing.',
      },
      { document: PRIVACY, section: '5', quote: RIGHTS_QUOTE, say: 'To access, correct or delete your data, email support@jamesaverymalls.com with proof of identity.' },
    ],
    'privacy.marketing': [{
      document: PRIVACY, section: '5',
      quote: 'Click the "unsubscribe" link in any promotional email, or contact us directly to stop receiving promotional messages.',
      say: 'Click the “unsubscribe” link in any promotional email, or ask the team to stop promotional messages.',
    }],
    'contact.hours': [{
      document: CSP, section: '2', quote: 'Inquiries received on weekends or holidays will be addressed on the next business day.',
      say: 'Weekend and holiday inquiries are answered the next business day.',
    }],
    complaint: [{
      document: CSP, section: '4',
      quote: 'acknowledge your complaint within 24 hours, investigate the issue thoroughly, propose a fair solution (e.g., refund, replacement, apology), and follow up to ensure your satisfaction',
      say: 'The team acknowledges complaints within 24 hours, investigates, proposes a fair solution such as a refund, replacement or apology, and follows up.',
    }],
    feedback: [{
      document: CSP, section: '5',
      quote: 'All feedback is reviewed by our management team to refine our services, train our staff, and enhance our product offerings. We also encourage you to share your experience on our website or social media channels',
      say: 'Share your experience on the store’s website or social media channels; the management team reviews all feedback.',
    }],
  },
};
