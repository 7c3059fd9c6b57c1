// The script runner's own checks, without the bot: a script that expects something the bot did
// not do must fail with a message saying what, and a malformed script must fail when loaded.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConversationScript, ScriptError, type TicketExpectation } from './conversation-script.schema.js';
import { checkTickets, checkTurn, type BotLine, type TicketFacts } from './script-checks.js';

const line = (fields: Partial<BotLine>): BotLine => ({ text: '', topic: 'help', awaiting: null, choices: [], sources: [], ...fields });

const ANSWER = line({ text: 'Refunds are issued within 5-10 days (Customer Service Policy, §3).', topic: 'refund.timeline', sources: ['3'] });
const PROMPT = line({ text: "What's the email address on the order?", topic: 'order.tracking', awaiting: 'email', choices: ['talk to a person'] });

describe('checkTurn', () => {
  it('passes a turn that is as expected, reading topic from the first message and the rest from the last', () => {
    expect(checkTurn({ topic: 'refund.timeline', awaiting: 'email', says: ['5-10 DAYS', 'email address'], not: ['late'], choices: ['Talk to a person'], messages: 2 }, [ANSWER, PROMPT])).toEqual([]);
  });

  it('takes a list as "any of" and null as "waits for nothing"', () => {
    expect(checkTurn({ topic: ['greeting', 'refund.timeline'], awaiting: null }, [ANSWER])).toEqual([]);
    expect(checkTurn({ awaiting: [null, 'confirm'] }, [PROMPT])).toEqual(['awaiting: expected any of null, confirm, got email']);
  });

  it('names each expectation the turn missed', () => {
    const problems = checkTurn({ topic: 'order.tracking', awaiting: 'confirm', says: ['running late'], not: ['5-10'], choices: ['yes'], sources: ['2'], messages: 1 }, [ANSWER, PROMPT]);
    expect(problems).toEqual([
      'expected 1 message(s), got 2',
      'topic: expected order.tracking, got refund.timeline',
      'awaiting: expected confirm, got email',
      'says: "running late" is not in the replies',
      'not: "5-10" is in the replies',
      'choices: "yes" is not offered (offered: ["talk to a person"])',
      'sources: section "2" is not cited (cited: ["3"])',
    ]);
  });

  it('counts a section cited by any message of the turn', () => {
    expect(checkTurn({ sources: ['3'] }, [ANSWER, PROMPT])).toEqual([]);
  });

  it('fails a turn the bot did not answer at all', () => {
    expect(checkTurn({ topic: 'help' }, [])).toEqual(['topic: expected help, got no message']);
  });
});

const TICKET: TicketFacts = {
  reference: 'KSM-ABC123',
  category: 'late_delivery',
  urgency: { urgent: true },
  customer: { name: 'Jordan Example', email: 'jordan@example.com' },
  orderNumber: 'KS-100235',
  subject: 'URGENT: Late delivery — order KS-100235 — Jordan Example',
  description: 'the tracking stopped updating',
  verifiedOrder: null,
};

describe('checkTickets', () => {
  it('checks nothing when the script says nothing about tickets', () => {
    expect(checkTickets(undefined, [TICKET, TICKET])).toEqual([]);
  });

  it('"none" fails when a ticket was stored', () => {
    expect(checkTickets('none', [])).toEqual([]);
    expect(checkTickets('none', [TICKET])[0]).toMatch(/^ticket: expected none, 1 stored/);
  });

  it('expects exactly one ticket and compares its fields', () => {
    const expected: TicketExpectation = { urgent: true, category: 'late_delivery', replyTo: 'Jordan@example.com', name: 'jordan example', orderNumber: 'ks-100235', subject: 'late delivery', says: ['STOPPED'] };
    expect(checkTickets(expected, [TICKET])).toEqual([]);
    expect(checkTickets(expected, [])).toEqual(['ticket: expected exactly one, 0 stored']);
    expect(checkTickets({ urgent: false, orderNumber: null, says: ['photos'] }, [TICKET])).toEqual([
      'ticket urgent: expected false, got true',
      'ticket orderNumber: expected null, got KS-100235',
      `ticket says: "photos" is not in the shopper's words "the tracking stopped updating"`,
    ]);
  });
});

describe('loadConversationScript', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clasp-scripts-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('reads a well-formed script, "yes" and "no" as text', () => {
    const path = write('ok.yaml', 'brand: generic-store\nabout: a shopper says yes to the summary\nturns:\n  - shopper: yes\n    expect: { awaiting: null }\nticket: none\n');
    expect(loadConversationScript(path).turns[0]).toEqual({ shopper: 'yes', expect: { awaiting: null } });
  });

  it('fails a malformed script with its name and every problem', () => {
    const path = write('bad.yaml', 'brand: generic-store\nabout: a script with mistakes in it\nturns:\n  - shopper: hi\n    expects: { topic: greeting }\n  - shopper: track it\n    expect: { topic: order.track }\n');
    let error: unknown;
    try {
      loadConversationScript(path, 'bad.yaml');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ScriptError);
    const message = error instanceof ScriptError ? error.message : '';
    expect(message).toMatch(/^bad\.yaml: not a valid conversation script/);
    expect(message).toMatch(/turns\.0: .*expects/);
    expect(message).toMatch(/turns\.1\.expect\.topic/);
  });

  it('fails a file that is not YAML with its name', () => {
    const path = write('broken.yaml', 'brand: [generic-store\n');
    expect(() => loadConversationScript(path, 'broken.yaml')).toThrow(/^broken\.yaml: not readable YAML/);
  });
});
