// US federal holidays (5 U.S.C. 6103) with the observed-date rule federal offices use: a holiday
// on a Saturday is observed the Friday before, one on a Sunday the Monday after. Pure date
// arithmetic on proleptic Gregorian dates, no time zone: a holiday is a calendar date everywhere.

/** A calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

export type FederalHolidayName =
  | "New Year's Day"
  | 'Birthday of Martin Luther King, Jr.'
  | "Washington's Birthday"
  | 'Memorial Day'
  | 'Juneteenth National Independence Day'
  | 'Independence Day'
  | 'Labor Day'
  | 'Columbus Day'
  | 'Veterans Day'
  | 'Thanksgiving Day'
  | 'Christmas Day';

export interface FederalHoliday {
  readonly name: FederalHolidayName;
  /** The date the holiday falls on. */
  readonly date: IsoDate;
  /** The date offices close for it (differs from `date` when that is a weekend). */
  readonly observed: IsoDate;
}

const SATURDAY = 6;
const SUNDAY = 0;
const MONDAY = 1;
const THURSDAY = 4;

// Business-day loops ask about the same few years over and over; the answer never changes.
const byYear = new Map<number, readonly FederalHoliday[]>();

/**
 * The holidays observed in `year`, in date order. Observed dates are what count for business
 * days, so a holiday belongs to the year it is observed in: New Year's Day of `year + 1` on a
 * Saturday is in this list (observed Dec 31), and New Year's Day of `year` on a Saturday is not.
 * Juneteenth is included from 2021, when it became a federal holiday; otherwise today's rules are
 * applied to every year (not a historical record: MLK Day, for one, dates from 1986).
 */
export function usFederalHolidays(year: number): readonly FederalHoliday[] {
  const known = byYear.get(year);
  if (known) return known;
  if (!Number.isInteger(year) || year < 1971 || year > 9998) {
    // Before 1971 (Uniform Monday Holiday Act) the Monday holidays had fixed dates; orders never
    // reach back that far, so refuse rather than answer wrongly.
    throw new RangeError(`usFederalHolidays: unsupported year ${String(year)}`);
  }
  const holidays = [...holidaysFallingIn(year - 1), ...holidaysFallingIn(year), ...holidaysFallingIn(year + 1)];
  const observedInYear = holidays
    .filter((holiday) => holiday.observed.startsWith(`${pad(year, 4)}-`))
    .sort((a, b) => (a.observed < b.observed ? -1 : a.observed > b.observed ? 1 : 0));
  const frozen = Object.freeze(observedInYear.map((holiday) => Object.freeze(holiday)));
  byYear.set(year, frozen);
  return frozen;
}

/** The holiday observed on `date` (`YYYY-MM-DD`), if any. */
export function federalHolidayOn(date: IsoDate): FederalHoliday | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`federalHolidayOn: expected YYYY-MM-DD, got "${date}"`);
  const year = Number(date.slice(0, 4));
  return usFederalHolidays(year).find((holiday) => holiday.observed === date);
}

export function isUsFederalHoliday(date: IsoDate): boolean {
  return federalHolidayOn(date) !== undefined;
}

function holidaysFallingIn(year: number): FederalHoliday[] {
  const fixed = (name: FederalHolidayName, month: number, day: number): FederalHoliday => {
    const date = isoDate(year, month, day);
    return { name, date, observed: isoDate(year, month, day + observedShift(weekday(year, month, day))) };
  };
  const floating = (name: FederalHolidayName, month: number, day: number): FederalHoliday => {
    const date = isoDate(year, month, day);
    return { name, date, observed: date };
  };
  const holidays: FederalHoliday[] = [
    fixed("New Year's Day", 1, 1),
    floating('Birthday of Martin Luther King, Jr.', 1, nthWeekday(year, 1, MONDAY, 3)),
    floating("Washington's Birthday", 2, nthWeekday(year, 2, MONDAY, 3)),
    floating('Memorial Day', 5, lastWeekday(year, 5, MONDAY)),
    fixed('Independence Day', 7, 4),
    floating('Labor Day', 9, nthWeekday(year, 9, MONDAY, 1)),
    floating('Columbus Day', 10, nthWeekday(year, 10, MONDAY, 2)),
    fixed('Veterans Day', 11, 11),
    floating('Thanksgiving Day', 11, nthWeekday(year, 11, THURSDAY, 4)),
    fixed('Christmas Day', 12, 25),
  ];
  if (year >= 2021) holidays.push(fixed('Juneteenth National Independence Day', 6, 19));
  return holidays;
}

function observedShift(dayOfWeek: number): number {
  if (dayOfWeek === SATURDAY) return -1;
  if (dayOfWeek === SUNDAY) return 1;
  return 0;
}

/** Day of week, 0 = Sunday. Date.UTC normalises overflowing days (Jan 0 = Dec 31 before). */
function weekday(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

function nthWeekday(year: number, month: number, dayOfWeek: number, n: number): number {
  const first = weekday(year, month, 1);
  return 1 + ((dayOfWeek - first + 7) % 7) + (n - 1) * 7;
}

function lastWeekday(year: number, month: number, dayOfWeek: number): number {
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const last = weekday(year, month, lastDay);
  return lastDay - ((last - dayOfWeek + 7) % 7);
}

function isoDate(year: number, month: number, day: number): IsoDate {
  const d = new Date(Date.UTC(year, month - 1, day));
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
