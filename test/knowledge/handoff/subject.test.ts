import { describe, expect, it } from 'vitest';

import type { BrandId } from '../../../knowledge/brand-ids.js';
import type { HandoffCase } from '../../../knowledge/handoff/handoff-case.types.js';
import { escalationRoute, handoffSubject, issueSummary } from '../../../knowledge/handoff/subject.js';
import { urgencyOf } from '../../../knowledge/handoff/urgency.js';
import { BRAND_PROFILES, demoProfile } from '../../support/brands.js';

function subject(brand: BrandId, handoffCase: HandoffCase, customerName = 'Jane Doe'): string {
  const urgency = urgencyOf(demoProfile(brand), handoffCase, '2026-11-27T15:00:00Z');
  return handoffSubject({ category: handoffCase.category, urgency, customerName, orderNumber: handoffCase.orderNumber });
}

describe('handoffSubject', () => {
  it.each<[BrandId, HandoffCase, string]>([
    ['james-avery-malls', { category: 'damaged', orderNumber: 'JAM-1001' }, 'URGENT: Damaged delivery — order JAM-1001 — Jane Doe'],
    ['james-avery-malls', { category: 'wrong_item' }, 'URGENT: Incorrect order — Jane Doe'],
    ['james-avery-malls', { category: 'late_delivery', orderNumber: 'JAM-1001' }, 'Support request: Late delivery — order JAM-1001 — Jane Doe'],
    ['james-avery-artisan', { category: 'not_shipped', shopperSaysUrgent: true, orderNumber: '3310492' }, 'Urgent: Order not shipped — order 3310492 — Jane Doe'],
    ['james-avery-artisan', { category: 'damaged' }, 'Support request: Damaged delivery — Jane Doe'],
    ['kendra-scott-mall', { category: 'missing_package', orderNumber: 'KS-100234' }, 'URGENT: Missing shipment — order KS-100234 — Jane Doe'],
    ['kendra-scott-mall', { category: 'order_change', orderNumber: 'KS-100234' }, 'Support request: Order change request — order KS-100234 — Jane Doe'],
    ['generic-store', { category: 'damaged', shopperSaysUrgent: true }, 'Support request: Damaged delivery — Jane Doe'],
    ['generic-store', { category: 'person_requested', description: 'Gift advice. My sister loves silver.' }, 'Support request: Question for the team — Jane Doe'],
    // The shopper's own "URGENT …" is not a second marker, nor the subject's label.
    ['james-avery-artisan', { category: 'order_change', shopperSaysUrgent: true, orderNumber: 'JAA-530120', description: 'URGENT please change the shipping address' }, 'Urgent: Order change request — order JAA-530120 — Jane Doe'],
  ])('%s %j → %s', (brand, handoffCase, expected) => {
    expect(subject(brand, handoffCase)).toBe(expected);
  });

  it('keeps a subject on one line with no secrets, whatever was typed', () => {
    const typed = subject('generic-store', { category: 'other', orderNumber: 'GS-1\r\n4111 1111 1111 1111' }, 'Jane\r\nBcc: evil@example.com');
    expect(typed).not.toMatch(/[\r\n]/);
    expect(typed).not.toContain('4111');
    expect(typed).toBe('Support request: General question — order GS-1 [card number removed] — Jane Bcc: evil@example.com');
  });
});

describe('issueSummary', () => {
  it('takes the first sentence and clips at a word', () => {
    expect(issueSummary('the replacement ring is also broken. I want a refund.')).toBe('The replacement ring is also broken');
    expect(issueSummary('my ring arrived with a broken clasp and a scratch', 30)).toBe('My ring arrived with a broken…');
    expect(issueSummary(`${'a'.repeat(10)} ${'b'.repeat(80)}`, 30)).toBe(`A${'a'.repeat(9)} ${'b'.repeat(18)}…`);
  });
});

describe('escalationRoute (james-avery-artisan §6)', () => {
  it('sends an escalation to service@jameseavery.com with "Escalation: <summary>"', () => {
    const route = escalationRoute(BRAND_PROFILES['james-avery-artisan'], 'escalation', 'The replacement ring is also broken. Second time now.');
    expect(route).toEqual({
      to: 'service@jameseavery.com',
      subject: 'Escalation: The replacement ring is also broken',
      source: { document: 'customer-service-policy', section: '6' },
      review: '1 business day',
      resolution: '2-3 business days',
    });
  });

  it('only for escalations, and only where the brand states a path', () => {
    expect(escalationRoute(BRAND_PROFILES['james-avery-artisan'], 'complaint', 'x')).toBeNull();
    expect(escalationRoute(BRAND_PROFILES['james-avery-malls'], 'escalation', 'x')).toBeNull();
    expect(escalationRoute(BRAND_PROFILES['james-avery-artisan'], 'escalation', null)?.subject).toBe('Escalation: Not satisfied with the resolution');
  });
});
