// What a store gets for each setting its brand.yaml leaves out, so a folder holding only documents
// is a working store (README, "Your own store"). Every default is an operator setting whose note
// says what it means; none is ever shown to a shopper as the store's policy.
import { wordsOf, type PolicyDocument } from '../documents/policy-documents.js';
import type { BrandProfileInput } from './brand-profile.schema.js';

/** How every default's note starts, so a setting can be told to be at its default. */
export const NOT_SET = 'Not set in brand.yaml.';

function setting<T>(value: T, note: string) {
  return { operatorSetting: true as const, value, note: `${NOT_SET} ${note}` };
}

/** The complete profile of a store that has said nothing about itself beyond its documents. */
export function brandDefaults(id: string, documents: readonly PolicyDocument[]): BrandProfileInput {
  const name = wordsOf(id);
  return {
    id,
    displayName: setting(name, `Default: "${name}", from the folder's name; set the storefront's own name.`),
    assistantName: setting('Clasp', 'Default: "Clasp", the name the assistant gives itself in the chat.'),
    greeting: setting(null, 'Default: the assistant introduces itself and the store and says what it can do.'),
    theme: setting(
      { accent: '#3b4a5a', tint: '#eef1f4', tagline: `Questions about an order or a policy? Ask ${name}'s assistant.` },
      'Default: slate blue; set the store’s own accent (dark enough for white text) and tint.',
    ),
    allowedOrigins: setting([], 'Default: none; only Clasp’s own pages show the chat. List the store’s sites (e.g. "https://shop.example.com") to embed it there with one script tag (docs/widget.md).'),
    documents: documents.map((document) => ({ id: document.id, title: document.title })),
    timeZone: setting('America/New_York', 'Default: America/New_York (US Eastern), used to count business days.'),
    hours: setting(null, 'Default: none, so the bot never tells shoppers the team is offline.'),
    supportInbox: setting(
      `support@${id}.example`,
      `Default: a placeholder on a reserved domain, so no handoff reaches anyone until it is set (or SUPPORT_INBOX_${id.toUpperCase().replaceAll('-', '_')}).`,
    ),
    replyTime: setting(null, 'Default: none; the handoff promises no reply time.'),
    channels: [],
    timelines: {
      processing: setting(null, 'Default: none; tracking gives no estimated ship date.'),
      delivery: setting(null, 'Default: none; tracking gives no estimated delivery date and never calls an order late.'),
      refund: setting(null, 'Default: none; answers say the documents do not state a refund time.'),
    },
    returns: {
      window: setting(null, 'Default: none, so return verdicts go to the team for review.'),
      windowStart: setting(null, 'Default: none; with a window, verdicts then go to the team for review.'),
    },
    urgency: {
      subjectWord: setting('URGENT', 'Default: URGENT, prefixed to the subjects of urgent handoffs.'),
      cases: setting([], 'Default: none; no handoff is flagged urgent.'),
    },
    statements: {},
  };
}
