// The link to a ticket's transcript carried by the handoff email (TRANSCRIPT_LINK_SECRET,
// PUBLIC_URL, TRANSCRIPT_LINK_DAYS; see .env.example). The token is the ticket id and an expiry,
// as base64url JSON, and an HMAC-SHA256 of them: only this service can make one, nobody can
// change the ticket or stretch the expiry, and nothing is stored per link. The expiry counts from
// the ticket's creation, so a retried email carries the same link (bot/handoff/handoff-email.ts
// keeps a retried message identical).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { HandoffTicket } from '../../knowledge/handoff/handoff-ticket.types.js';
import { isTicketId } from './handoff-outbox.js';

export interface TranscriptLinkConfig {
  /** The HMAC key, at least 32 characters. */
  secret: string;
  /** Where agents reach this service, without a trailing slash: https://clasp.example */
  publicUrl: string;
  /** How long a link works after the ticket was created. */
  days: number;
}

export const DEFAULT_TRANSCRIPT_LINK_DAYS = 14;
export const MIN_TRANSCRIPT_LINK_SECRET_CHARS = 32;
export const TRANSCRIPTS_PATH = '/transcripts';

// Signed under its own label, so a secret an operator also used elsewhere (DIRECTLINE_SECRET)
// can never make a signature one of those tokens would pass for, nor the other way round.
const PURPOSE = 'clasp transcript link v1\u0000';
const DAY_MS = 24 * 60 * 60 * 1000;
// A payload of a 64-character ticket id and an expiry fits in well under 200 characters; the
// signature is 32 bytes, 43 base64url characters.
const TOKEN_SHAPE = z.string().regex(/^[A-Za-z0-9_-]{8,200}\.[A-Za-z0-9_-]{43}$/);
const PAYLOAD_SHAPE = z.strictObject({
  /** The ticket id. */
  t: z.string().refine(isTicketId),
  /** Expiry, seconds since the epoch. */
  e: z.number().int().positive(),
});

function sign(payload: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(PURPOSE).update(payload).digest();
}

export function transcriptToken(ticketId: string, expiresAt: Date, secret: string): string {
  const payload = Buffer.from(JSON.stringify({ t: ticketId, e: Math.floor(expiresAt.getTime() / 1000) }), 'utf8').toString('base64url');
  return `${payload}.${sign(payload, secret).toString('base64url')}`;
}

/**
 * The ticket id a token grants, or undefined when it is malformed, not signed with `secret`, or
 * expired. The caller answers every one of those the same way, so none can be told apart.
 */
export function verifyTranscriptToken(token: unknown, secret: string, now: Date): string | undefined {
  const shaped = TOKEN_SHAPE.safeParse(token);
  if (!shaped.success) return undefined;
  const [payload = '', signature = ''] = shaped.data.split('.');
  // Compared as the canonical text: decoding first would let the last character's unused bits
  // vary, so several spellings of one signature would pass.
  const given = Buffer.from(signature, 'ascii');
  const expected = Buffer.from(sign(payload, secret).toString('base64url'), 'ascii');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const parsed = PAYLOAD_SHAPE.safeParse(claims);
  if (!parsed.success || now.getTime() >= parsed.data.e * 1000) return undefined;
  return parsed.data.t;
}

export interface TranscriptLink {
  url: string;
  expiresAt: Date;
}

/** The ticket's link, working for `days` after the ticket was created. */
export function transcriptLinkFor(ticket: Pick<HandoffTicket, 'id' | 'createdAt'>, config: TranscriptLinkConfig): TranscriptLink {
  const expiresAt = new Date(Date.parse(ticket.createdAt) + config.days * DAY_MS);
  return { url: `${config.publicUrl}${TRANSCRIPTS_PATH}/${transcriptToken(ticket.id, expiresAt, config.secret)}`, expiresAt };
}
