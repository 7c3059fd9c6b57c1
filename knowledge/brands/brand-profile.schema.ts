// What Clasp knows about a brand, as typed data. Two kinds of fact:
// - quoted: taken from a policy document, carrying { document, section, quote } with the exact
//   words; start-up checks each quote against the parsed section (knowledge/brands/profile-check.ts);
// - operator setting: what the brand's documents do not state, `{ operatorSetting: true, value,
//   note }`, with the default documented in `note`. Never shown to a shopper as quoted policy.
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { TOPICS } from '../topics.js';

const sourceShape = {
  /** Document id: the file name without `.txt` or `.md`. */
  document: z.string().min(1),
  /** Section id as docs/contracts.md prints it: "3", "2.1", "intro". */
  section: z.string().min(1),
  /** The document's own words, matched whitespace-normalised against the section. */
  quote: z.string().min(1),
};

function quoted<S extends z.ZodRawShape>(shape: S) {
  return z.strictObject({ ...sourceShape, ...shape });
}

function operatorSetting<T extends z.ZodType>(value: T) {
  return z.strictObject({
    operatorSetting: z.literal(true),
    value,
    /** Why this is a setting and what the default means. */
    note: z.string().min(1),
  });
}

export const DurationUnitSchema = z.enum(['business_days', 'days', 'business_hours', 'hours']);
export type DurationUnit = z.infer<typeof DurationUnitSchema>;

const durationShape = {
  min: z.number().int().nonnegative(),
  max: z.number().int().nonnegative(),
  unit: DurationUnitSchema,
};

/** A span the shopper is told, e.g. 1-3 business days. Business units follow docs/contracts.md, Definitions. */
export const DurationSchema = z.strictObject(durationShape).refine((d) => d.min <= d.max, 'min must not exceed max');
export type Duration = z.infer<typeof DurationSchema>;

/** A duration inside a quote: `phrase` is the brand's own words ("1-3 business days", "5-10 day"). */
export const PhrasedDurationSchema = z.strictObject({ ...durationShape, phrase: z.string().min(1) });
export type PhrasedDuration = z.infer<typeof PhrasedDurationSchema>;

const QuotedDurationSchema = quoted({ ...durationShape, phrase: z.string().min(1) });

// Listing the zones is cheap; an Intl formatter per zone costs ~25 ms at start-up, so luxon only
// checks what the list lacks (aliases such as "UTC").
const TIME_ZONES = new Set(Intl.supportedValuesOf('timeZone'));
const TimeZoneSchema = z.string().refine((zone) => TIME_ZONES.has(zone) || IANAZone.isValidZone(zone), 'not an IANA time zone');
const ClockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:mm');

const hoursShape = {
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  weekdays: z.array(z.number().int().min(1).max(7)).min(1),
  open: ClockTimeSchema,
  close: ClockTimeSchema,
};
export const HoursSchema = z.strictObject(hoursShape);
export type Hours = z.infer<typeof HoursSchema>;

/** A policy statement with the shopper-facing sentence that paraphrases it. */
export const StatementSchema = quoted({ say: z.string().min(1) });
export type Statement = z.infer<typeof StatementSchema>;

export const ChannelKindSchema = z.enum(['email', 'contact_form', 'account_portal', 'faq', 'mail']);

/** What the handoff treats as urgent; `shopper_says_urgent`: the shopper's own "it's urgent". */
export const UrgentCaseSchema = z.enum(['damaged', 'defective', 'wrong_item', 'missing', 'late', 'undeliverable', 'shopper_says_urgent']);
export type UrgentCase = z.infer<typeof UrgentCaseSchema>;

export const ReturnIssueSchema = z.enum(['damaged', 'defective', 'wrong_item', 'our_error']);

/** A brand id is its folder's name: lower-case words joined by hyphens ("silver-moon"). */
export const BrandIdSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lower-case letters, digits and hyphens, e.g. "silver-moon"').max(60);

/** How the storefront page and the chat widget look: presentation, nothing the documents state. */
export const ThemeSchema = z.strictObject({
  /** Buttons, the visitor's bubbles and the bot's avatar; dark enough for white text (WCAG AA). */
  accent: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'expected a colour such as "#2f5d50"'),
  /** A pale tint for the page's hero band. */
  tint: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'expected a colour such as "#edf4f1"'),
  tagline: z.string().min(1),
  /** An image URL shown instead of the initials avatar. */
  logo: z.url().optional(),
});
export type Theme = z.infer<typeof ThemeSchema>;

/**
 * A web origin, as browsers send it in `Origin`: scheme, host and optional port, nothing after
 * ("https://shop.example.com", "http://localhost:8080"). A trailing "/" is accepted and dropped;
 * the host is lower-cased and a default port left out, so the value compares with what browsers send.
 */
export const WebOriginSchema = z.string().trim().transform((value, ctx) => {
  const problem = 'expected an origin: scheme, host and optional port, no path (e.g. "https://shop.example.com")';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: problem });
    return z.NEVER;
  }
  const onlyOrigin = (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === ''
    && url.pathname === '/' && url.search === '' && url.hash === '' && !/[?#]/.test(value) && /^https?:\/\/[^/]+\/?$/i.test(value);
  if (!onlyOrigin) {
    ctx.addIssue({ code: 'custom', message: problem });
    return z.NEVER;
  }
  return url.origin;
});

export const BrandProfileSchema = z.strictObject({
  id: BrandIdSchema,
  displayName: z.union([quoted({ value: z.string().min(1) }), operatorSetting(z.string().min(1))]),
  /** What the assistant calls itself in the chat ("Hi, I'm Clasp, …"). */
  assistantName: operatorSetting(z.string().min(1).max(40)),
  /** The first thing the chat says; null: the composed greeting naming the assistant and the store. */
  greeting: operatorSetting(z.string().min(1).max(400).nullable()),
  theme: operatorSetting(ThemeSchema),
  /**
   * The websites (origins) whose pages may show this store's chat with the embed tag, besides
   * Clasp's own pages (docs/widget.md): the frame may be framed by them and the token and Direct
   * Line routes answer their CORS requests. Empty: Clasp's own pages only.
   */
  allowedOrigins: operatorSetting(z.array(WebOriginSchema).max(50, 'at most 50 origins')),
  /** The brand's documents and how answers name them: "(Customer Service Policy, §3)". */
  documents: z.array(z.strictObject({ id: z.string().min(1), title: z.string().min(1) })).min(1),

  timeZone: z.union([quoted({ zone: TimeZoneSchema, phrase: z.string().min(1) }), operatorSetting(TimeZoneSchema)]),
  hours: z.union([quoted({ ...hoursShape, phrase: z.string().min(1) }), operatorSetting(HoursSchema.nullable())]),

  /** Where handoff emails go. */
  supportInbox: z.union([quoted({ address: z.email() }), operatorSetting(z.email())]),
  /** How fast the support channel replies: what the handoff tells the shopper. */
  replyTime: z.union([
    quoted({ ...durationShape, phrase: z.string().min(1), channel: z.enum(['email', 'contact_form']) }),
    operatorSetting(DurationSchema.nullable()),
  ]),
  /** The ways a shopper can reach the team; `say` completes "You can reach <brand> …". */
  channels: z.array(quoted({
    kind: ChannelKindSchema,
    say: z.string().min(1),
    address: z.string().min(1).optional(),
    url: z.string().min(1).optional(),
    /** The document calls this the only official channel. */
    exclusive: z.boolean().optional(),
  })),

  timelines: z.strictObject({
    processing: z.union([QuotedDurationSchema, operatorSetting(DurationSchema.nullable())]),
    delivery: z.union([QuotedDurationSchema, operatorSetting(DurationSchema.nullable())]),
    refund: z.union([
      quoted({ ...durationShape, phrase: z.string().min(1), startsAfter: z.enum(['return_inspected']).optional() }),
      operatorSetting(DurationSchema.nullable()),
    ]),
  }),

  returns: z.strictObject({
    window: z.union([quoted({ ...durationShape, phrase: z.string().min(1), say: z.string().min(1) }), operatorSetting(DurationSchema.nullable())]),
    /** When the window starts counting: quoted where a document says it ("within 30 days of delivery"). */
    windowStart: z.union([quoted({ value: z.enum(['delivery', 'order']) }), operatorSetting(z.enum(['delivery', 'order']).nullable())]),
    conditions: quoted({ requirements: z.array(z.enum(['unused', 'original_condition', 'original_packaging', 'tags_attached'])).min(1) }).optional(),
    /** The shopper must contact the team to confirm eligibility before sending anything. */
    confirmEligibilityFirst: quoted({}).optional(),
    returnShipping: quoted({ defaultPayer: z.enum(['customer', 'store']).nullable(), storePaysFor: z.array(ReturnIssueSchema) }).optional(),
    finalSaleNonRefundable: quoted({}).optional(),
    /** Personalized pieces cannot be returned unless defective; `say` is the rule in the brand's terms. */
    customNonRefundableUnlessDefective: quoted({ say: z.string().min(1).optional() }).optional(),
    defectReportWindow: QuotedDurationSchema.optional(),
    returnAuthorization: quoted({}).optional(),
    accountPortalReturns: quoted({}).optional(),
    /**
     * How the brand says it handles items that arrived damaged, defective or incorrect, with no
     * time limit stated: covered issues need no return window to be eligible. `say` is the remedy.
     */
    productIssues: z.array(quoted({ issues: z.array(ReturnIssueSchema).min(1), say: z.string().min(1) })).min(1).optional(),
  }),

  urgency: z.strictObject({
    /** The word that opens an urgent handoff's subject ("URGENT", "Urgent"). */
    subjectWord: z.union([quoted({ word: z.string().min(1) }), operatorSetting(z.string().min(1))]),
    cases: z.union([
      quoted({ cases: z.array(UrgentCaseSchema).min(1), say: z.string().min(1).optional() }),
      operatorSetting(z.array(UrgentCaseSchema)),
    ]),
  }),

  escalation: z.strictObject({
    contact: quoted({ address: z.email(), subject: z.string().min(1) }),
    timing: quoted({ review: PhrasedDurationSchema, resolution: PhrasedDurationSchema }),
  }).optional(),

  shippingTerms: operatorSetting(z.string().min(1).nullable()).optional(),

  /** Per topic, the policy statements its answer is made of, in answer order. */
  statements: z.partialRecord(z.enum(TOPICS), z.array(StatementSchema).min(1)),
});

export type BrandProfile = z.infer<typeof BrandProfileSchema>;
/** What a profile file declares: checked against the schema at start-up. */
export type BrandProfileInput = z.input<typeof BrandProfileSchema>;

export interface OperatorSetting<T> {
  operatorSetting: true;
  value: T;
  note: string;
}

export interface QuotedFact {
  document: string;
  section: string;
  quote: string;
}

export function isOperatorSetting<F extends object>(fact: F): fact is Extract<F, { operatorSetting: true }> {
  return 'operatorSetting' in fact && fact.operatorSetting === true;
}

export function isQuotedFact(value: unknown): value is QuotedFact {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.document === 'string' && typeof record.section === 'string' && typeof record.quote === 'string';
}
