import { describe, expect, it } from 'vitest';

import type { BrandId } from '../../../knowledge/brand-ids.js';
import type { BrandProfileInput } from '../../../knowledge/brands/index.js';
import { replyBy } from '../../../knowledge/handoff/reply-by.js';
import { BRAND_PROFILES, demoProfile } from '../../support/brands.js';

const expect24to48BusinessHours = (brand: BrandId, at: string) => replyBy(demoProfile(brand), at);

// November 2026: Fri 20, Sat 21, Sun 22, Mon 23, Tue 24, Wed 25, Thu 26 (Thanksgiving), Fri 27, Sat 28, Sun 29, Mon 30.
describe('replyBy: the reply the shopper can expect, in the brand\'s terms and time zone', () => {
  it('james-avery-malls on a working Wednesday: 24-48 business hours = 1-2 business days, team online', () => {
    const expectation = expect24to48BusinessHours('james-avery-malls', '2026-12-02T17:00:00Z'); // Wed noon ET
    expect(expectation).toEqual({
      zone: 'America/New_York',
      reply: {
        phrase: '24-48 business hours',
        source: { document: 'customer-service-policy', section: '2' },
        unit: 'business_hours',
        earliest: '2026-12-03',
        latest: '2026-12-04',
        latestAt: null,
      },
      offline: null,
    });
  });

  it('late on a Friday evening: offline for the day, back Monday 9:00 AM, reply by Tuesday', () => {
    const expectation = replyBy(BRAND_PROFILES['james-avery-malls'], '2026-11-21T03:30:00Z'); // Fri Nov 20, 10:30 PM ET
    expect(expectation.reply).toMatchObject({ earliest: '2026-11-23', latest: '2026-11-24' });
    expect(expectation.offline).toEqual({
      reason: 'after_hours',
      holiday: null,
      backAt: '2026-11-23T09:00:00-05:00',
      hoursPhrase: 'Monday-Friday, 9:00 AM-6:00 PM EST',
      source: { document: 'customer-service-policy', section: '2' },
    });
  });

  it('over a weekend: offline, back Monday; business days start counting Monday', () => {
    const expectation = replyBy(BRAND_PROFILES['james-avery-artisan'], '2026-11-21T17:00:00Z'); // Sat noon ET
    expect(expectation.reply).toMatchObject({ phrase: '1-2 business days', earliest: '2026-11-23', latest: '2026-11-24', source: { section: '2.1' } });
    expect(expectation.offline).toMatchObject({ reason: 'weekend', backAt: '2026-11-23T09:00:00-05:00', source: { section: '3' } });
  });

  it('on Thanksgiving (2026-11-26): offline for the holiday, back Friday, reply by Monday', () => {
    const expectation = replyBy(BRAND_PROFILES['james-avery-malls'], '2026-11-26T15:00:00Z'); // Thu 10:00 AM ET
    expect(expectation.offline).toMatchObject({ reason: 'holiday', holiday: 'Thanksgiving Day', backAt: '2026-11-27T09:00:00-05:00' });
    expect(expectation.reply).toMatchObject({ earliest: '2026-11-27', latest: '2026-11-30' });
  });

  it('the evening before Thanksgiving: back on Friday, skipping the holiday', () => {
    const expectation = replyBy(BRAND_PROFILES['james-avery-artisan'], '2026-11-26T00:30:00Z'); // Wed Nov 25, 7:30 PM ET
    expect(expectation.offline).toMatchObject({ reason: 'after_hours', backAt: '2026-11-27T09:00:00-05:00' });
    expect(expectation.reply).toMatchObject({ earliest: '2026-11-27', latest: '2026-11-30' });
  });

  it('each brand\'s own closing time: 5:30 PM ET is after hours for james-avery-artisan, not james-avery-malls', () => {
    const at = '2026-12-02T22:30:00Z'; // Wed 5:30 PM ET
    expect(replyBy(BRAND_PROFILES['james-avery-artisan'], at).offline).toMatchObject({ reason: 'after_hours', backAt: '2026-12-03T09:00:00-05:00' });
    expect(replyBy(BRAND_PROFILES['james-avery-malls'], at).offline).toBeNull();
  });

  it('early on a Monday: before opening, back at 9:00 the same day', () => {
    expect(replyBy(BRAND_PROFILES['james-avery-malls'], '2026-11-23T12:30:00Z').offline).toMatchObject({ reason: 'before_hours', backAt: '2026-11-23T09:00:00-05:00' });
  });

  it('kendra-scott-mall states no hours: never "offline"; 1-2 business days skip the weekend', () => {
    const expectation = replyBy(BRAND_PROFILES['kendra-scott-mall'], '2026-11-21T03:30:00Z'); // Fri 10:30 PM ET
    expect(expectation.offline).toBeNull();
    expect(expectation.reply).toMatchObject({ phrase: '1-2 business days', earliest: '2026-11-23', latest: '2026-11-24' });
  });

  it('generic-store promises 24-48 hours: calendar hours, holidays included, with a time', () => {
    const expectation = replyBy(BRAND_PROFILES['generic-store'], '2026-11-26T15:00:00Z'); // Thanksgiving, 10:00 AM ET
    expect(expectation.offline).toBeNull();
    expect(expectation.reply).toEqual({
      phrase: '24-48 hours',
      source: { document: 'customer-service-policy', section: '3' },
      unit: 'hours',
      earliest: '2026-11-27',
      latest: '2026-11-28',
      latestAt: '2026-11-28T10:00-05:00',
    });
  });

  it('operator settings: a reply time and hours the documents do not state', () => {
    const operated: BrandProfileInput = {
      ...BRAND_PROFILES['kendra-scott-mall'],
      hours: { operatorSetting: true, value: { weekdays: [1, 2, 3, 4, 5], open: '10:00', close: '16:00' }, note: 'test' },
      replyTime: { operatorSetting: true, value: { min: 2, max: 3, unit: 'business_days' }, note: 'test' },
    };
    const expectation = replyBy(operated, '2026-11-21T17:00:00Z');
    expect(expectation.reply).toMatchObject({ phrase: '2-3 business days', source: null, latest: '2026-11-25' });
    expect(expectation.offline).toMatchObject({ reason: 'weekend', hoursPhrase: null, source: null, backAt: '2026-11-23T10:00:00-05:00' });
  });
});
