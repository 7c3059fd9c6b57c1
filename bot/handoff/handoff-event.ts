// Bot Framework's `handoff.initiate` event with the transcript: a channel with a
// live-agent hub can pick the conversation up; others ignore the event. The email stays the
// channel of record, so this is an announcement, not the handoff itself.
import { ActivityTypes, EventFactory, type Activity, type ChannelAccount, type Transcript, type TurnContext } from 'botbuilder';
import type { HandoffTicket, TranscriptLine } from '../../knowledge/handoff/handoff-ticket.types.js';

/** What the agent hub receives as the event's value. */
export interface HandoffInitiationContext {
  ticketId: string;
  reference: string;
  brand: string;
  category: string;
  urgent: boolean;
  subject: string;
  /** The brand's queue. */
  skill: string;
  customer: { name: string; email: string };
  orderNumber: string | null;
}

/** The event for the turn that stored the ticket, replying to that turn's incoming activity. */
export function createHandoffInitiationEvent(incoming: Partial<Activity>, ticket: HandoffTicket): Activity {
  const handoffContext: HandoffInitiationContext = {
    ticketId: ticket.id,
    reference: ticket.reference,
    brand: ticket.brand,
    category: ticket.category,
    urgent: ticket.urgency.urgent,
    subject: ticket.subject,
    skill: ticket.brand,
    customer: ticket.customer,
    orderNumber: ticket.orderNumber,
  };
  // The factory reads only the context's activity.
  const context = { activity: incoming } as TurnContext;
  return EventFactory.createHandoffInitiation(context, handoffContext, transcriptOf(incoming, ticket.transcript));
}

function transcriptOf(activity: Partial<Activity>, lines: readonly TranscriptLine[]): Transcript {
  const shopper: ChannelAccount = activity.from ?? { id: 'shopper', name: 'Shopper' };
  const bot: ChannelAccount = activity.recipient ?? { id: 'bot', name: 'Clasp' };
  return {
    activities: lines.map((line, index) => ({
      type: ActivityTypes.Message,
      id: `transcript-${index + 1}`,
      timestamp: new Date(line.at),
      text: line.text,
      from: line.from === 'shopper' ? shopper : bot,
      recipient: line.from === 'shopper' ? bot : shopper,
      conversation: activity.conversation ?? { id: '', isGroup: false, conversationType: '', name: '' },
      channelId: activity.channelId ?? '',
      serviceUrl: activity.serviceUrl ?? '',
      localTimezone: '',
      callerId: '',
      label: '',
      valueType: '',
      listenFor: [],
    })),
  };
}
