// How a ticket's times read to an agent: in the brand's time zone, with the zone named, the
// same in the email (bot/handoff/handoff-email.ts) and on the transcript page
// (bot/handoff/transcript-page.ts).
import { DateTime } from 'luxon';

/** "Fri, Nov 27, 2026, 9:30 PM EST"; the ISO text itself when it is not a time. */
export function ticketTime(iso: string, zone: string): string {
  const local = DateTime.fromISO(iso, { zone, locale: 'en-US' });
  return local.isValid ? local.toFormat('ccc, LLL d, yyyy, h:mm a ZZZZ') : iso;
}

/** "Tuesday, December 1, 2026", with the time when the ISO text has one. */
export function ticketDay(iso: string, zone: string): string {
  const local = DateTime.fromISO(iso, { zone, locale: 'en-US' });
  if (!local.isValid) return iso;
  return /T/.test(iso) ? local.toFormat('cccc, LLLL d, yyyy, h:mm a ZZZZ') : local.toFormat('cccc, LLLL d, yyyy');
}
