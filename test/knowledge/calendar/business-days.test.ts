import { describe, expect, it } from 'vitest';

import {
  addBusinessDays,
  addCalendarDays,
  endOfLocalDay,
  isBusinessDay,
  isPastEndOfDay,
  localDate,
  nextOpening,
  windowDates,
  weeklyHours,
  type OpeningHours,
} from '../../../knowledge/calendar/business-days.js';

const ET = 'America/New_York';

describe('addBusinessDays', () => {
  it.each([
    // [from, n, expected, why]
    ['2026-11-03', 1, '2026-11-04', 'day 0 does not count'],
    ['2026-11-06', 1, '2026-11-09', 'Friday + 1 skips the weekend'],
    ['2026-11-07', 1, '2026-11-09', 'from a Saturday the count starts Monday'],
    ['2026-11-08', 1, '2026-11-09', 'from a Sunday the count starts Monday'],
    ['2026-11-07', 0, '2026-11-07', 'n = 0 is the date itself'],
    ['2026-11-10', 1, '2026-11-12', 'Veterans Day (Wed Nov 11) is skipped'],
    ['2026-11-25', 1, '2026-11-27', 'Thanksgiving (Thu Nov 26) is skipped'],
    ['2026-11-25', 3, '2026-12-01', 'Thanksgiving then a weekend'],
    ['2026-12-24', 1, '2026-12-28', 'Christmas (Fri Dec 25) then a weekend'],
    ['2026-07-02', 1, '2026-07-06', 'observed Independence Day (Fri Jul 3)'],
    ['2027-06-17', 1, '2027-06-21', 'observed Juneteenth (Fri Jun 18)'],
    ['2027-12-23', 1, '2027-12-27', 'observed Christmas (Fri Dec 24)'],
    ['2027-12-23', 5, '2028-01-03', 'observed New Year 2028 (Fri Dec 31 2027)'],
    ['2026-11-09', -1, '2026-11-06', 'negative counts backwards'],
    ['2026-11-08', -1, '2026-11-06', 'backwards from a Sunday'],
  ] as const)('%s + %i business days = %s (%s)', (from, n, expected, _why) => {
    expect(addBusinessDays(from, n, ET)).toBe(expected);
  });

  it('counts from the local date in the brand time zone, not UTC', () => {
    // Thursday 23:30 ET is already Friday in UTC: still Thursday for the brand.
    expect(localDate('2026-11-06T04:30:00Z', ET)).toBe('2026-11-05');
    expect(addBusinessDays('2026-11-06T04:30:00Z', 1, ET)).toBe('2026-11-06');
    expect(addBusinessDays('2026-11-06T04:30:00Z', 1, 'UTC')).toBe('2026-11-09');
  });

  it('treats 23:30 ET Friday as Friday and 00:30 ET Saturday as Saturday', () => {
    const fridayLate = '2026-11-07T04:30:00Z';
    const saturdayEarly = '2026-11-07T05:30:00Z';
    expect(localDate(fridayLate, ET)).toBe('2026-11-06');
    expect(isBusinessDay(fridayLate, ET)).toBe(true);
    expect(localDate(saturdayEarly, ET)).toBe('2026-11-07');
    expect(isBusinessDay(saturdayEarly, ET)).toBe(false);
    expect(addBusinessDays(fridayLate, 1, ET)).toBe('2026-11-09');
    expect(addBusinessDays(saturdayEarly, 1, ET)).toBe('2026-11-09');
  });

  it('accepts epoch milliseconds, offsets and wall times', () => {
    const thursdayLateMs = Date.parse('2026-11-06T04:30:00Z');
    expect(addBusinessDays(thursdayLateMs, 1, ET)).toBe('2026-11-06');
    expect(addBusinessDays('2026-11-05T23:30:00-05:00', 1, ET)).toBe('2026-11-06');
    expect(addBusinessDays('2026-11-05T23:30', 1, ET)).toBe('2026-11-06');
  });

  it('crosses a daylight-saving change by dates, not hours', () => {
    expect(addBusinessDays('2026-03-06T23:30:00-05:00', 1, ET)).toBe('2026-03-09'); // DST starts Sun Mar 8
    expect(addBusinessDays('2026-10-30', 1, ET)).toBe('2026-11-02'); // DST ends Sun Nov 1
  });

  it('rejects bad input', () => {
    expect(() => addBusinessDays('2026-11-06', 1.5, ET)).toThrow(RangeError);
    expect(() => addBusinessDays('2026-11-06', 1, 'Mars/Olympus_Mons')).toThrow(RangeError);
    expect(() => addBusinessDays('not a date', 1, ET)).toThrow(RangeError);
  });
});

describe('isBusinessDay', () => {
  it('is false on weekends and observed holidays, true otherwise', () => {
    expect(isBusinessDay('2026-11-27', ET)).toBe(true); // day after Thanksgiving
    expect(isBusinessDay('2026-11-26', ET)).toBe(false);
    expect(isBusinessDay('2026-07-03', ET)).toBe(false); // observed
    expect(isBusinessDay('2026-11-28', ET)).toBe(false);
  });
});

describe('addCalendarDays', () => {
  it('adds local dates, across months, years and weekends', () => {
    expect(addCalendarDays('2026-12-30', 3, ET)).toBe('2027-01-02');
    expect(addCalendarDays('2026-11-07', 2, ET)).toBe('2026-11-09');
    expect(addCalendarDays('2028-02-28', 1, ET)).toBe('2028-02-29');
    expect(addCalendarDays('2026-11-07', 0, ET)).toBe('2026-11-07');
    expect(addCalendarDays('2026-03-01', -1, ET)).toBe('2026-02-28');
  });

  it('counts from the local date around midnight', () => {
    expect(addCalendarDays('2026-12-31T04:59:00Z', 1, ET)).toBe('2026-12-31'); // Dec 30 23:59 ET
    expect(addCalendarDays('2026-12-31T05:00:00Z', 1, ET)).toBe('2027-01-01'); // Dec 31 00:00 ET
  });
});

describe('windowDates', () => {
  const shippedFriday = '2026-11-20T15:00:00Z';

  it('counts a business-day window over Thanksgiving', () => {
    expect(windowDates(shippedFriday, { min: 6, max: 12, unit: 'business' }, ET)).toEqual({ earliest: '2026-12-01', latest: '2026-12-09' });
  });

  it('counts a calendar-day window', () => {
    expect(windowDates(shippedFriday, { min: 6, max: 12, unit: 'calendar' }, ET)).toEqual({ earliest: '2026-11-26', latest: '2026-12-02' });
  });

  it('counts a processing window from a weekend order', () => {
    expect(windowDates('2026-12-26T14:00:00Z', { min: 1, max: 3, unit: 'business' }, ET)).toEqual({ earliest: '2026-12-28', latest: '2026-12-30' });
  });

  it('rejects an inverted window', () => {
    expect(() => windowDates(shippedFriday, { min: 12, max: 6, unit: 'calendar' }, ET)).toThrow(RangeError);
    expect(() => windowDates(shippedFriday, { min: -1, max: 6, unit: 'calendar' }, ET)).toThrow(RangeError);
  });
});

describe('end of day', () => {
  it('gives the last instant of the local day', () => {
    expect(endOfLocalDay('2026-12-09', ET)).toBe('2026-12-09T23:59:59.999-05:00');
    expect(endOfLocalDay('2026-07-09', ET)).toBe('2026-07-09T23:59:59.999-04:00');
  });

  it('is late only once the whole last day has passed in the brand zone', () => {
    expect(isPastEndOfDay('2026-12-09T23:59:59-05:00', '2026-12-09', ET)).toBe(false);
    expect(isPastEndOfDay('2026-12-10T04:59:59Z', '2026-12-09', ET)).toBe(false); // still Dec 9 in ET
    expect(isPastEndOfDay('2026-12-10T05:00:00Z', '2026-12-09', ET)).toBe(true);
    expect(isPastEndOfDay(Date.parse('2026-12-10T05:00:00Z'), '2026-12-09', ET)).toBe(true);
  });
});

describe('nextOpening', () => {
  const weekdays = { open: '09:00', close: '18:00' };
  const hours: OpeningHours = {
    zone: ET,
    weekly: { mon: weekdays, tue: weekdays, wed: weekdays, thu: weekdays, fri: weekdays },
    closedOnFederalHolidays: true,
  };

  it.each([
    ['Monday 08:59:59, just before opening', '2026-11-16T08:59:59-05:00', { open: false, opensAt: '2026-11-16T09:00:00-05:00' }],
    ['Monday 09:00, opening time', '2026-11-16T09:00:00-05:00', { open: true, closesAt: '2026-11-16T18:00:00-05:00' }],
    ['Monday 09:00:01, just after opening', '2026-11-16T09:00:01-05:00', { open: true, closesAt: '2026-11-16T18:00:00-05:00' }],
    ['Monday 17:59:59', '2026-11-16T17:59:59-05:00', { open: true, closesAt: '2026-11-16T18:00:00-05:00' }],
    ['Monday 18:00, closing time', '2026-11-16T18:00:00-05:00', { open: false, opensAt: '2026-11-17T09:00:00-05:00' }],
    ['Friday evening', '2026-11-13T20:00:00-05:00', { open: false, opensAt: '2026-11-16T09:00:00-05:00' }],
    ['Saturday', '2026-11-14T12:00:00-05:00', { open: false, opensAt: '2026-11-16T09:00:00-05:00' }],
    ['Sunday just before midnight', '2026-11-16T04:59:00Z', { open: false, opensAt: '2026-11-16T09:00:00-05:00' }],
    ['the evening before Veterans Day', '2026-11-11T00:00:00Z', { open: false, opensAt: '2026-11-12T09:00:00-05:00' }],
    ['Thanksgiving morning', '2026-11-26T10:00:00-05:00', { open: false, opensAt: '2026-11-27T09:00:00-05:00' }],
    ['before an observed Christmas', '2027-12-23T19:00:00-05:00', { open: false, opensAt: '2027-12-27T09:00:00-05:00' }],
    ['a Monday after DST starts', '2026-03-09T12:00:00Z', { open: false, opensAt: '2026-03-09T09:00:00-04:00' }],
  ] as const)('%s', (_label, now, expected) => {
    expect(nextOpening(now, hours)).toEqual(expected);
  });

  it('builds the weekly map from ISO weekday numbers', () => {
    expect(weeklyHours([1, 2, 3, 4, 5], '09:00', '18:00')).toEqual(hours.weekly);
    expect(() => weeklyHours([0], '09:00', '18:00')).toThrow(RangeError);
  });

  it('opens on holidays when the schedule says so', () => {
    expect(nextOpening('2026-11-26T10:00:00-05:00', { ...hours, closedOnFederalHolidays: false })).toEqual({
      open: true,
      closesAt: '2026-11-26T18:00:00-05:00',
    });
  });

  it('reports a schedule that never opens', () => {
    expect(nextOpening('2026-11-16T10:00:00-05:00', { zone: ET, weekly: {}, closedOnFederalHolidays: true })).toEqual({ open: false, opensAt: null });
  });

  it('rejects malformed hours', () => {
    expect(() => nextOpening('2026-11-16T10:00:00-05:00', { ...hours, weekly: { mon: { open: '9am', close: '18:00' } } })).toThrow(RangeError);
    expect(() => nextOpening('2026-11-16T10:00:00-05:00', { ...hours, weekly: { mon: { open: '18:00', close: '09:00' } } })).toThrow(RangeError);
  });
});
