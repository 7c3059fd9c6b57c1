import { describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';

import type { BrandId } from '../../knowledge/brand-ids.js';
import { replyBy } from '../../knowledge/handoff/reply-by.js';
import { escalationRoute } from '../../knowledge/handoff/subject.js';
import { renderHandoffReply } from '../../dialogs/handoff.render.js';
import type { HandoffReply, HandoffSummary } from '../../machines/handoff.machine.js';
import { BRAND_PROFILES, demoProfile } from '../support/brands.js';

const CSP = 'customer-service-policy';

function render(brand: BrandId, reply: HandoffReply): Partial<Activity> {
  return renderHandoffReply(brand, reply, demoProfile(brand));
}

function support(activity: Partial<Activity>) {
  return (activity.channelData as { support: Record<string, unknown> }).support;
}

function actionValues(activity: Partial<Activity>): unknown[] {
  return activity.suggestedActions?.actions.map((action) => action.value) ?? [];
}

const summary: HandoffSummary = {
  name: 'Jane Doe',
  email: 'jane@example.com',
  orderNumber: 'JAM1001',
  orderVerified: true,
  description: 'The ring arrived bent',
  category: 'damaged',
  urgent: true,
  urgentByPolicy: true,
  escalation: null,
};

describe('renderHandoffReply: asks', () => {
  it.each<[HandoffReply, string, RegExp]>([
    [{ kind: 'handoff.ask', slot: 'name' }, 'name', /^What name should the team use/],
    [{ kind: 'handoff.ask', slot: 'name', problem: 'notAName' }, 'name', /didn't catch a name/],
    [{ kind: 'handoff.ask', slot: 'email' }, 'email', /email address should the team reply to/],
    [{ kind: 'handoff.ask', slot: 'email', problem: 'notAnEmail' }, 'email', /doesn't look like an email/],
    [{ kind: 'handoff.ask', slot: 'email', correcting: true }, 'email', /right email address/],
    [{ kind: 'handoff.ask', slot: 'description' }, 'description', /In your own words.*card numbers/],
    [{ kind: 'handoff.ask', slot: 'description', problem: 'tooShort' }, 'description', /a little more/],
  ])('%j awaits %s', (reply, awaiting, text) => {
    const activity = render('james-avery-malls', reply);
    expect(activity.text).toMatch(text);
    expect(activity.inputHint).toBe('expectingInput');
    expect(support(activity)).toEqual({ brand: 'james-avery-malls', topic: 'handoff.human', confidence: 1, sources: [], awaiting });
  });

  it('offers "I don\'t have one" when asking for the (optional) order number', () => {
    const activity = render('kendra-scott-mall', { kind: 'handoff.ask', slot: 'orderNumber' });
    expect(support(activity).awaiting).toBe('orderNumber');
    expect(actionValues(activity)).toEqual(["I don't have one"]);
  });

  it('introduces the handoff on the first reply', () => {
    const activity = render('james-avery-malls', { kind: 'handoff.ask', slot: 'name', intro: { category: 'person_requested', escalation: null } });
    expect(activity.text).toMatch(/^I'll pass this to a person on the James Avery Malls team\. First, a few details\. What name/);
  });

  it('tells a james-avery-artisan shopper of the §6 escalation path', () => {
    const escalation = escalationRoute(BRAND_PROFILES['james-avery-artisan'], 'escalation', null);
    const activity = render('james-avery-artisan', { kind: 'handoff.ask', slot: 'description', intro: { category: 'escalation', escalation } });
    expect(activity.text).toMatch(/as an escalation to service@jameseavery\.com, as the Customer Service Policy \(§6\) describes/);
    expect(support(activity).sources).toEqual([{ document: CSP, section: '6' }]);
  });

  it('can carry the flow\'s topic instead', () => {
    const activity = renderHandoffReply('james-avery-malls', { kind: 'handoff.ask', slot: 'name' }, BRAND_PROFILES['james-avery-malls'], 'product.issue');
    expect(support(activity).topic).toBe('product.issue');
  });
});

describe('renderHandoffReply: the summary', () => {
  it('shows the summary, asks to confirm with yes/no buttons, and names the urgent word and its section', () => {
    const activity = render('james-avery-malls', { kind: 'handoff.confirm', summary });
    expect(activity.text).toContain("Here's what I'll send to the James Avery Malls team:");
    expect(activity.text).toContain('• Name: Jane Doe\n• Email: jane@example.com\n• Order number: JAM1001 (verified)\n• Your message: “The ring arrived bent”');
    expect(activity.text).toContain('It will be marked “URGENT” so the team prioritizes it, as the Customer Service Policy (§2) asks.');
    expect(activity.text).toMatch(/Say "yes" to send it, or tell me what to change/);
    expect(support(activity)).toMatchObject({ awaiting: 'confirm', sources: [{ document: CSP, section: '2' }] });
    expect(actionValues(activity)).toEqual(['yes', 'no']);
  });

  it('never tells the shopper about urgency that is only an operator setting', () => {
    const activity = render('generic-store', { kind: 'handoff.confirm', summary: { ...summary, orderNumber: null, orderVerified: false, urgentByPolicy: false } });
    expect(activity.text).not.toMatch(/URGENT|urgent/);
    expect(activity.text).toContain('• Order number: none given');
    expect(support(activity).sources).toEqual([]);
  });

  it('asks again for a yes or no', () => {
    expect(render('kendra-scott-mall', { kind: 'handoff.confirm', summary, problem: 'notYesNo' }).text).toMatch(/^Sorry, I need a yes or a no/);
  });

  it('shows the escalation address and subject', () => {
    const escalation = escalationRoute(BRAND_PROFILES['james-avery-artisan'], 'escalation', 'Replacement also broken');
    const activity = render('james-avery-artisan', { kind: 'handoff.confirm', summary: { ...summary, urgent: false, urgentByPolicy: false, escalation } });
    expect(activity.text).toContain('It goes to service@jameseavery.com with the subject “Escalation: Replacement also broken”');
  });

  it('"what to change" is a menu: no awaiting slot, the choices as what the shopper would type', () => {
    const activity = render('james-avery-malls', { kind: 'handoff.whatToChange' });
    expect(support(activity).awaiting).toBeNull();
    expect(actionValues(activity)).toEqual(['change my name', 'change my email', 'change the order number', 'change the description', 'cancel']);
  });
});

describe('renderHandoffReply: after submitting', () => {
  it('gives the reference and the reply-by date in the brand\'s words, with its section', () => {
    const expectation = replyBy(BRAND_PROFILES['james-avery-malls'], '2026-12-02T17:00:00Z');
    const activity = render('james-avery-malls', { kind: 'handoff.submitted', reference: 'JAM-7K3Q9X', email: 'jane@example.com', expectation, urgentByPolicy: true, escalation: null });
    expect(activity.text).toBe(
      "Done: I've passed this to the James Avery Malls team. Your reference is JAM-7K3Q9X. It's marked “URGENT” so the team sees it first. " +
        'James Avery Malls replies within 24-48 business hours (Customer Service Policy §2), so expect a reply at jane@example.com by Friday, December 4.',
    );
    expect(support(activity)).toMatchObject({ topic: 'handoff.human', awaiting: null, sources: [{ document: CSP, section: '2' }] });
  });

  it('says the team is offline and when it is back (Thanksgiving)', () => {
    const expectation = replyBy(BRAND_PROFILES['james-avery-artisan'], '2026-11-26T15:00:00Z');
    const activity = render('james-avery-artisan', { kind: 'handoff.submitted', reference: 'JAA-7K3Q9X', email: 'jane@example.com', expectation, urgentByPolicy: false, escalation: null });
    expect(activity.text).toContain('replies within 1-2 business days (Customer Service Policy §2.1), so expect a reply at jane@example.com by Monday, November 30.');
    expect(activity.text).toContain("The team is offline right now for Thanksgiving Day, so your request waits safely until then. They're back Friday, November 27 at 9:00 AM EST.");
    expect(activity.text).toContain('Their hours are Monday to Friday, 9:00 AM – 5:00 PM (Eastern Time, ET) (Customer Service Policy §3).');
    expect(support(activity).sources).toEqual([{ document: CSP, section: '2.1' }, { document: CSP, section: '3' }]);
  });

  it('a promise in calendar hours comes with a time', () => {
    const expectation = replyBy(BRAND_PROFILES['generic-store'], '2026-11-26T15:00:00Z');
    const activity = render('generic-store', { kind: 'handoff.submitted', reference: 'GS-7K3Q9X', email: 'jane@example.com', expectation, urgentByPolicy: false, escalation: null });
    expect(activity.text).toContain('Generic Store replies within 24-48 hours (Customer Service Policy §3), so expect a reply at jane@example.com by Saturday, November 28 at 10:00 AM EST.');
    expect(activity.text).not.toMatch(/offline/);
  });

  it('an escalation gives the §6 timings instead', () => {
    const escalation = escalationRoute(BRAND_PROFILES['james-avery-artisan'], 'escalation', 'Replacement also broken');
    const expectation = replyBy(BRAND_PROFILES['james-avery-artisan'], '2026-12-02T17:00:00Z');
    const activity = render('james-avery-artisan', { kind: 'handoff.submitted', reference: 'JAA-7K3Q9X', email: 'jane@example.com', expectation, urgentByPolicy: false, escalation });
    expect(activity.text).toContain('It went to service@jameseavery.com as an escalation: the customer service manager reviews it within 1 business day and gives a final resolution or update within 2-3 business days (Customer Service Policy §6).');
  });

  it('not saved: says plainly it has not reached the team, offers a retry and the brand\'s own channel', () => {
    const malls = render('james-avery-malls', { kind: 'handoff.notSaved' });
    expect(malls.text).toBe(
      "I'm sorry: something went wrong on my side and I couldn't save your request, so it has not reached the team. Shall I try again? You can also reach James Avery Malls by email at support@jamesaverymalls.com.",
    );
    expect(support(malls)).toMatchObject({ awaiting: 'confirm', sources: [{ document: CSP, section: '2' }] });
    expect(actionValues(malls)).toEqual(['yes', 'no']);
    expect(render('generic-store', { kind: 'handoff.notSaved' }).text).toContain('through the form on the Contact Us page');
    expect(render('james-avery-artisan', { kind: 'handoff.notSaved' }).text).toContain('through your account at www.jameseavery.com');
    expect(render('kendra-scott-mall', { kind: 'handoff.notSent' }).text).toBe(
      "Okay, I haven't sent anything. You can also reach Kendra Scott Mall by email at support@kendrascottmall.com. What else can I help you with?",
    );
  });
});
