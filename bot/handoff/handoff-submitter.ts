// The real `submitHandoff` effect: add the transcript and the time, store the ticket durably,
// then wake the sender. It resolves only once the ticket is on disk (the flow then tells the
// shopper it was sent) and rejects only when it is not (the flow then says so).
import { createHash } from 'node:crypto';
import { fromPromise } from 'xstate';
import type { BrandId } from '../../knowledge/brand-ids.js';
import type { HandoffSubmission, HandoffTicket, TranscriptLine } from '../../knowledge/handoff/handoff-ticket.types.js';
import type { HandoffResult } from '../../machines/handoff.machine.js';
import type { HandoffOutbox } from './handoff-outbox.js';
import type { HandoffSender, SenderLogger } from './handoff-sender.js';
import { createTicket, type Recipients, type TicketProfile } from './handoff-ticket.js';

export interface HandoffSubmitterDeps {
  outbox: Pick<HandoffOutbox, 'store'>;
  sender: Pick<HandoffSender, 'notify'>;
  /** The conversation's transcript so far (kept with its state). */
  transcriptOf(conversationKey: string): Promise<TranscriptLine[]>;
  profileOf(brand: BrandId): TicketProfile;
  recipients: Recipients;
  now: () => Date;
  logger: SenderLogger;
  /** Told about every new ticket (metrics). */
  onStored?: (ticket: HandoffTicket) => void;
}

export interface HandoffSubmitter {
  submit(submission: HandoffSubmission, conversationKey: string | null): Promise<HandoffResult>;
  /** The effect for `handoffMachine.provide({ actors: { submitHandoff } })`, for one conversation. */
  effect(conversationKey: string | null): ReturnType<typeof fromPromise<HandoffResult, HandoffSubmission>>;
  /** Tickets stored for this conversation since last asked (for the `handoff.initiate` event). */
  takeSubmitted(conversationKey: string): HandoffTicket[];
}

// Tickets waiting for their turn to announce them; bounded in case a turn never asks.
const MAX_UNANNOUNCED = 1_000;

export function createHandoffSubmitter(deps: HandoffSubmitterDeps): HandoffSubmitter {
  const unannounced = new Map<string, HandoffTicket[]>();

  async function submit(submission: HandoffSubmission, conversationKey: string | null): Promise<HandoffResult> {
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
    });
    // The same request from the same conversation (a turn retried after a crash) is one ticket.
    const dedupeKey = conversationKey === null ? undefined : createHash('sha256').update(conversationKey).update('\u0000').update(JSON.stringify(submission)).digest('hex');
    const stored = await deps.outbox.store(ticket, dedupeKey);
    if (!stored.duplicate) {
      deps.sender.notify(stored.ticket.id);
      deps.onStored?.(stored.ticket);
      if (conversationKey !== null) remember(conversationKey, stored.ticket);
    }
    deps.logger.info(
      { ticket: stored.ticket.id, reference: stored.ticket.reference, brand: stored.ticket.brand, urgent: stored.ticket.urgency.urgent, duplicate: stored.duplicate },
      'handoff stored',
    );
    return { ticketId: stored.ticket.id, reference: stored.ticket.reference };
  }

  function remember(conversationKey: string, ticket: HandoffTicket): void {
    unannounced.set(conversationKey, [...(unannounced.get(conversationKey) ?? []), ticket]);
    while (unannounced.size > MAX_UNANNOUNCED) {
      const oldest = unannounced.keys().next().value;
      if (oldest === undefined) break;
      unannounced.delete(oldest);
    }
  }

  return {
    submit,
    effect: (conversationKey) => fromPromise<HandoffResult, HandoffSubmission>(({ input }) => submit(input, conversationKey)),
    takeSubmitted(conversationKey) {
      const tickets = unannounced.get(conversationKey) ?? [];
      unannounced.delete(conversationKey);
      return tickets;
    },
  };
}
