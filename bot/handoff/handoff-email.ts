// The email an agent receives: at the top what they need to act without asking the
// shopper again (brand, category, urgency, customer, the order facts the bot verified, any return
// verdict, what the shopper asked for); below, the redacted transcript, and with
// TRANSCRIPT_LINK_SECRET set a link to it. The text and HTML parts are rendered from one list of
// sections so they never disagree; the HTML escapes everything.
import { sectionName } from '../../knowledge/wording.js';
import type { SendMailOptions } from 'nodemailer';
import type { BrandProfile, UrgentCase } from '../../knowledge/brands/brand-profile.schema.js';
import type { HandoffTicket } from '../../knowledge/handoff/handoff-ticket.types.js';
import { CATEGORY_LABELS, oneLine } from '../../knowledge/handoff/subject.js';
import type { Source } from '../../knowledge/knowledge-base.types.js';
import { brandTimeZone } from '../../knowledge/orders/tracking-status.js';
import { escapeHtml } from '../html.js';
import type { TicketWithPage } from './handoff-ticket.js';
import { ticketDay as day, ticketTime as time } from './ticket-time.js';
import type { TranscriptLink } from './transcript-link.js';
import { readableTranscript, type ReadableLine } from './transcript-reading.js';

export type EmailProfile = Pick<BrandProfile, 'displayName' | 'documents' | 'timeZone'>;

interface Section {
  title: string;
  rows?: Array<[string, string]>;
  lines?: string[];
  /** The shopper's own words, shown as a quotation. */
  quote?: string;
  /** A link shown before the lines (in HTML, one the agent can click). */
  link?: { label: string; url: string };
}

export interface EmailExtras {
  /** The ticket's transcript link (bot/handoff/transcript-link.ts); absent: no link. */
  transcriptLink?: TranscriptLink;
}

const CASE_WORDS: Record<UrgentCase, string> = {
  damaged: 'damaged delivery',
  defective: 'defective item',
  wrong_item: 'incorrect order',
  missing: 'missing shipment',
  late: 'late delivery',
  undeliverable: 'undeliverable shipment',
  shopper_says_urgent: 'the shopper marked it urgent',
};

export function composeHandoffEmail(ticket: TicketWithPage, profile: EmailProfile, from: string, extras: EmailExtras = {}): SendMailOptions {
  const sections = sectionsOf(ticket, profile, extras);
  const urgent = ticket.urgency.urgent;
  return {
    from,
    to: ticket.to,
    replyTo: { name: ticket.customer.name, address: ticket.customer.email },
    subject: ticket.subject,
    messageId: ticket.messageId,
    // Fixed at creation so a retried message is byte-for-byte the same message.
    date: new Date(ticket.createdAt),
    // X-Priority, X-MSMail-Priority and Importance, which mail clients sort and flag by.
    priority: urgent ? 'high' : 'normal',
    headers: { 'X-Clasp-Ticket': ticket.id, 'X-Clasp-Reference': ticket.reference, 'X-Clasp-Brand': ticket.brand },
    text: renderText(sections),
    html: renderHtml(ticket.subject, sections),
  };
}

function sectionsOf(ticket: TicketWithPage, profile: EmailProfile, extras: EmailExtras): Section[] {
  const zone = brandTimeZone(profile);
  const sections: Section[] = [{ title: 'Handoff from the Clasp support assistant', rows: summaryRows(ticket, profile, zone) }];
  sections.push({ title: 'What the shopper asked for', quote: ticket.description });
  // Every message since the handoff began, understood or not: nothing the shopper typed is lost.
  const wrote = ticket.shopperWrote ?? [];
  if (wrote.length > 0) sections.push({ title: 'What the shopper wrote, since asking for a person', lines: wrote.map((words) => `> ${oneLine(words)}`) });
  sections.push(orderSection(ticket, zone));
  const verdict = ticket.returnVerdict;
  if (verdict !== null) {
    const eligible = verdict.eligible === 'review' ? 'needs review by the team' : verdict.eligible ? 'eligible' : 'not eligible';
    sections.push({
      title: 'Return verdict given by the assistant',
      rows: [
        ['Verdict', eligible],
        ['Item', `${verdict.item.name} (${verdict.item.sku}), order ${verdict.orderNumber}`],
        ['Condition', verdict.condition.replace(/_/g, ' ')],
        ['Reason for return', verdict.wish.replace(/_/g, ' ')],
      ],
      lines: [
        ...verdict.reasons.map((reason) => `Reason: ${reason.say}${reason.source ? ` (${cite(reason.source, profile)})` : ' (store setting)'}`),
        ...verdict.nextSteps.map((step) => `Next step told: ${step}`),
      ],
    });
  }
  // Tidied here, when the email is composed, not when the ticket is built: the stored ticket
  // keeps every line as recorded for the agents' API, the handoff.initiate event and the
  // transcript link, and only this reading copy leaves repeats out. It is a pure function of the
  // ticket, so a retried email is still the same message.
  const transcript = readableTranscript(ticket.transcript);
  const link = extras.transcriptLink;
  sections.push({
    title: 'Transcript (card numbers and similar secrets removed)',
    link: link === undefined ? undefined : { label: `The whole transcript, every line as recorded (the link works until ${day(link.expiresAt.toISOString(), zone)})`, url: link.url },
    lines: transcript.length === 0 ? ['(no transcript recorded)'] : transcript.map((line) => transcriptLine(line, zone)),
  });
  return sections;
}

function transcriptLine(line: ReadableLine, zone: string): string {
  const repeated = line.repeats === 0 ? '' : ` [said again ${line.repeats} more time${line.repeats === 1 ? '' : 's'} later; the repeats are left out]`;
  return `[${time(line.at, zone)}] ${line.from === 'shopper' ? 'Shopper' : 'Assistant'}: ${line.text}${repeated}`;
}

function summaryRows(ticket: TicketWithPage, profile: EmailProfile, zone: string): Array<[string, string]> {
  const { urgency } = ticket;
  const why = urgency.because.map((urgentCase) => CASE_WORDS[urgentCase]).join(', ');
  const basis = urgency.basis?.kind === 'policy' ? `per the ${cite(urgency.basis.source, profile)}` : 'per the store’s own setting';
  const rows: Array<[string, string]> = [
    ['Brand', `${profile.displayName.value} (${ticket.brand})`],
    ['Reference', `${ticket.reference} (ticket ${ticket.id})`],
    ['Category', CATEGORY_LABELS[ticket.category]],
    ['Urgency', urgency.urgent ? `${urgency.word}: ${why}, ${basis}` : 'Not urgent'],
    ...urgency.notes.map((note): [string, string] => ['Urgency note', note]),
    ['Customer', `${ticket.customer.name} <${ticket.customer.email}> (reply to this email to reach them)`],
    ['Received', time(ticket.createdAt, zone)],
  ];
  // Where the shopper was on the store's site when they wrote (the chat widget says).
  if (ticket.page !== undefined) rows.push(['Page', `${ticket.page.title === '' ? '(untitled)' : ticket.page.title} ${ticket.page.url}`]);
  const told = toldText(ticket, zone);
  if (told !== null) rows.push(['Shopper was told', told]);
  if (ticket.escalation !== null) rows.push(['Escalation', `Sent to the escalation address per the ${cite(ticket.escalation.source, profile)}: review within ${ticket.escalation.review}, resolution or update within ${ticket.escalation.resolution}.`]);
  return rows;
}

function toldText(ticket: HandoffTicket, zone: string): string | null {
  const { reply, offline } = ticket.expectation;
  const parts: string[] = [];
  if (reply !== null) parts.push(`a reply within ${reply.phrase}, by ${day(reply.latestAt ?? reply.latest, zone)}`);
  if (offline !== null) parts.push(`the team was offline${offline.backAt === null ? '' : ` until ${time(offline.backAt, zone)}`}`);
  return parts.length === 0 ? null : `${parts.join('; ')}.`;
}

function orderSection(ticket: HandoffTicket, zone: string): Section {
  const order = ticket.verifiedOrder;
  if (order === null) {
    return {
      title: 'Order',
      lines: [ticket.orderNumber === null ? 'No order number given.' : `Order number given by the shopper, NOT verified: ${ticket.orderNumber}`],
    };
  }
  const rows: Array<[string, string]> = [
    ['Order number', `${order.orderNumber} (verified: number and email matched in the chat)`],
    ['Order email', order.email],
    ['Status', order.status],
  ];
  if (order.customerName !== null) rows.push(['Name on order', order.customerName]);
  if (order.placedAt !== null) rows.push(['Placed', time(order.placedAt, zone)]);
  if (order.shippedAt !== null) rows.push(['Shipped', time(order.shippedAt, zone)]);
  if (order.carrier !== null) rows.push(['Carrier', order.carrier]);
  if (order.trackingNumber !== null) rows.push(['Tracking number', order.trackingNumber]);
  if (order.trackingUrl !== null) rows.push(['Tracking link', order.trackingUrl]);
  if (order.deliveredAt !== null) rows.push(['Delivered', time(order.deliveredAt, zone)]);
  if (order.shipTo !== null) rows.push(['Ship to', [order.shipTo.postalCode, order.shipTo.region, order.shipTo.country].filter((part) => part !== null).join(', ')]);
  const items = order.items.map((item) => {
    const flags = [item.finalSale ? 'final sale' : null, item.personalized ? 'personalized' : null].filter((flag) => flag !== null);
    return `${item.quantity} × ${item.name} (${item.sku}), $${item.unitPrice.toFixed(2)} each${flags.length > 0 ? ` [${flags.join(', ')}]` : ''}`;
  });
  return { title: 'Order (verified by the assistant)', rows, lines: items.map((item) => `Item: ${item}`) };
}

function cite(source: Source, profile: EmailProfile): string {
  const title = profile.documents.find((document) => document.id === source.document)?.title ?? source.document;
  return source.section === 'intro' ? `${title} (introduction)` : `${title} ${sectionName(source.section)}`;
}

function renderText(sections: readonly Section[]): string {
  const blocks = sections.map((section) => {
    const out = [section.title, '-'.repeat(section.title.length)];
    const width = Math.max(0, ...(section.rows ?? []).map(([label]) => label.length));
    for (const [label, value] of section.rows ?? []) out.push(`${`${label}:`.padEnd(width + 2)}${value}`);
    if (section.quote !== undefined) out.push(...section.quote.split(/\r?\n/).map((line) => `> ${line}`));
    if (section.link !== undefined) out.push(`${section.link.label}: ${section.link.url}`, '');
    for (const line of section.lines ?? []) out.push(line);
    return out.join('\n');
  });
  return `${blocks.join('\n\n')}\n`;
}

function renderHtml(subject: string, sections: readonly Section[]): string {
  const body = sections.map((section) => {
    const parts = [`<h2 style="font-size:16px;margin:18px 0 6px">${escapeHtml(section.title)}</h2>`];
    if (section.rows !== undefined && section.rows.length > 0) {
      const rows = section.rows
        .map(([label, value]) => `<tr><th align="left" valign="top" style="padding:2px 12px 2px 0">${escapeHtml(label)}</th><td style="padding:2px 0">${escapeHtml(value)}</td></tr>`)
        .join('');
      parts.push(`<table cellspacing="0" cellpadding="0">${rows}</table>`);
    }
    if (section.quote !== undefined) {
      parts.push(`<blockquote style="margin:6px 0;padding-left:10px;border-left:3px solid #ccc;white-space:pre-wrap">${escapeHtml(section.quote)}</blockquote>`);
    }
    if (section.link !== undefined) {
      const url = escapeHtml(section.link.url);
      parts.push(`<p style="margin:6px 0">${escapeHtml(section.link.label)}: <a href="${url}">${url}</a></p>`);
    }
    if (section.lines !== undefined && section.lines.length > 0) {
      parts.push(`<ul style="padding-left:18px;margin:6px 0">${section.lines.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`);
    }
    return parts.join('\n');
  });
  return `<!doctype html>\n<html><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>\n<body style="font-family:sans-serif;font-size:14px">\n${body.join('\n')}\n</body></html>\n`;
}
