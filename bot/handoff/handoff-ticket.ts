// A flow's submission becomes a ticket here: an id and a short reference, the time, the resolved
// recipient, the Message-ID and the transcript, with everything
// the shopper typed redacted once more (a ticket is stored, listed and emailed).
// The transcript is stored as recorded: only the email shows it tidied (bot/handoff/handoff-email.ts).
import { randomBytes } from 'node:crypto';
import type { BrandId } from '../../knowledge/brand-ids.js';
import type { BrandProfile } from '../../knowledge/brands/brand-profile.schema.js';
import type { HandoffSubmission, HandoffTicket, TranscriptLine } from '../../knowledge/handoff/handoff-ticket.types.js';
import { redactDeep, redactSecrets } from '../../knowledge/handoff/redaction.js';
import type { ShopperPage } from '../../dialogs/conversation.turn.js';
import { DEFAULT_MAIL_FROM, mailFromDomain } from './mail-from.js';

export type TicketProfile = Pick<BrandProfile, 'supportInbox'>;

export interface Recipients {
  supportInboxes: Partial<Record<BrandId, string>>;
  escalationInboxes: Partial<Record<BrandId, string>>;
}

const MAX_TRANSCRIPT_LINES = 200;
// Crockford's base32: no I, L, O or U, so a reference read over the phone survives.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function base32(bytes: Uint8Array, length: number): string {
  let out = '';
  for (let index = 0; index < length; index += 1) out += ALPHABET[(bytes[index % bytes.length] ?? 0) % 32];
  return out;
}

/** "20261127-7K3Q9XAB12": sortable by day, unguessable after it. */
export function newTicketId(now: Date, random: Uint8Array = randomBytes(10)): string {
  return `${now.toISOString().slice(0, 10).replace(/-/g, '')}-${base32(random, 10)}`;
}

/** "KSM-7K3Q9X": the brand's initials and the start of the id's random part. */
export function referenceFor(brand: BrandId, id: string): string {
  const initials = brand.split('-').map((word) => word.charAt(0).toUpperCase()).join('');
  return `${initials}-${id.slice(9, 15)}`;
}

/**
 * `<id@kendrascott.example>` for a ticket sent From help@kendrascott.example: the sender's own
 * domain, so the receiving server sees a Message-ID its sender could have made. Made once, at
 * creation, and stored with the ticket, so every retry carries the same one.
 */
export function messageIdFor(id: string, mailFrom: string = DEFAULT_MAIL_FROM): string {
  return `<${id}@${mailFromDomain(mailFrom)}>`;
}

/** The brand's support inbox: the SUPPORT_INBOX_<BRAND> override, else the profile's. */
export function supportInboxFor(brand: BrandId, profile: Pick<BrandProfile, 'supportInbox'>, recipients: Pick<Recipients, 'supportInboxes'>): string {
  const inbox = profile.supportInbox;
  return recipients.supportInboxes[brand] ?? ('operatorSetting' in inbox ? inbox.value : inbox.address);
}

export function recipientFor(submission: Pick<HandoffSubmission, 'brand' | 'escalation'>, profile: Pick<BrandProfile, 'supportInbox'>, recipients: Recipients): string {
  if (submission.escalation !== null) return recipients.escalationInboxes[submission.brand] ?? submission.escalation.to;
  return supportInboxFor(submission.brand, profile, recipients);
}

/**
 * A ticket as this service stores it: with the store page the shopper wrote from when the widget
 * said (`page`, absent otherwise and on tickets stored before it was kept).
 */
export type TicketWithPage = HandoffTicket & { page?: ShopperPage };

export interface TicketExtras {
  now: Date;
  transcript: readonly TranscriptLine[];
  conversationKey: string | null;
  profile: TicketProfile;
  recipients: Recipients;
  /** The From the brand's email will carry (bot/handoff/mail-from.ts); its domain is the Message-ID's. */
  mailFrom?: string;
  id?: string;
  /** The store page the shopper wrote from (the widget's), redacted again like all they typed. */
  page?: ShopperPage;
}

export function createTicket(submission: HandoffSubmission, extras: TicketExtras): TicketWithPage {
  const id = extras.id ?? newTicketId(extras.now);
  const createdAt = extras.now.toISOString();
  return {
    ...submission,
    customer: redactDeep(submission.customer),
    description: redactSecrets(submission.description),
    ...(submission.shopperWrote === undefined ? {} : { shopperWrote: submission.shopperWrote.map(redactSecrets) }),
    subject: redactSecrets(submission.subject),
    version: 1,
    id,
    reference: referenceFor(submission.brand, id),
    createdAt,
    to: recipientFor(submission, extras.profile, extras.recipients),
    messageId: messageIdFor(id, extras.mailFrom),
    transcript: extras.transcript.slice(-MAX_TRANSCRIPT_LINES).map((line) => ({ ...line, text: redactSecrets(line.text) })),
    conversation: extras.conversationKey === null ? null : { key: extras.conversationKey },
    ...(extras.page === undefined ? {} : { page: { url: redactSecrets(extras.page.url), title: redactSecrets(extras.page.title) } }),
  };
}
