// proposeSettings reads a new store's documents for the settings they state in plain words, and
// proposes only what passes the start-up check. The documents here are written for these tests.
import { describe, expect, it } from 'vitest';
import { brandDefaults } from '../../knowledge/brands/brand-defaults.js';
import { BrandProfileSchema } from '../../knowledge/brands/brand-profile.schema.js';
import { proposeSettings, settingsFromProposals, type Proposal, type ProposedSetting } from '../../knowledge/brands/brand-proposals.js';
import { checkProfile } from '../../knowledge/brands/profile-check.js';
import type { PolicyDocument } from '../../knowledge/documents/policy-documents.js';
import { parseSections } from '../../knowledge/documents/section-parser.js';

const BRAND = 'lumen-threads';

function markdown(id: string, text: string): PolicyDocument {
  return { brand: BRAND, id, title: id, text, sections: parseSections(id, text, { markdown: true }) };
}

function plainText(id: string, text: string): PolicyDocument {
  return { brand: BRAND, id, title: id, text, sections: parseSections(id, text) };
}

const CARE_GUIDE = markdown('care-guide', `# Lumen Threads Care Guide

Every piece is finished by hand in our small studio.

## Getting in touch

Have a question about your order? Email the studio team at studio@lumen-threads.example and
we will get back to you within 2 business days. Our inbox is watched Monday to Friday, 10:00 AM – 4:00 PM PT.

## Sending things back

Unworn pieces can be returned within 21 days of delivery for a refund to the original card.
Once the returned piece has been inspected, refunds are issued within 3-5 business days.
Monogrammed charms are made just for you, so they cannot be returned.

## Dispatch

- Orders are prepared and dispatched within 1-2 business days.
- Parcels usually arrive 3-6 business days after dispatch.
`);

function proposal(proposals: readonly Proposal[], setting: ProposedSetting): Proposal | undefined {
  return proposals.find((candidate) => candidate.setting === setting);
}

/** The profile a folder of these documents and a brand.yaml of these proposals loads as. */
function checked(proposals: readonly Proposal[], documents: readonly PolicyDocument[]) {
  const defaults = brandDefaults(BRAND, documents) as unknown as Record<string, unknown>;
  const settings = settingsFromProposals(proposals);
  const profile: Record<string, unknown> = { ...defaults, ...settings };
  for (const key of ['timelines', 'returns', 'urgency']) profile[key] = { ...(defaults[key] as object), ...(settings[key] as object | undefined) };
  return checkProfile(BrandProfileSchema.parse(profile), documents, { titles: false });
}

describe('proposeSettings', () => {
  const proposals = proposeSettings([CARE_GUIDE]);

  it('proposes the return window and, from the same words, that it starts at delivery', () => {
    const quote = 'Unworn pieces can be returned within 21 days of delivery for a refund to the original card.';
    expect(proposal(proposals, 'returns.window')?.fact).toEqual({
      document: 'care-guide',
      section: 'sending-things-back',
      quote,
      min: 21,
      max: 21,
      unit: 'days',
      phrase: '21 days',
      say: 'Returns are accepted within 21 days of delivery.',
    });
    expect(proposal(proposals, 'returns.windowStart')?.fact).toEqual({ document: 'care-guide', section: 'sending-things-back', quote, value: 'delivery' });
  });

  it('proposes that personalised pieces cannot be returned, in the document’s own sentence', () => {
    const quote = 'Monogrammed charms are made just for you, so they cannot be returned.';
    expect(proposal(proposals, 'returns.customNonRefundableUnlessDefective')?.fact).toEqual({ document: 'care-guide', section: 'sending-things-back', quote, say: quote });
    expect(proposal(proposals, 'returns.finalSaleNonRefundable')).toBeUndefined();
  });

  it('proposes the support inbox and an email channel from the sentence giving the address', () => {
    const quote = 'Email the studio team at studio@lumen-threads.example and we will get back to you within 2 business days.';
    expect(proposal(proposals, 'supportInbox')?.fact).toEqual({ document: 'care-guide', section: 'getting-in-touch', quote, address: 'studio@lumen-threads.example' });
    expect(proposal(proposals, 'channels')?.fact).toEqual({
      document: 'care-guide',
      section: 'getting-in-touch',
      quote,
      kind: 'email',
      address: 'studio@lumen-threads.example',
      say: 'by email at studio@lumen-threads.example',
    });
  });

  it('proposes the reply time from the words about getting back to the shopper', () => {
    expect(proposal(proposals, 'replyTime')?.fact).toMatchObject({ min: 2, max: 2, unit: 'business_days', phrase: '2 business days', channel: 'email' });
  });

  it('proposes the refund, processing and delivery timelines each from its own words', () => {
    expect(proposal(proposals, 'timelines.refund')?.fact).toMatchObject({
      quote: 'Once the returned piece has been inspected, refunds are issued within 3-5 business days.',
      min: 3,
      max: 5,
      unit: 'business_days',
      startsAfter: 'return_inspected',
    });
    // A bullet is quoted without its marker.
    expect(proposal(proposals, 'timelines.processing')?.fact).toMatchObject({ section: 'dispatch', quote: 'Orders are prepared and dispatched within 1-2 business days.', min: 1, max: 2 });
    expect(proposal(proposals, 'timelines.delivery')?.fact).toMatchObject({ quote: 'Parcels usually arrive 3-6 business days after dispatch.', min: 3, max: 6 });
  });

  it('proposes support hours and the time zone they are given in', () => {
    expect(proposal(proposals, 'hours')?.fact).toMatchObject({ weekdays: [1, 2, 3, 4, 5], open: '10:00', close: '16:00', phrase: 'Monday to Friday, 10:00 AM – 4:00 PM PT' });
    expect(proposal(proposals, 'timeZone')?.fact).toMatchObject({ zone: 'America/Los_Angeles', phrase: 'PT' });
  });

  it('proposes only what passes the start-up check', () => {
    expect(proposals.length).toBeGreaterThanOrEqual(10);
    expect(checked(proposals, [CARE_GUIDE])).toEqual([]);
  });

  it('proposes nothing for a document that states none of these settings', () => {
    const story = markdown('our-story', `# Our Story

We started with a single spool of silver wire and a kitchen table.

## The workshop

Today six makers share a sunny room above a bakery, and the smell of bread is part of the job.
`);
    expect(proposeSettings([story])).toEqual([]);
    expect(proposeSettings([])).toEqual([]);
  });

  it('does not say the window starts at delivery or at the order when the words say purchase', () => {
    const returns = markdown('returns', `# Returns

## Time to decide

Changed your mind? Send pieces back within 30 days of purchase and we will refund you.
`);
    const found = proposeSettings([returns]);
    expect(proposal(found, 'returns.window')?.fact).toMatchObject({ min: 30, max: 30, unit: 'days', phrase: '30 days', say: 'Returns are accepted within 30 days of purchase.' });
    expect(proposal(found, 'returns.windowStart')).toBeUndefined();
    expect(checked(found, [returns])).toEqual([]);
  });

  it('proposes a window starting at the order when the words say so', () => {
    const returns = markdown('returns', `# Returns

Exchanges are welcome within 14 days of your order.
`);
    expect(proposal(proposeSettings([returns]), 'returns.windowStart')?.fact).toMatchObject({ section: 'intro', value: 'order' });
  });

  it('reads numbered plain-text sections and quotes a labelled bullet without its label', () => {
    const policy = plainText('service-notes', `Service Notes
1. Reaching Us
  • Inbox: Send your questions to care@lumen-threads.example.
  • Response Time: Expect a reply within 24 hours on working days.
2. Special Orders
Items marked Final Sale are non-refundable.
For urgent cases, such as a damaged or missing parcel, please put “URGENT” in the subject line.
`);
    const found = proposeSettings([policy]);
    expect(proposal(found, 'supportInbox')?.fact).toMatchObject({ section: '1', quote: 'Send your questions to care@lumen-threads.example.' });
    expect(proposal(found, 'replyTime')?.fact).toMatchObject({ section: '1', quote: 'Expect a reply within 24 hours on working days.', min: 24, max: 24, unit: 'hours' });
    expect(proposal(found, 'returns.finalSaleNonRefundable')?.fact).toEqual({ document: 'service-notes', section: '2', quote: 'Items marked Final Sale are non-refundable.' });
    expect(proposal(found, 'urgency.subjectWord')?.fact).toMatchObject({ word: 'URGENT' });
    expect(proposal(found, 'urgency.cases')?.fact).toMatchObject({ cases: ['damaged', 'missing', 'shopper_says_urgent'] });
    expect(checked(found, [policy])).toEqual([]);
  });

  it('leaves out a proposal the start-up check would refuse', () => {
    // Found by the reader, refused by the profile schema: not an email address.
    const contact = markdown('contact', `# Contact

Write to us at care..desk@lumen-threads.example with any question.
`);
    const found = proposeSettings([contact]);
    // The reader did find it: the channel, which takes any address text, is still proposed.
    expect(proposal(found, 'channels')?.fact).toMatchObject({ address: 'care..desk@lumen-threads.example' });
    expect(proposal(found, 'supportInbox')).toBeUndefined();
    expect(checked(found, [contact])).toEqual([]);
  });

  it('does not read "5 to 7 business days" as 7 days', () => {
    const shipping = markdown('shipping', `# Shipping

Parcels arrive 5 to 7 business days after they leave us.
`);
    expect(proposal(proposeSettings([shipping]), 'timelines.delivery')).toBeUndefined();
  });
});
