import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newConversationId, say, startClasp, type RunningClasp } from '../support/clasp-server.js';

// Each brand's own emails, hours and response times: none may appear in another brand's answers.
const OWN_FACTS: Record<string, string[]> = {
  'james-avery-malls': ['support@jamesaverymalls.com', '9:00 AM-6:00 PM', '24-48 business hours'],
  'james-avery-artisan': ['service@jameseavery.com', '9:00 AM – 5:00 PM', '1-2 business days', '36 Heritage Road'],
  'kendra-scott-mall': ['support@kendrascottmall.com', '1-2 business days'],
  'generic-store': ['Contact Us', '24-48 hours'],
};

function foreignFacts(brand: string): string[] {
  const own = new Set(OWN_FACTS[brand]);
  return Object.entries(OWN_FACTS)
    .filter(([other]) => other !== brand)
    .flatMap(([, facts]) => facts)
    .filter((fact) => !own.has(fact) && ![...own].some((mine) => mine.includes(fact)));
}

type Case = [question: string, topic: string, section: string, figure: string | RegExp];

const QUESTIONS: Record<string, Case[]> = {
  'kendra-scott-mall': [
    ['how long will delivery take?', 'shipping.timeline', '3', '6-12 day'],
    ['when do I get my money back after a return', 'refund.timeline', '3', '5-10 day'],
    ['what email do I write to for help', 'contact.channels', '2', 'support@kendrascottmall.com'],
    ['how fast do you answer emails', 'contact.response_time', '2', '1-2 business days'],
    ['can I return something marked final sale?', 'product.final_sale', '4', 'Final Sale'],
  ],
  'james-avery-malls': [
    ['what are your customer service hours', 'contact.hours', '2', '9:00 AM-6:00 PM'],
    ['do I have to pay for shipping?', 'shipping.cost', '3', /free standard shipping/i],
    ['can I get a refund on a custom piece', 'product.custom', '4', 'non-refundable unless defective'],
    ['how long do refunds take', 'refund.timeline', '3', '5-10 business days'],
    ['do you sell my personal information', 'privacy.policy', '4', /not sell/i],
  ],
  'james-avery-artisan': [
    ['how quickly will you reply to my email', 'contact.response_time', '2.1', '1-2 business days'],
    ['when is your customer service open', 'contact.hours', '3', '5:00 PM'],
    ['what is your mailing address', 'contact.channels', '2.3', '36 Heritage Road'],
    ['I am not satisfied with the resolution, how do I escalate', 'complaint', '6', 'service@jameseavery.com'],
    ['how do I reset my password', 'account.help', '1', /account/i],
  ],
  'generic-store': [
    ['how can I contact customer service', 'contact.channels', '2', 'Contact Us'],
    ['how long until I hear back from support', 'contact.response_time', '3', '24-48 hours'],
    ['what is your return policy', 'returns.policy', '1', '60-day'],
    ['who pays for return shipping', 'returns.shipping', '5', /paid by you|borne by the customer|paid by the customer/i],
    ['how long does delivery take', 'shipping.timeline', '1', '6-12 days'],
  ],
};

let app: RunningClasp;
beforeAll(async () => {
  app = await startClasp();
});
afterAll(async () => {
  await app.close();
});

describe.each(Object.keys(QUESTIONS))('%s answers from its own documents', (brand) => {
  it.each(QUESTIONS[brand]!)('%s → %s §%s', async (question, topic, section, figure) => {
    const [reply, ...rest] = await say(app.url, brand, newConversationId(), question);
    expect(rest).toEqual([]);
    const support = reply?.channelData.support;
    expect(support.brand).toBe(brand);
    expect(support.topic).toBe(topic);
    expect(support.sources.map((source: { section: string }) => source.section)).toContain(section);
    if (typeof figure === 'string') expect(reply?.text).toContain(figure);
    else expect(reply?.text).toMatch(figure);
    for (const fact of foreignFacts(brand)) expect(reply?.text).not.toContain(fact);
  });
});
