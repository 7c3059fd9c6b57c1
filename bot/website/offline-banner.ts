import { DateTime } from 'luxon';
import { nextOpening, weeklyHours } from '../../knowledge/calendar/business-days.js';
import type { BrandProfile } from '../../knowledge/brands/brand-profile.schema.js';

export interface OfflineBanner {
  /** The brand's stated hours in its own words, or the operator's setting spelled out. */
  hours: string;
  /** When the team is back, in the brand's zone ("Monday 9:00 AM EST"); null if never. */
  backAt: string | null;
}

const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function describeDays(weekdays: readonly number[]): string {
  const sorted = [...new Set(weekdays)].sort((a, b) => a - b);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  const consecutive = first !== undefined && last !== undefined && last - first === sorted.length - 1;
  if (consecutive && sorted.length > 2) return `${DAY_NAMES[first - 1]}-${DAY_NAMES[last - 1]}`;
  return sorted.map((day) => DAY_NAMES[day - 1]).join(', ');
}

function clock(time: string): string {
  return DateTime.fromFormat(time, 'HH:mm').toFormat('h:mm a');
}

/**
 * For brands with stated (or operator-set) support hours: the banner to show when the team is
 * offline at `now`, else null. Brands without hours never show one: nobody says when they work.
 */
export function offlineBanner(profile: BrandProfile, now: Date): OfflineBanner | null {
  const hours = profile.hours;
  const schedule = 'operatorSetting' in hours ? hours.value : hours;
  if (schedule === null) return null;
  const zone = 'operatorSetting' in profile.timeZone ? profile.timeZone.value : profile.timeZone.zone;
  const status = nextOpening(now.getTime(), { zone, weekly: weeklyHours(schedule.weekdays, schedule.open, schedule.close), closedOnFederalHolidays: true });
  if (status.open) return null;
  const spelled = `${describeDays(schedule.weekdays)}, ${clock(schedule.open)}-${clock(schedule.close)} (${DateTime.fromJSDate(now, { zone }).toFormat('ZZZZ')})`;
  return {
    hours: 'phrase' in hours ? hours.phrase : spelled,
    backAt: status.opensAt === null ? null : DateTime.fromISO(status.opensAt, { zone }).toFormat('cccc h:mm a ZZZZ'),
  };
}
