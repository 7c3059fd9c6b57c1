// The team's example phrases per topic: what the recognizer trains on at start-up.
import { ACCOUNT_EXAMPLES } from './account.phrases.js';
import { CONTACT_EXAMPLES } from './contact.phrases.js';
import { ORDER_EXAMPLES } from './orders.phrases.js';
import { PAYMENT_EXAMPLES } from './payment.phrases.js';
import { expandExamples, misspelledPhrases, type PhraseTable, type TopicExampleTable } from './phrase-table.js';
import { PRODUCT_EXAMPLES } from './product.phrases.js';
import { RETURNS_EXAMPLES } from './returns.phrases.js';
import { SHIPPING_EXAMPLES } from './shipping.phrases.js';
import { SMALL_TALK_EXAMPLES } from './small-talk.phrases.js';

export type { PhraseTable } from './phrase-table.js';

// `satisfies` makes a missing topic a compile error.
export const TOPIC_EXAMPLES = {
  ...SMALL_TALK_EXAMPLES,
  ...ORDER_EXAMPLES,
  ...SHIPPING_EXAMPLES,
  ...RETURNS_EXAMPLES,
  ...PRODUCT_EXAMPLES,
  ...PAYMENT_EXAMPLES,
  ...ACCOUNT_EXAMPLES,
  ...CONTACT_EXAMPLES,
  // Given by the resolver from the documents' own sentences, never by the classifiers.
  'policy.other': {},
} as const satisfies TopicExampleTable;

/** Every example written out as a phrase, per topic. */
export const TOPIC_PHRASES: PhraseTable = expandExamples(TOPIC_EXAMPLES);

/** The phrases of TOPIC_PHRASES with deliberate typos: their misspellings are not vocabulary. */
export const MISSPELLED_PHRASES: ReadonlySet<string> = misspelledPhrases(TOPIC_EXAMPLES);
