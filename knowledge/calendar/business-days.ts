// Date arithmetic for policy windows ("ships in 1-3 business days", "delivered in 6-12 days"), per
// The definitions of docs/contracts.md: N business days after X are N weekdays that are not US federal holidays
// (observed), counted in the brand's time zone.
//
// Values crossing this module's boundary are JSON-friendly because conversation context is
// persisted as JSON: instants come in as ISO 8601 strings or epoch milliseconds, dates go out as
// `YYYY-MM-DD` strings, instants go out as ISO strings with the brand zone's offset (so a renderer
// can print local wall time without knowing the zone). Nothing here reads the clock: `now` is
// always an argument.
//
// Conventions, and why:
// - Only X's local date in the brand's zone matters, never its time of day. An order placed at
//   23:30 ET on a Friday was placed on Friday; one at 00:30 ET on Saturday was placed on Saturday,
//   whatever the UTC date says, because the brand's staff work by their own calendar.
// - Day 0 does not count: "1 business day after" a Tuesday is Wednesday. The count starts on the
//   day after X, as a person counting on a calendar would.
// - When X is itself a weekend or holiday, it simply does not count, and neither do the
//   non-business days after it: 1 business day after a Saturday is Monday (Tuesday if Monday is
//   a federal holiday). Business days are counted, not calendar days skipped.
// - `n = 0` returns X's own local date unchanged (even on a weekend): nothing was added.
// - Negative `n` counts backwards with the same rules (1 business day before a Sunday is Friday).
// - Calendar days ("6-12 days") are plain local-date additions: Saturday + 2 days is Monday.
// - A window's last day ends at the end of that local day: something due "by" a date is late
//   only once that whole day has passed in the brand's zone.
import { DateTime, IANAZone } from 'luxon';

import { isUsFederalHoliday, type IsoDate } from './us-federal-holidays.js';

export type { IsoDate } from './us-federal-holidays.js';

/**
 * A moment or a date: an ISO 8601 date-time with an offset or `Z` (an instant), epoch
 * milliseconds (an instant), an ISO date-time without offset (wall time in the given zone) or a
 * `YYYY-MM-DD` date (that local date in the given zone).
 */
export type DateInput = string | number;

export type DayUnit = 'business' | 'calendar';

/** A policy window such as "6-12 business days": from `min` to `max` units after an event. */
export interface DayWindow {
  readonly min: number;
  readonly max: number;
  readonly unit: DayUnit;
}

export interface WindowDates {
  readonly earliest: IsoDate;
  readonly latest: IsoDate;
}

/** The local date of `input` in `zone`. */
export function localDate(input: DateInput, zone: string): IsoDate {
  return isoDateOf(toDateTime(input, zone));
}

/** A weekday (in `zone`) that is not an observed US federal holiday. */
export function isBusinessDay(date: DateInput, zone: string): boolean {
  return isBusinessDate(localDate(date, zone));
}

/** The local date `n` business days after `from` (see the conventions above). */
export function addBusinessDays(from: DateInput, n: number, zone: string): IsoDate {
  assertInteger(n, 'addBusinessDays');
  // Past this point the zone no longer matters: we step over plain dates, in UTC so that no
  // daylight-saving transition can make a day 23 or 25 hours long.
  let day = dateOnly(localDate(from, zone));
  const step = n < 0 ? -1 : 1;
  for (let remaining = Math.abs(n); remaining > 0; ) {
    day = day.plus({ days: step });
    if (isBusinessDate(isoDateOf(day))) remaining -= 1;
  }
  return isoDateOf(day);
}

/** The local date `n` calendar days after `from`. */
export function addCalendarDays(from: DateInput, n: number, zone: string): IsoDate {
  assertInteger(n, 'addCalendarDays');
  return isoDateOf(dateOnly(localDate(from, zone)).plus({ days: n }));
}

/** The earliest and latest local dates of `window` counted from `from`. */
export function windowDates(from: DateInput, window: DayWindow, zone: string): WindowDates {
  const { min, max, unit } = window;
  assertInteger(min, 'windowDates');
  assertInteger(max, 'windowDates');
  if (min < 0 || max < min) throw new RangeError(`windowDates: expected 0 <= min <= max, got ${min}-${max}`);
  const add = unit === 'business' ? addBusinessDays : addCalendarDays;
  return { earliest: add(from, min, zone), latest: add(from, max, zone) };
}

/** The last instant of local `date` in `zone`, as an ISO string with the zone's offset. */
export function endOfLocalDay(date: IsoDate, zone: string): string {
  return toIso(toDateTime(assertIsoDate(date), zone).endOf('day'));
}

/** Whether `now` is past the whole of local `date` in `zone` (how "late" is decided). */
export function isPastEndOfDay(now: DateInput, date: IsoDate, zone: string): boolean {
  const endOfDay = toDateTime(assertIsoDate(date), zone).endOf('day');
  return toDateTime(now, zone).toMillis() > endOfDay.toMillis();
}

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** Opening and closing wall-clock times, 24-hour `HH:mm`, local to the schedule's zone. */
export interface DailyHours {
  readonly open: string;
  readonly close: string;
}

/** A weekly schedule, e.g. Mon-Fri 09:00-18:00 America/New_York, closed on federal holidays. */
export interface OpeningHours {
  readonly zone: string;
  /** Days absent from the map are closed. */
  readonly weekly: Partial<Record<Weekday, DailyHours>>;
  readonly closedOnFederalHolidays: boolean;
}

/**
 * Open now (and until when), or closed (and when it opens next; null if the schedule never opens).
 * Instants are ISO strings with the schedule zone's offset.
 */
export type OpeningStatus = { readonly open: true; readonly closesAt: string } | { readonly open: false; readonly opensAt: string | null };

// Luxon numbers weekdays 1 (Monday) to 7 (Sunday).
const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
// Far enough to cross any run of closed days a real schedule has (a weekend next to a holiday,
// a one-day-a-week schedule whose day is a holiday), bounded so an empty schedule terminates.
const OPENING_SEARCH_DAYS = 28;

/**
 * The weekly map for one set of hours on several days, days given as ISO weekday numbers
 * (1 = Monday ... 7 = Sunday), as brand profiles store them: `weeklyHours([1, 2, 3, 4, 5], '09:00', '18:00')`.
 */
export function weeklyHours(isoWeekdays: readonly number[], open: string, close: string): OpeningHours['weekly'] {
  const weekly: Partial<Record<Weekday, DailyHours>> = {};
  for (const isoWeekday of isoWeekdays) {
    const day = WEEKDAYS[isoWeekday - 1];
    if (!Number.isInteger(isoWeekday) || day === undefined) throw new RangeError(`expected an ISO weekday 1-7, got ${isoWeekday}`);
    weekly[day] = { open, close };
  }
  return weekly;
}

/**
 * Whether `hours` has the team working at `now`, and when it next opens. Opening time counts as
 * open and closing time as closed (09:00-18:00 is open at 09:00:00, closed at 18:00:00).
 */
export function nextOpening(now: DateInput, hours: OpeningHours): OpeningStatus {
  const { zone } = hours;
  const current = toDateTime(now, zone);
  const today = current.startOf('day');
  for (let offset = 0; offset < OPENING_SEARCH_DAYS; offset += 1) {
    const day = today.plus({ days: offset });
    const date = isoDateOf(day);
    if (hours.closedOnFederalHolidays && isUsFederalHoliday(date)) continue;
    const daily = hours.weekly[WEEKDAYS[day.weekday - 1] ?? 'sun'];
    if (!daily) continue;
    const opensAt = atWallTime(date, daily.open, zone);
    const closesAt = atWallTime(date, daily.close, zone);
    if (closesAt <= opensAt) {
      throw new RangeError(`nextOpening: closing time ${daily.close} is not after opening time ${daily.open}`);
    }
    if (current < opensAt) return { open: false, opensAt: toIso(opensAt) };
    if (current < closesAt) return { open: true, closesAt: toIso(closesAt) };
  }
  return { open: false, opensAt: null };
}

function isBusinessDate(date: IsoDate): boolean {
  const weekday = dateOnly(date).weekday;
  return weekday <= 5 && !isUsFederalHoliday(date);
}

// luxon's zone check builds an Intl.DateTimeFormat every time (a quarter of a tracking turn's
// CPU under load): each zone name is checked once.
const checkedZones = new Map<string, boolean>();

function isKnownZone(zone: string): boolean {
  let known = checkedZones.get(zone);
  if (known === undefined) {
    known = IANAZone.isValidZone(zone);
    if (checkedZones.size < 1_000) checkedZones.set(zone, known);
  }
  return known;
}

function toDateTime(input: DateInput, zone: string): DateTime {
  if (!isKnownZone(zone)) throw new RangeError(`unknown time zone "${zone}"`);
  const parsed = typeof input === 'number' ? DateTime.fromMillis(input, { zone }) : DateTime.fromISO(input, { zone });
  if (!parsed.isValid) throw new RangeError(`invalid date "${String(input)}": ${parsed.invalidExplanation ?? 'unparseable'}`);
  return parsed;
}

function dateOnly(date: IsoDate): DateTime {
  return toDateTime(date, 'UTC');
}

function atWallTime(date: IsoDate, time: string, zone: string): DateTime {
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) throw new RangeError(`expected a 24-hour HH:mm time, got "${time}"`);
  return toDateTime(`${date}T${time}`, zone);
}

function isoDateOf(dateTime: DateTime): IsoDate {
  const iso = dateTime.toISODate();
  if (iso === null) throw new RangeError('invalid date');
  return iso;
}

function toIso(dateTime: DateTime): string {
  const iso = dateTime.toISO({ suppressMilliseconds: true });
  if (iso === null) throw new RangeError('invalid date');
  return iso;
}

function assertIsoDate(date: IsoDate): IsoDate {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`expected a YYYY-MM-DD date, got "${date}"`);
  return date;
}

function assertInteger(n: number, where: string): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${where}: expected a whole number of days, got ${n}`);
}
