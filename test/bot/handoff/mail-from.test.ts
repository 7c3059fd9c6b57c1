// The From of a brand's handoff emails and the Message-ID domain that follows it
// (bot/handoff/mail-from.ts, bot/handoff/handoff-ticket.ts).
import { describe, expect, it } from 'vitest';

import { messageIdFor } from '../../../bot/handoff/handoff-ticket.js';
import { DEFAULT_MAIL_FROM, mailFromDomain, mailFromFor, parseMailFrom } from '../../../bot/handoff/mail-from.js';
import { submissionFor, ticketFor } from './handoff-fixtures.js';

describe('parseMailFrom', () => {
  it('reads "Name <address>" and a bare address', () => {
    expect(parseMailFrom('Kendra Scott Support <help@kendrascott.example>')).toEqual({ name: 'Kendra Scott Support', address: 'help@kendrascott.example' });
    expect(parseMailFrom('  help@kendrascott.example ')).toEqual({ name: undefined, address: 'help@kendrascott.example' });
    expect(parseMailFrom('<help@kendrascott.example>')).toEqual({ name: undefined, address: 'help@kendrascott.example' });
  });

  it('refuses what is neither', () => {
    for (const value of ['Kendra Scott Support', 'Help <help@kendrascott.example', 'Help <not-an-address>', 'a@b.example c@d.example', 'Evil\r\nBcc: x@y.example <a@b.example>', '']) {
      expect(parseMailFrom(value), value).toBeUndefined();
    }
  });
});

describe('the Message-ID follows the From', () => {
  it('takes the domain of the From, lower-cased', () => {
    expect(mailFromDomain('Kendra Scott Support <help@KendraScott.example>')).toBe('kendrascott.example');
    expect(messageIdFor('20261127-7K3Q9XAB12', 'Kendra Scott Support <help@kendrascott.example>')).toBe('<20261127-7K3Q9XAB12@kendrascott.example>');
    // Nothing set: the default From's domain, no longer a domain nobody owns.
    expect(messageIdFor('20261127-7K3Q9XAB12')).toBe('<20261127-7K3Q9XAB12@clasp.example>');
  });

  it('uses the brand override, else the one From for every brand', () => {
    const senders = { mailFrom: DEFAULT_MAIL_FROM, mailFromByBrand: { 'kendra-scott-mall': 'help@kendrascott.example' } };
    expect(mailFromFor(senders, 'kendra-scott-mall')).toBe('help@kendrascott.example');
    expect(mailFromFor(senders, 'generic-store')).toBe(DEFAULT_MAIL_FROM);
  });

  it('is fixed in the ticket when it is created', () => {
    const ticket = ticketFor(submissionFor('kendra-scott-mall', { category: 'other' }), { mailFrom: 'Kendra Scott Support <help@kendrascott.example>' });
    expect(ticket.messageId).toBe(`<${ticket.id}@kendrascott.example>`);
  });
});
