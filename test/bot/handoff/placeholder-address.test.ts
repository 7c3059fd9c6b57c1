// The placeholder-inbox rule (bot/handoff/placeholder-address.ts) and the start-up warning it
// drives (bot/handoff/index.ts): once per brand whose support inbox reaches nobody, naming the
// key, when mail really leaves over SMTP.
import { describe, expect, it } from 'vitest';

import type { HandoffConfig } from '../../../bot/handoff/handoff-config.js';
import { createHandoff } from '../../../bot/handoff/index.js';
import { isPlaceholderAddress } from '../../../bot/handoff/placeholder-address.js';
import type { SenderLogger } from '../../../bot/handoff/handoff-sender.js';
import { profileOf, tempDir, testConfig } from './handoff-fixtures.js';
import { BRAND_IDS } from '../../support/brands.js';

describe('isPlaceholderAddress', () => {
  it.each([
    'support@example.com',
    'support@EXAMPLE.org',
    'support@example.net',
    'help@mail.example.com',
    'support@generic-store.example',
    'support@james-avery-artisan.example',
    'agents@shop.test',
    'agents@nowhere.invalid',
    'agents@shop.localhost',
    'root@localhost',
    'root@localhost.',
  ])('%s is a placeholder', (address) => {
    expect(isPlaceholderAddress(address)).toBe(true);
  });

  it.each([
    'support@kendrascottmall.com',
    'support@jamesaverymalls.com',
    'service@jameseavery.com',
    'help@example-store.com',
    'help@myexample.com',
    'team@testing.io',
    'team@shop.examples',
  ])('%s is a real address', (address) => {
    expect(isPlaceholderAddress(address)).toBe(false);
  });
});

describe('start-up warning about placeholder inboxes', () => {
  async function warningsWith(overrides: Partial<HandoffConfig>) {
    const lines: Array<{ fields: object; message: string }> = [];
    const logger: SenderLogger = { info: () => undefined, error: () => undefined, warn: (fields, message) => lines.push({ fields, message }) };
    const dir = await tempDir();
    // Nothing is sent here: the SMTP transport connects only when a ticket goes out.
    const handoff = await createHandoff({ config: testConfig(dir.path, { smtpUrl: 'smtp://127.0.0.1:1', ...overrides }), transcriptOf: async () => [], logger, profileOf, brandIds: BRAND_IDS });
    await handoff.close();
    await dir.remove();
    return lines.filter((line) => /placeholder/.test(line.message));
  }

  it('names each brand still on a demo inbox, once, with the key to set', async () => {
    const warnings = await warningsWith({});
    // In the brands' order: their folders' names.
    expect(warnings.map((line) => line.fields)).toEqual([
      { brand: 'generic-store', key: 'SUPPORT_INBOX_GENERIC_STORE', inboxDomain: 'generic-store.example' },
      { brand: 'james-avery-artisan', key: 'SUPPORT_INBOX_JAMES_AVERY_ARTISAN', inboxDomain: 'james-avery-artisan.example' },
    ]);
    expect(warnings[1]?.message).toBe('the support inbox of james-avery-artisan is a placeholder address, so its handoffs reach nobody: set SUPPORT_INBOX_JAMES_AVERY_ARTISAN');
  });

  it('follows the SUPPORT_INBOX_<BRAND> overrides both ways', async () => {
    const warnings = await warningsWith({
      supportInboxes: {
        'james-avery-artisan': 'support@jamesavery.com',
        'generic-store': 'help@generic-store.com',
        'kendra-scott-mall': 'agents@ks.example',
      },
    });
    expect(warnings.map((line) => (line.fields as { key: string }).key)).toEqual(['SUPPORT_INBOX_KENDRA_SCOTT_MALL']);
  });

  it('says nothing while the emails are .eml files in the outbox (no SMTP_URL, the demo)', async () => {
    expect(await warningsWith({ smtpUrl: undefined })).toEqual([]);
  });
});
