import { describe, expect, it } from 'vitest';

import { federalHolidayOn, isUsFederalHoliday, usFederalHolidays } from '../../../knowledge/calendar/us-federal-holidays.js';

const observedDates = (year: number) => usFederalHolidays(year).map((holiday) => holiday.observed);

describe('usFederalHolidays', () => {
  it('lists 2025: every holiday on a weekday, so observed on the day itself', () => {
    expect(observedDates(2025)).toEqual([
      '2025-01-01', '2025-01-20', '2025-02-17', '2025-05-26', '2025-06-19', '2025-07-04',
      '2025-09-01', '2025-10-13', '2025-11-11', '2025-11-27', '2025-12-25',
    ]);
  });

  it('lists 2026: Independence Day on a Saturday is observed Friday July 3', () => {
    expect(observedDates(2026)).toEqual([
      '2026-01-01', '2026-01-19', '2026-02-16', '2026-05-25', '2026-06-19', '2026-07-03',
      '2026-09-07', '2026-10-12', '2026-11-11', '2026-11-26', '2026-12-25',
    ]);
    expect(federalHolidayOn('2026-07-03')).toEqual({ name: 'Independence Day', date: '2026-07-04', observed: '2026-07-03' });
  });

  it('lists 2027 with its observed shifts, including New Year 2028 observed on Dec 31 2027', () => {
    expect(observedDates(2027)).toEqual([
      '2027-01-01', '2027-01-18', '2027-02-15', '2027-05-31', '2027-06-18', '2027-07-05',
      '2027-09-06', '2027-10-11', '2027-11-11', '2027-11-25', '2027-12-24', '2027-12-31',
    ]);
    expect(federalHolidayOn('2027-06-18')?.name).toBe('Juneteenth National Independence Day'); // June 19 is a Saturday
    expect(federalHolidayOn('2027-07-05')?.date).toBe('2027-07-04'); // Sunday -> Monday
    expect(federalHolidayOn('2027-12-24')?.date).toBe('2027-12-25'); // Saturday -> Friday
    expect(federalHolidayOn('2027-12-31')).toEqual({ name: "New Year's Day", date: '2028-01-01', observed: '2027-12-31' });
  });

  it('does not list a New Year observed in the previous year', () => {
    expect(observedDates(2028)).not.toContain('2028-01-01');
    expect(observedDates(2028)[0]).toBe('2028-01-17'); // MLK Day
    expect(observedDates(2021)).toContain('2021-12-31'); // New Year 2022 was a Saturday
  });

  it('starts Juneteenth in 2021', () => {
    expect(observedDates(2020)).not.toContain('2020-06-19');
    expect(observedDates(2021)).toContain('2021-06-18'); // June 19 2021 was a Saturday
  });

  it('answers whether a date is an observed holiday', () => {
    expect(isUsFederalHoliday('2026-11-26')).toBe(true); // Thanksgiving
    expect(isUsFederalHoliday('2026-07-04')).toBe(false); // the Saturday itself: the Friday is observed
    expect(isUsFederalHoliday('2026-11-27')).toBe(false); // day after Thanksgiving is not federal
    expect(() => isUsFederalHoliday('Nov 26 2026')).toThrow(RangeError);
  });

  it('refuses years the rules do not cover', () => {
    expect(() => usFederalHolidays(1960)).toThrow(RangeError);
    expect(() => usFederalHolidays(2026.5)).toThrow(RangeError);
  });
});
