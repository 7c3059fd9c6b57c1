// The From of each brand's handoff email (MAIL_FROM_<BRAND>) and the Message-ID on the sender's
// own domain, through the composed handoff and a real SMTP server on loopback: the Message-ID is
// fixed when the ticket is stored, so retries, and a restart with another From, keep it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { BrandId } from '../../../knowledge/brand-ids.js';
import type { HandoffConfig } from '../../../bot/handoff/handoff-config.js';
import { createHandoff, type Handoff } from '../../../bot/handoff/index.js';
import { profileOf, quietLogger, startSmtp, submissionFor, tempDir, testConfig, waitUntil, type Received, type TestSmtp } from './handoff-fixtures.js';
import { BRAND_IDS } from '../../support/brands.js';

const KENDRA_FROM = 'Kendra Scott Support <help@kendrascott.example>';

let smtp: TestSmtp;
let dir: Awaited<ReturnType<typeof tempDir>>;
let handoff: Handoff | undefined;
let conversation = 0;

beforeAll(async () => {
  smtp = await startSmtp();
  dir = await tempDir();
});

afterAll(async () => {
  await handoff?.close();
  await smtp.stop();
  await dir.remove();
});

async function open(overrides: Partial<HandoffConfig>): Promise<Handoff> {
  await handoff?.close();
  handoff = await createHandoff({ config: testConfig(dir.path, { smtpUrl: smtp.url, mailFrom: 'Clasp <clasp@clasp.example>', ...overrides }), transcriptOf: async () => [], logger: quietLogger, profileOf, brandIds: BRAND_IDS });
  await handoff.start();
  return handoff;
}

async function submit(to: Handoff, brand: BrandId) {
  conversation += 1;
  return to.submitter.submit(submissionFor(brand, { category: 'other' }, { description: `Question ${conversation}` }), `${brand}/test/conversations/from-${conversation}`);
}

async function received(to: Handoff, id: string, messageId: string): Promise<Received> {
  await waitUntil(async () => (await to.outbox.state(id)).status === 'sent', 10_000, 'delivery');
  const mails = smtp.received.filter((mail) => mail.parsed.messageId === messageId);
  expect(mails).toHaveLength(1);
  return mails[0] as Received;
}

describe('MAIL_FROM_<BRAND>', () => {
  it("sends a brand's email from its own address, the Message-ID on that domain, the same on every retry", async () => {
    const live = await open({ mailFromByBrand: { 'kendra-scott-mall': KENDRA_FROM } });
    smtp.mode = 'refuse-temporarily';
    const ticket = await submit(live, 'kendra-scott-mall');
    expect(ticket.messageId).toBe(`<${ticket.id}@kendrascott.example>`);
    await waitUntil(async () => (await live.outbox.state(ticket.id)).attempts >= 2, 10_000, 'two refused attempts');
    smtp.mode = 'accept';
    const refused = smtp.refused.map((raw) => /^Message-ID: (.*)$/im.exec(raw.toString('utf8'))?.[1]?.trim());
    expect(refused.length).toBeGreaterThanOrEqual(2);
    expect(new Set(refused)).toEqual(new Set([`<${ticket.id}@kendrascott.example>`]));

    const mail = await received(live, ticket.id, ticket.messageId);
    expect(mail.parsed.from?.value).toEqual([{ name: 'Kendra Scott Support', address: 'help@kendrascott.example' }]);
    expect(mail.envelope.from).toBe('help@kendrascott.example');
    expect(mail.parsed.messageId).toBe(`<${ticket.id}@kendrascott.example>`);
  });

  it('leaves the other brands on HANDOFF_MAIL_FROM, their Message-ID on its domain', async () => {
    const live = await open({ mailFromByBrand: { 'kendra-scott-mall': KENDRA_FROM } });
    const ticket = await submit(live, 'generic-store');
    const mail = await received(live, ticket.id, ticket.messageId);
    expect(mail.parsed.from?.value).toEqual([{ name: 'Clasp', address: 'clasp@clasp.example' }]);
    expect(mail.parsed.messageId).toBe(`<${ticket.id}@clasp.example>`);
  });

  it('keeps the Message-ID a ticket was stored with when the From changes before it is sent', async () => {
    smtp.mode = 'refuse-temporarily';
    const before = await open({ mailFromByBrand: { 'kendra-scott-mall': KENDRA_FROM } });
    const ticket = await submit(before, 'kendra-scott-mall');
    await waitUntil(async () => (await before.outbox.state(ticket.id)).attempts >= 1, 10_000, 'a refused attempt');

    // Restarted with another From: the unsent ticket goes out under the new From, same Message-ID.
    smtp.mode = 'accept';
    const after = await open({ mailFromByBrand: { 'kendra-scott-mall': 'help@kendrascott.com' } });
    const mail = await received(after, ticket.id, ticket.messageId);
    expect(mail.parsed.from?.value).toEqual([{ name: '', address: 'help@kendrascott.com' }]);
    expect(mail.parsed.messageId).toBe(`<${ticket.id}@kendrascott.example>`);
  });
});
