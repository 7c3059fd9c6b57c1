// Storing a handoff: add the transcript and the time, store the ticket durably, then wake the
// sender. It resolves with the stored ticket only once it is on disk (the flow then tells the
// shopper it was sent) and rejects only when it is not (the flow then says so).
import { createHash } from 'node:crypto';
import type { BrandId } from '../../knowledge/brand-ids.js';
import type { HandoffSubmission, HandoffTicket, TranscriptLine } from '../../knowledge/handoff/handoff-ticket.types.js';
import type { HandoffOutbox } from './handoff-outbox.js';
import type { HandoffSender, SenderLogger } from './handoff-sender.js';
import type { ShopperPage } from '../../dialogs/conversation.turn.js';
import { createTicket, type Recipients, type TicketProfile } from './handoff-ticket.js';

export interface HandoffSubmitterDeps {
  outbox: Pick<HandoffOutbox, 'store'>;
  sender: Pick<HandoffSender, 'notify'>;
  /** The conversation's transcript so far (kept with its state). */
  transcriptOf(conversationKey: string): Promise<TranscriptLine[]>;
  profileOf(brand: BrandId): TicketProfile;
  recipients: Recipients;
  /** The From of the brand's emails (bot/handoff/mail-from.ts): the ticket's Message-ID takes its domain. */
  mailFromOf(brand: BrandId): string;
  now: () => Date;
  logger: SenderLogger;
  /** Told about every new ticket (metrics). */
  onStored?: (ticket: HandoffTicket) => void;
}

export interface HandoffSubmitter {
  /**
   * The stored ticket (the earlier one when the same request was stored before). `page`: the store
   * page the shopper wrote from (the widget), shown to the team.
   */
  submit(submission: HandoffSubmission, conversationKey: string | null, page?: ShopperPage): Promise<HandoffTicket>;
}

export function createHandoffSubmitter(deps: HandoffSubmitterDeps): HandoffSubmitter {
  async function submit(submission: HandoffSubmission, conversationKey: string | null, page?: ShopperPage): Promise<HandoffTicket> {
    let transcript: TranscriptLine[] = [];
    if (conversationKey !== null) {
      try {
        transcript = await deps.transcriptOf(conversationKey);
      } catch (error) {
        // The ticket matters more than its transcript: send it without one.
        deps.logger.warn({ err: error }, 'transcript unavailable for a handoff');
      }
    }
    const ticket = createTicket(submission, {
      now: deps.now(),
      transcript,
      conversationKey,
      profile: deps.profileOf(submission.brand),
      recipients: deps.recipients,
      mailFrom: deps.mailFromOf(submission.brand),
      page,
    });
    // The same request from the same conversation (a turn retried after a crash) is one ticket.
    const dedupeKey = conversationKey === null ? undefined : createHash('sha256').update(conversationKey).update('\u0000').update(JSON.stringify(submission)).digest('hex');
    const stored = await deps.outbox.store(ticket, dedupeKey);
    if (!stored.duplicate) {
      deps.sender.notify(stored.ticket.id);
      deps.onStored?.(stored.ticket);
    }
    deps.logger.info(
      { ticket: stored.ticket.id, reference: stored.ticket.reference, brand: stored.ticket.brand, urgent: stored.ticket.urgency.urgent, duplicate: stored.duplicate },
      'handoff stored',
    );
    return stored.ticket;
  }

  return { submit };
}
