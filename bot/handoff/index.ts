// The handoff integration, composed: outbox, transport (SMTP or .eml), sender, the submit effect,
// the transcript middleware and the agents' routes. Called once by the composition root; nothing
// here runs at import time.
import type { Storage, TurnContext } from 'botbuilder';
import type restify from 'restify';
import type { BrandId } from '../../knowledge/brand-ids.js';
import type { BrandProfile } from '../../knowledge/brands/brand-profile.schema.js';
import { turnBrand } from '../brand-conversation-state.js';
import type { HandoffConfig } from './handoff-config.js';
import { composeHandoffEmail } from './handoff-email.js';
import { createHandoffMiddleware } from './handoff-middleware.js';
import { openHandoffOutbox, type HandoffOutbox } from './handoff-outbox.js';
import { registerHandoffRoutes } from './handoff-routes.js';
import { createHandoffSender, type HandoffSender, type SenderLogger } from './handoff-sender.js';
import { createHandoffSubmitter, type HandoffSubmitter } from './handoff-submitter.js';
import { conversationKeyOf, createTranscriptStore, type TranscriptStore } from './handoff-transcript.js';
import { createEmlTransport, createSmtpTransport, type HandoffTransport } from './handoff-transport.js';

export interface HandoffDeps {
  config: HandoffConfig;
  /** Where transcripts live: the same Storage as conversation state. */
  storage: Storage;
  logger: SenderLogger;
  profileOf(brand: BrandId): BrandProfile;
  now?: () => Date;
  /** Replaces the SMTP/.eml transport (tests). */
  transport?: HandoffTransport;
  /** The conversation key of a turn; default: brand (from the turn origin), channel and conversation id. */
  keyOf?: (context: TurnContext) => string | null;
}

export interface Handoff {
  outbox: HandoffOutbox;
  sender: HandoffSender;
  submitter: HandoffSubmitter;
  transcripts: TranscriptStore;
  /** `adapter.use(handoff.middleware)` on every adapter that runs turns. */
  middleware: ReturnType<typeof createHandoffMiddleware>;
  /** The `submitHandoff` actor for one conversation. */
  effect: HandoffSubmitter['effect'];
  registerRoutes(server: restify.Server): void;
  /** Resumes tickets not yet sent. */
  start(): Promise<void>;
  /** Throws unless the outbox can be written (for /readyz). */
  checkReady(): Promise<void>;
  close(): Promise<void>;
}

export function defaultConversationKey(context: TurnContext): string | null {
  return conversationKeyOf(turnBrand(context), context.activity);
}

export async function createHandoff(deps: HandoffDeps): Promise<Handoff> {
  const { config, logger } = deps;
  const now = deps.now ?? (() => new Date());
  const outbox = await openHandoffOutbox(config.outboxDir);
  for (const problem of outbox.problems) logger.error({ problem }, 'unreadable file in the handoff outbox');
  const transport = deps.transport ?? (config.smtpUrl === undefined ? createEmlTransport(outbox) : createSmtpTransport(config.smtpUrl, config.smtpTimeoutMs));
  const sender = createHandoffSender({
    outbox,
    transport,
    compose: (ticket) => composeHandoffEmail(ticket, deps.profileOf(ticket.brand), config.mailFrom),
    retry: config.retry,
    logger,
    now,
  });
  const transcripts = createTranscriptStore(deps.storage);
  const submitter = createHandoffSubmitter({
    outbox,
    sender,
    transcripts,
    profileOf: deps.profileOf,
    recipients: { supportInboxes: config.supportInboxes, escalationInboxes: config.escalationInboxes },
    now,
    logger,
  });
  const middleware = createHandoffMiddleware({ transcripts, submitter, keyOf: deps.keyOf ?? defaultConversationKey, now, logger });
  return {
    outbox,
    sender,
    submitter,
    transcripts,
    middleware,
    effect: submitter.effect,
    registerRoutes: (server) => registerHandoffRoutes(server, { outbox, adminToken: config.adminToken }),
    start: () => sender.start(),
    checkReady: () => outbox.checkWritable(),
    close: () => sender.stop(),
  };
}

export { loadHandoffConfig, readHandoffConfig, type HandoffConfig } from './handoff-config.js';
export { conversationKeyOf } from './handoff-transcript.js';
export { createHandoffInitiationEvent } from './handoff-event.js';
export { registerHandoffRoutes } from './handoff-routes.js';
