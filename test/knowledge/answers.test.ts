import { describe, expect, it } from 'vitest';
import type { BrandId } from '../../knowledge/brand-ids.js';
import { isOperatorSetting, type BrandProfileInput } from '../../knowledge/brands/index.js';
import { figuresIn } from '../../knowledge/brands/profile-check.js';
import { normalizeWhitespace } from '../../knowledge/documents/section-parser.js';
import { loadKnowledgeBase } from '../../knowledge/knowledge-base.js';
import type { Answer } from '../../knowledge/knowledge-base.types.js';
import { SMALL_TALK_TOPICS, TOPICS, isTopic, type Topic } from '../../knowledge/topics.js';
import { BRAND_PROFILES, BRAND_IDS, type DemoBrand } from '../support/brands.js';

const kb = loadKnowledgeBase({ profiles: BRAND_PROFILES });
const cases = BRAND_IDS.flatMap((brand) => TOPICS.map((topic) => [brand, topic] as const));
const smallTalk: readonly Topic[] = SMALL_TALK_TOPICS;

function sentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+(?=["A-Z])/);
}

function citedText(brand: BrandId, answer: Answer): string {
  return answer.sources.map((source) => normalizeWhitespace(kb.section(brand, source)?.text ?? '')).join(' ');
}

describe.each(cases)('%s answers %s', (brand, topic) => {
  const answer = kb.answer(brand, topic);

  it('with a short, non-empty text about that topic', () => {
    expect(answer.topic).toBe(topic);
    expect(answer.text.trim().length).toBeGreaterThan(10);
    expect(sentences(answer.text).length).toBeLessThanOrEqual(3);
    expect(answer.next.length).toBeLessThanOrEqual(3);
    expect(answer.next.every((next) => isTopic(next) && next !== topic)).toBe(true);
  });

  it('quoting only sections that exist, named in the text', () => {
    for (const source of answer.sources) {
      expect(kb.section(brand, source), `${source.document} §${source.section}`).toBeDefined();
      expect(answer.text).toContain(source.section === 'intro' ? 'introduction' : `§${source.section}`);
    }
    if (answer.stated && !smallTalk.includes(topic)) expect(answer.sources.length).toBeGreaterThan(0);
    if (smallTalk.includes(topic)) expect(answer.sources).toEqual([]);
  });

  it('with every figure taken from a cited section', () => {
    const cited = citedText(brand, answer);
    const withoutCitation = answer.text.replace(/ \([^()]*(§|introduction)[^()]*\)/g, '');
    for (const figure of figuresIn(withoutCitation)) expect(cited, `"${figure}" in ${answer.text}`).toContain(figure);
  });

  it('saying so plainly and offering a person when the documents are silent', () => {
    if (answer.stated) return;
    expect(answer.sources).toEqual([]);
    expect(answer.next).toContain('handoff.human');
    expect(answer.text).toMatch(/^.+ (policy doesn't|policies don't) (say|state) /);
  });
});

describe('no brand borrows another brand\'s facts', () => {
  const ownedBy = (brand: BrandId) => {
    const profile = kb.profile(brand);
    const emails = new Set<string>();
    for (const answer of TOPICS.map((topic) => kb.answer(brand, topic))) {
      for (const email of answer.text.match(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g) ?? []) emails.add(email);
    }
    const phrases = [
      profile.displayName.value,
      ...(isOperatorSetting(profile.hours) ? [] : [profile.hours.phrase]),
      ...(isOperatorSetting(profile.replyTime) ? [] : [`${profile.replyTime.min}-${profile.replyTime.max} ${profile.replyTime.unit.replace('_', ' ')}`]),
      ...(isOperatorSetting(profile.supportInbox) ? [] : [profile.supportInbox.address]),
      ...(profile.escalation ? [profile.escalation.contact.address] : []),
    ];
    return { emails, phrases };
  };

  it.each(BRAND_IDS)('%s never shows another brand\'s email address, hours, reply time or name', (brand) => {
    const text = TOPICS.map((topic) => kb.answer(brand, topic).text).join('\n');
    const own = ownedBy(brand);
    for (const other of BRAND_IDS.filter((candidate) => candidate !== brand)) {
      for (const phrase of ownedBy(other).phrases.filter((phrase) => !own.phrases.includes(phrase))) {
        expect(text, `${brand} shows ${other}'s "${phrase}"`).not.toContain(phrase);
      }
    }
  });

  it.each(BRAND_IDS)('%s shows only email addresses its own documents print', (brand) => {
    const printed = kb.documents(brand).map((document) => document.text).join('\n');
    for (const email of ownedBy(brand).emails) expect(printed).toContain(email);
  });

  it('never shows an operator-set inbox to shoppers', () => {
    for (const [brand, topic] of cases) expect(kb.answer(brand, topic).text).not.toMatch(/\.example\b/);
  });
});

describe('answers carry the brand\'s own figures', () => {
  const answer = (brand: BrandId, topic: Topic) => kb.answer(brand, topic);

  it('kendra-scott-mall refunds take 5-10 days (§3)', () => {
    expect(answer('kendra-scott-mall', 'refund.timeline')).toMatchObject({ stated: true, sources: [{ document: 'customer-service-policy', section: '3' }] });
    expect(answer('kendra-scott-mall', 'refund.timeline').text).toContain('5-10 day');
    expect(answer('kendra-scott-mall', 'refund.timeline').text).toContain('(Customer Service Policy, §3)');
  });

  it('james-avery-malls support hours are 9:00 AM-6:00 PM EST (§2)', () => {
    const hours = answer('james-avery-malls', 'contact.hours');
    expect(hours.text).toContain('9:00 AM-6:00 PM');
    expect(hours.sources).toEqual([{ document: 'customer-service-policy', section: '2' }]);
  });

  it('generic-store is reached through the Contact Us form (§2)', () => {
    const channels = answer('generic-store', 'contact.channels');
    expect(channels.text).toContain('Contact Us');
    expect(channels.text).not.toMatch(/@/);
    expect(channels.sources).toEqual([{ document: 'customer-service-policy', section: '2' }]);
  });

  it('timelines in business days only where the brand says business days', () => {
    expect(answer('james-avery-malls', 'shipping.timeline').text).toContain('1-3 business days');
    expect(answer('kendra-scott-mall', 'shipping.timeline').text).toContain('1-3 days');
    expect(answer('generic-store', 'shipping.timeline').text).toContain('1-3 days');
    expect(answer('kendra-scott-mall', 'shipping.timeline').text).not.toContain('business');
    expect(answer('generic-store', 'refund.timeline').text).not.toContain('business');
  });

  it('reply times as each brand states them', () => {
    expect(answer('james-avery-malls', 'contact.response_time').text).toContain('24-48 business hours');
    expect(answer('generic-store', 'contact.response_time').text).toContain('24-48 hours');
    expect(answer('james-avery-artisan', 'contact.response_time').text).toContain('1-2 business days');
    expect(answer('james-avery-artisan', 'contact.response_time').text).toContain('3-5 business days');
    expect(answer('kendra-scott-mall', 'handoff.human').text).toContain('support@kendrascottmall.com');
  });

  it('james-avery-artisan hours and escalation come from §3 and §6', () => {
    expect(answer('james-avery-artisan', 'contact.hours').text).toContain('9:00 AM – 5:00 PM');
    expect(answer('james-avery-artisan', 'contact.hours').sources).toEqual([{ document: 'customer-service-policy', section: '3' }]);
    expect(answer('james-avery-artisan', 'complaint').text).toContain('service@jameseavery.com');
    expect(answer('james-avery-artisan', 'complaint').sources).toEqual([{ document: 'customer-service-policy', section: '6' }]);
  });

  it('privacy answers quote the privacy policy', () => {
    expect(answer('james-avery-malls', 'account.delete').text).toContain('30 days');
    expect(answer('james-avery-malls', 'account.delete').sources).toEqual([{ document: 'privacy-policy', section: '5' }]);
    expect(answer('james-avery-malls', 'account.delete').text).toContain('(Privacy Policy, §5)');
  });

  it('damaged or wrong items lead to the team, urgent where the brand says so', () => {
    expect(answer('james-avery-malls', 'product.issue').text).toContain('"URGENT"');
    expect(answer('james-avery-artisan', 'product.issue').text).toContain('"Urgent"');
    expect(answer('kendra-scott-mall', 'product.issue').text).toMatch(/7-day window count as urgent/);
    expect(answer('generic-store', 'product.issue').text).not.toMatch(/urgent/i);
    for (const brand of BRAND_IDS) {
      expect(answer(brand, 'product.issue').text).toContain('support team');
      expect(answer(brand, 'shipping.problem').text).toContain('support team');
      expect(answer(brand, 'product.issue').next[0]).toBe('handoff.human');
    }
  });

  it('silence where the documents are silent', () => {
    expect(answer('james-avery-artisan', 'shipping.timeline')).toMatchObject({ stated: false, sources: [] });
    expect(answer('james-avery-artisan', 'refund.timeline').text).toMatch(/^James Avery Artisan Jewelry's policy doesn't say how long refunds take\./);
    expect(answer('kendra-scott-mall', 'contact.hours')).toMatchObject({ stated: false, sources: [] });
    expect(answer('kendra-scott-mall', 'contact.hours').text).not.toMatch(/\d/);
    expect(answer('generic-store', 'complaint').stated).toBe(false);
    expect(answer('james-avery-malls', 'returns.policy').text).toContain("James Avery Malls' policies don't state a return window.");
  });

  it('operator defaults worded as the team\'s default, never as policy', () => {
    const returns = answer('generic-store', 'returns.policy');
    expect(returns.text).toContain('60-day return process');
    expect(returns.text).toContain("Generic Store's policy doesn't say when the 60 days start; our team's default is to count from delivery.");
  });

  it('small talk names the brand and quotes nothing', () => {
    expect(answer('generic-store', 'greeting').text).toContain('Generic Store');
    expect(answer('kendra-scott-mall', 'greeting').text).toContain("Kendra Scott Mall's support assistant");
    expect(answer('james-avery-malls', 'out_of_scope').text).toMatch(/^That's outside what I can help with here\. I can help with James Avery Malls orders, shipping, returns and refunds/);
  });
});

describe('operator settings that are set', () => {
  const profiles: Record<DemoBrand, BrandProfileInput> = structuredClone({ ...BRAND_PROFILES });
  profiles['james-avery-artisan'] = {
    ...profiles['james-avery-artisan'],
    timelines: {
      processing: { operatorSetting: true, value: { min: 2, max: 4, unit: 'business_days' }, note: 'test' },
      delivery: { operatorSetting: true, value: { min: 5, max: 7, unit: 'business_days' }, note: 'test' },
      refund: { operatorSetting: true, value: null, note: 'test' },
    },
  };
  profiles['kendra-scott-mall'] = {
    ...profiles['kendra-scott-mall'],
    hours: { operatorSetting: true, value: { weekdays: [1, 2, 3, 4, 5], open: '10:00', close: '16:00' }, note: 'test' },
  };
  const custom = loadKnowledgeBase({ profiles });

  it('are mentioned as the team\'s default, unsourced and not stated', () => {
    const timeline = custom.answer('james-avery-artisan', 'shipping.timeline');
    expect(timeline).toMatchObject({ stated: false, sources: [] });
    expect(timeline.text).toContain("policy doesn't say how long processing and delivery take");
    expect(timeline.text).toContain("Our team's default estimate is 2-4 business days for processing and 5-7 business days for delivery, a store setting rather than stated policy.");
    const hours = custom.answer('kendra-scott-mall', 'contact.hours');
    expect(hours).toMatchObject({ stated: false, sources: [] });
    expect(hours.text).toContain("Our team's default hours are Monday-Friday, 10:00-16:00");
  });
});
