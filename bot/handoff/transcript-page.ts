// The page an agent sees behind the email's transcript link (bot/handoff/transcript-routes.ts):
// the ticket's redacted transcript, every line as recorded (the email shows it with repeats left
// out, bot/handoff/transcript-reading.ts; this is the full record). Plain HTML, no script, no
// outside resource; every value from the ticket is escaped.
import type { BrandProfile } from '../../knowledge/brands/brand-profile.schema.js';
import type { HandoffTicket } from '../../knowledge/handoff/handoff-ticket.types.js';
import { brandTimeZone } from '../../knowledge/orders/tracking-status.js';
import { escapeHtml } from '../html.js';
import { ticketTime } from './ticket-time.js';

export type TranscriptPageProfile = Pick<BrandProfile, 'displayName' | 'timeZone'>;

export function transcriptPage(ticket: HandoffTicket, profile: TranscriptPageProfile): string {
  const zone = brandTimeZone(profile);
  const title = `Transcript of ${ticket.reference} (${profile.displayName.value})`;
  const lines = ticket.transcript.map((line) => {
    const who = line.from === 'shopper' ? 'Shopper' : 'Assistant';
    return [
      `<li class="${line.from}">`,
      `<div class="meta">${escapeHtml(who)} · <time datetime="${escapeHtml(line.at)}">${escapeHtml(ticketTime(line.at, zone))}</time></div>`,
      `<div class="text">${escapeHtml(line.text)}</div>`,
      '</li>',
    ].join('');
  });
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex, nofollow">',
    `<title>${escapeHtml(title)}</title>`,
    '<style>',
    'body{font-family:sans-serif;font-size:14px;max-width:760px;margin:24px auto;padding:0 12px;color:#222}',
    'ol{list-style:none;padding:0}li{margin:10px 0;padding:8px 10px;border-radius:6px}',
    'li.shopper{background:#eef4ff}li.bot{background:#f4f4f4}',
    '.meta{font-size:12px;color:#555;margin-bottom:4px}.text{white-space:pre-wrap}',
    '</style></head><body>',
    `<h1 style="font-size:18px">${escapeHtml(title)}</h1>`,
    `<p>${escapeHtml(ticket.subject)}</p>`,
    `<p>Ticket ${escapeHtml(ticket.id)}, received ${escapeHtml(ticketTime(ticket.createdAt, zone))}. Card numbers and similar secrets are removed.</p>`,
    lines.length === 0 ? '<p>(no transcript recorded)</p>' : `<ol>${lines.join('\n')}</ol>`,
    '</body></html>',
    '',
  ].join('\n');
}
