// A flow's submission becomes a ticket here: an id and a short reference, the time, the resolved
// recipient and the transcript, with everything
// the shopper typed redacted once more (a ticket is stored, listed and emailed).
import { randomBytes } from 'node:crypto';
import type { BrandId } from '../../knowledge/brand-ids.js';
import type { BrandProfile } from '../../knowledge/brands/brand-profile.schema.js';
import type { HandoffSubmission, HandoffTicket, TranscriptLine } from '../../knowledge/handoff/handoff-ticket.types.js';
import { redactDeep, redactSecrets } from '../../knowledge/handoff/redaction.js';

export type TicketProfile = Pick<BrandProfile, 'supportInbox'>;

export interface Recipients {
  supportInboxes: Partial<Record<BrandId, string>>;
  escalationInboxes: Partial<Record<BrandId, string>>;
}

export const MESSAGE_ID_DOMAIN = 'clasp.local';
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

export function messageIdFor(id: string): string {
  return `<${id}@${MESSAGE_ID_DOMAIN}>`;
}

export function recipientFor(submission: Pick<HandoffSubmission, 'brand' | 'escalation'>, profile: Pick<BrandProfile, 'supportInbox'>, recipients: Recipients): string {
  if (submission.escalation !== null) return recipients.escalationInboxes[submission.brand] ?? submission.escalation.to;
  const inbox = profile.supportInbox;
  return recipients.supportInboxes[submission.brand] ?? ('operatorSetting' in inbox ? inbox.value : inbox.address);
}

export interface TicketExtras {
  now: Date;
  transcript: readonly TranscriptLine[];
  conversationKey: string | null;
  profile: TicketProfile;
  recipients: Recipients;
  id?: string;
}

export function createTicket(submission: HandoffSubmission, extras: TicketExtras): HandoffTicket {
  const id = extras.id ?? newTicketId(extras.now);
  const createdAt = extras.now.toISOString();
  return {
    ...submission,
    customer: redactDeep(submission.customer),
    description: redactSecrets(submission.description),
    subject: redactSecrets(submission.subject),
    version: 1,
    id,
    reference: referenceFor(submission.brand, id),
    createdAt,
    to: recipientFor(submission, extras.profile, extras.recipients),
    messageId: messageIdFor(id),
    transcript: extras.transcript.slice(-MAX_TRANSCRIPT_LINES).map((line) => ({ ...line, text: redactSecrets(line.text) })),
    conversation: extras.conversationKey === null ? null : { key: extras.conversationKey },
  };
}
