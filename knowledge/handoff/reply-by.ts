// What the shopper is told happens next, in the brand's own terms:
// when to expect a reply, as dates in the brand's time zone, and, for brands with stated hours,
// whether the team is offline right now and when it is back.
//   "24-48 business hours" → 1-2 business days (docs/contracts.md, Definitions)
//   "1-2 business days"    → 1-2 business days
//   "24-48 hours"          → calendar hours: a date and time
// Business days skip weekends and observed US federal holidays; day 0 does not count, so a message
// sent on a Saturday gets "1 business day" = Monday. Pure: `at` is the time of the handoff.
import { DateTime } from 'luxon';
import { addBusinessDays, addCalendarDays, localDate, nextOpening, weeklyHours, type IsoDate } from '../calendar/business-days.js';
import { federalHolidayOn } from '../calendar/us-federal-holidays.js';
import type { BrandProfile, DurationUnit } from '../brands/brand-profile.schema.js';
import type { Source } from '../knowledge-base.types.js';
import { brandTimeZone } from '../orders/tracking-status.js';
import { formatDuration } from '../wording.js';

export type ReplyByProfile = Pick<BrandProfile, 'replyTime' | 'hours' | 'timeZone'>;

export interface ReplyPromise {
  /** The brand's words ("24-48 business hours"), or the operator's figure spelled out. */
  phrase: string;
  /** The policy section the promise quotes; null for an operator setting. */
  source: Source | null;
  unit: DurationUnit;
  /** Local dates in the brand's zone. */
  earliest: IsoDate;
  latest: IsoDate;
  /** For promises in calendar hours: the latest instant (ISO with the zone's offset). */
  latestAt: string | null;
}

export type OfflineReason = 'holiday' | 'weekend' | 'after_hours' | 'before_hours';

export interface OfflineNotice {
  reason: OfflineReason;
  /** Named when the reason is a federal holiday ("Thanksgiving Day"). */
  holiday: string | null;
  /** When the team is next working (ISO with the zone's offset); null if the schedule never opens. */
  backAt: string | null;
  /** The brand's words for its hours ("Monday-Friday, 9:00 AM-6:00 PM EST"), when quoted. */
  hoursPhrase: string | null;
  source: Source | null;
}

export interface ReplyExpectation {
  zone: string;
  /** Null when the brand promises no reply time and the operator set none. */
  reply: ReplyPromise | null;
  /** Null when the team is working now or the brand states no hours. */
  offline: OfflineNotice | null;
}

export function replyBy(profile: ReplyByProfile, at: string): ReplyExpectation {
  const zone = brandTimeZone(profile);
  return { zone, reply: replyPromise(profile, at, zone), offline: offlineNotice(profile, at, zone) };
}

function replyPromise(profile: ReplyByProfile, at: string, zone: string): ReplyPromise | null {
  const time = profile.replyTime;
  const quoted = !('operatorSetting' in time);
  const figure = quoted ? time : time.value;
  if (figure === null) return null;
  const phrase = quoted ? time.phrase : formatDuration(figure);
  const source = quoted ? { document: time.document, section: time.section } : null;
  const base = { phrase, source, unit: figure.unit };
  switch (figure.unit) {
    case 'business_hours': {
      // A business day is the unit the team works in: 24 business hours = 1 business day.
      const days = (hours: number) => Math.max(1, Math.ceil(hours / 24));
      return { ...base, earliest: addBusinessDays(at, days(figure.min), zone), latest: addBusinessDays(at, days(figure.max), zone), latestAt: null };
    }
    case 'business_days':
      return { ...base, earliest: addBusinessDays(at, figure.min, zone), latest: addBusinessDays(at, figure.max, zone), latestAt: null };
    case 'days':
      return { ...base, earliest: addCalendarDays(at, figure.min, zone), latest: addCalendarDays(at, figure.max, zone), latestAt: null };
    case 'hours': {
      const start = DateTime.fromISO(at, { zone });
      const earliest = start.plus({ hours: figure.min });
      const latest = start.plus({ hours: figure.max });
      return {
        ...base,
        earliest: localDate(earliest.toISO() ?? at, zone),
        latest: localDate(latest.toISO() ?? at, zone),
        latestAt: latest.toISO({ suppressMilliseconds: true, suppressSeconds: true }),
      };
    }
  }
}

function offlineNotice(profile: ReplyByProfile, at: string, zone: string): OfflineNotice | null {
  const hours = profile.hours;
  const quoted = !('operatorSetting' in hours);
  const schedule = quoted ? hours : hours.value;
  if (schedule === null) return null;
  const status = nextOpening(at, { zone, weekly: weeklyHours(schedule.weekdays, schedule.open, schedule.close), closedOnFederalHolidays: true });
  if (status.open) return null;
  const now = DateTime.fromISO(at, { zone });
  const today = localDate(at, zone);
  const holiday = federalHolidayOn(today);
  const workday = schedule.weekdays.includes(now.weekday);
  const reason: OfflineReason =
    holiday !== undefined ? 'holiday' : !workday ? 'weekend' : now.toFormat('HH:mm') < schedule.open ? 'before_hours' : 'after_hours';
  return {
    reason,
    holiday: holiday?.name ?? null,
    backAt: status.opensAt,
    hoursPhrase: quoted ? hours.phrase : null,
    source: quoted ? { document: hours.document, section: hours.section } : null,
  };
}
