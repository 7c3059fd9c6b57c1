// The handoff integration, composed: outbox (files, or Redis shared by several instances),
// transport (SMTP or .eml), sender, the submit effect, the agents' routes and the transcript link.
// Called once by the composition root; nothing here runs at import time.
import type { Redis } from 'ioredis';
import type restify from 'restify';
import type { BrandId } from '../../knowledge/brand-ids.js';
import type { BrandProfile } from '../../knowledge/brands/brand-profile.schema.js';
import type { HandoffTicket, TranscriptLine } from '../../knowledge/handoff/handoff-ticket.types.js';
import { brandEnvKey, type HandoffConfig } from './handoff-config.js';
import { composeHandoffEmail } from './handoff-email.js';
import { openHandoffOutbox, type HandoffOutbox } from './handoff-outbox.js';
import { openRedisHandoffOutbox } from './handoff-outbox.redis.js';
import { registerHandoffRoutes } from './handoff-routes.js';
import { createHandoffSender, type HandoffSender, type SenderLogger } from './handoff-sender.js';
import { createHandoffSubmitter, type HandoffSubmitter } from './handoff-submitter.js';
import { supportInboxFor } from './handoff-ticket.js';
import { createEmlTransport, createSmtpTransport, type HandoffTransport } from './handoff-transport.js';
import { mailFromFor } from './mail-from.js';
import { isPlaceholderAddress } from './placeholder-address.js';
import { transcriptLinkFor } from './transcript-link.js';
import { registerTranscriptRoutes } from './transcript-routes.js';

export interface HandoffDeps {
  config: HandoffConfig;
  /** A conversation's transcript so far (kept with its state), for the ticket. */
  transcriptOf(conversationKey: string): Promise<TranscriptLine[]>;
  logger: SenderLogger;
  profileOf(brand: BrandId): BrandProfile;
  /** The brands served: their folders' names. */
  brandIds: readonly BrandId[];
  now?: () => Date;
  /** Replaces the SMTP/.eml transport (tests). */
  transport?: HandoffTransport;
  /**
   * Several instances: tickets live in this Redis and each delivery is claimed by one sender
   * (claims last `claimMs`; every `rescanMs` a sender looks for tickets left due).
   * `persistenceProblem`: why Redis could lose a ticket stored now (checked afresh), or undefined;
   * absent when the operator accepted that risk (REDIS_ACCEPT_NON_DURABLE).
   */
  shared?: { redis: Redis; claimMs?: number; rescanMs?: number; persistenceProblem?: () => Promise<string | undefined> };
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
  warnOfPlaceholderInboxes(config, deps, logger);
  const mailFromOf = (brand: BrandId) => mailFromFor(config, brand);
  const shared = deps.shared;
  const claimMs = shared?.claimMs ?? config.smtpTimeoutMs * 2 + CLAIM_MARGIN_MS;
  const redisOutbox = shared === undefined ? undefined : await openRedisHandoffOutbox(shared.redis, { dir: config.outboxDir, claimMs });
  const outbox = redisOutbox ?? (await openHandoffOutbox(config.outboxDir));
  for (const problem of outbox.problems) logger.error({ problem }, 'unreadable file in the handoff outbox');
  const transport = deps.transport ?? (config.smtpUrl === undefined ? createEmlTransport(outbox) : createSmtpTransport(config.smtpUrl, config.smtpTimeoutMs));
  const sender = createHandoffSender({
    outbox,
    transport,
    // The From follows today's settings; the Message-ID was fixed, from the same From, when the
    // ticket was stored (bot/handoff/handoff-ticket.ts).
    compose: (ticket) =>
      composeHandoffEmail(ticket, deps.profileOf(ticket.brand), mailFromOf(ticket.brand), {
        transcriptLink: config.transcriptLink === undefined ? undefined : transcriptLinkFor(ticket, config.transcriptLink),
      }),
    retry: config.retry,
    logger,
    now,
    onAttempt: deps.observer?.attempt,
    sharing: redisOutbox === undefined ? undefined : { claim: redisOutbox.claim, rescanMs: shared?.rescanMs ?? DEFAULT_RESCAN_MS },
  });
  // The shopper is told honestly when a ticket cannot be stored; the operator hears it here,
  // with the reference the shopper would have been given, so the two can be matched.
  // A Redis that has stopped keeping an append-only file (bot/state/redis-durability-watch.ts)
  // counts as one that cannot store it: the ticket is refused, not written to this instance's
  // OUTBOX_DIR instead, where the other instances, their senders and the agents' API would never
  // see it, and which a container often loses as readily; the shopper is asked to try again.
  const storeOrReport: HandoffOutbox['store'] = async (ticket, dedupeKey) => {
    try {
      const problem = await shared?.persistenceProblem?.();
      if (problem !== undefined) throw new Error(`Redis would not keep the ticket: ${problem}`);
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
    mailFromOf,
    now,
    logger,
    onStored: deps.observer?.stored,
  });
  return {
    outbox,
    sender,
    submitter,
    registerRoutes: (server) => {
      registerHandoffRoutes(server, { outbox, adminToken: config.adminToken, brandIds: deps.brandIds });
      registerTranscriptRoutes(server, { outbox, link: config.transcriptLink, profileOf: deps.profileOf, now });
    },
    start: () => sender.start(),
    checkReady: () => outbox.checkWritable(),
    close: () => sender.stop(),
  };
}

/**
 * Once per brand, at start-up: a support inbox that is still a placeholder (the demo profiles'
 * `support@<brand>.example`) means every handoff of that brand reaches nobody. Only said when
 * mail really leaves (SMTP_URL): without it the emails are .eml files in the outbox, the demo as
 * the README runs it, where a placeholder inbox loses nothing and a warning at every start would
 * be noise. The address is not logged (the logger scrubs addresses anyway); its domain and the
 * key to set are.
 */
function warnOfPlaceholderInboxes(config: HandoffConfig, { profileOf, brandIds }: Pick<HandoffDeps, 'profileOf' | 'brandIds'>, logger: SenderLogger): void {
  for (const brand of [...Object.keys(config.supportInboxes), ...Object.keys(config.escalationInboxes), ...Object.keys(config.mailFromByBrand)]) {
    if (!brandIds.includes(brand)) logger.warn({ brand }, `a per-brand setting names "${brand}", which has no brand folder; it is ignored`);
  }
  if (config.smtpUrl === undefined) return;
  for (const brand of brandIds) {
    const inbox = supportInboxFor(brand, profileOf(brand), config);
    if (!isPlaceholderAddress(inbox)) continue;
    const key = brandEnvKey('SUPPORT_INBOX', brand);
    logger.warn(
      { brand, key, inboxDomain: inbox.slice(inbox.lastIndexOf('@') + 1) },
      `the support inbox of ${brand} is a placeholder address, so its handoffs reach nobody: set ${key}`,
    );
  }
}

export { loadHandoffConfig, readHandoffConfig, type HandoffConfig } from './handoff-config.js';
export { createHandoffInitiationEvent } from './handoff-event.js';
export { registerHandoffRoutes } from './handoff-routes.js';
