// The handoff integration, composed: outbox (files, or Redis shared by several instances),
// transport (SMTP or .eml), sender, the submit effect and the agents' routes. Called once by the
// composition root; nothing here runs at import time.
import type { Redis } from 'ioredis';
import type restify from 'restify';
import type { BrandId } from '../../knowledge/brand-ids.js';
import type { BrandProfile } from '../../knowledge/brands/brand-profile.schema.js';
import type { HandoffTicket, TranscriptLine } from '../../knowledge/handoff/handoff-ticket.types.js';
import type { HandoffConfig } from './handoff-config.js';
import { composeHandoffEmail } from './handoff-email.js';
import { openHandoffOutbox, type HandoffOutbox } from './handoff-outbox.js';
import { openRedisHandoffOutbox } from './handoff-outbox.redis.js';
import { registerHandoffRoutes } from './handoff-routes.js';
import { createHandoffSender, type HandoffSender, type SenderLogger } from './handoff-sender.js';
import { createHandoffSubmitter, type HandoffSubmitter } from './handoff-submitter.js';
import { createEmlTransport, createSmtpTransport, type HandoffTransport } from './handoff-transport.js';

export interface HandoffDeps {
  config: HandoffConfig;
  /** A conversation's transcript so far (kept with its state), for the ticket. */
  transcriptOf(conversationKey: string): Promise<TranscriptLine[]>;
  logger: SenderLogger;
  profileOf(brand: BrandId): BrandProfile;
  now?: () => Date;
  /** Replaces the SMTP/.eml transport (tests). */
  transport?: HandoffTransport;
  /**
   * Several instances: tickets live in this Redis and each delivery is claimed by one sender
   * (claims last `claimMs`; every `rescanMs` a sender looks for tickets left due).
   */
  shared?: { redis: Redis; claimMs?: number; rescanMs?: number };
  /** Told about tickets stored, tickets that could not be, and delivery attempts (metrics). */
  observer?: { stored(ticket: HandoffTicket): void; attempt(outcome: 'sent' | 'failed'): void; storeFailed?(): void };
}

export interface Handoff {
  outbox: HandoffOutbox;
  sender: HandoffSender;
  submitter: HandoffSubmitter;
  registerRoutes(server: restify.Server): void;
  /** Resumes tickets not yet sent. */
  start(): Promise<void>;
  /** Throws unless the outbox can be written (for /readyz). */
  checkReady(): Promise<void>;
  close(): Promise<void>;
}

// A claim outlasts the slowest attempt (two SMTP timeouts) by this much.
const CLAIM_MARGIN_MS = 10_000;
const DEFAULT_RESCAN_MS = 5_000;

export async function createHandoff(deps: HandoffDeps): Promise<Handoff> {
  const { config, logger } = deps;
  const now = deps.now ?? (() => new Date());
  const shared = deps.shared;
  const claimMs = shared?.claimMs ?? config.smtpTimeoutMs * 2 + CLAIM_MARGIN_MS;
  const redisOutbox = shared === undefined ? undefined : await openRedisHandoffOutbox(shared.redis, { dir: config.outboxDir, claimMs });
  const outbox = redisOutbox ?? (await openHandoffOutbox(config.outboxDir));
  for (const problem of outbox.problems) logger.error({ problem }, 'unreadable file in the handoff outbox');
  const transport = deps.transport ?? (config.smtpUrl === undefined ? createEmlTransport(outbox) : createSmtpTransport(config.smtpUrl, config.smtpTimeoutMs));
  const sender = createHandoffSender({
    outbox,
    transport,
    compose: (ticket) => composeHandoffEmail(ticket, deps.profileOf(ticket.brand), config.mailFrom),
    retry: config.retry,
    logger,
    now,
    onAttempt: deps.observer?.attempt,
    sharing: redisOutbox === undefined ? undefined : { claim: redisOutbox.claim, rescanMs: shared?.rescanMs ?? DEFAULT_RESCAN_MS },
  });
  // The shopper is told honestly when a ticket cannot be stored; the operator hears it here,
  // with the reference the shopper would have been given, so the two can be matched.
  const storeOrReport: HandoffOutbox['store'] = async (ticket, dedupeKey) => {
    try {
      return await outbox.store(ticket, dedupeKey);
    } catch (error) {
      logger.error({ err: error, ticket: ticket.id, reference: ticket.reference, brand: ticket.brand }, 'handoff ticket could not be stored');
      deps.observer?.storeFailed?.();
      throw error;
    }
  };
  const submitter = createHandoffSubmitter({
    outbox: { store: storeOrReport },
    sender,
    transcriptOf: deps.transcriptOf,
    profileOf: deps.profileOf,
    recipients: { supportInboxes: config.supportInboxes, escalationInboxes: config.escalationInboxes },
    now,
    logger,
    onStored: deps.observer?.stored,
  });
  return {
    outbox,
    sender,
    submitter,
    registerRoutes: (server) => registerHandoffRoutes(server, { outbox, adminToken: config.adminToken }),
    start: () => sender.start(),
    checkReady: () => outbox.checkWritable(),
    close: () => sender.stop(),
  };
}

export { loadHandoffConfig, readHandoffConfig, type HandoffConfig } from './handoff-config.js';
export { createHandoffInitiationEvent } from './handoff-event.js';
export { registerHandoffRoutes } from './handoff-routes.js';
