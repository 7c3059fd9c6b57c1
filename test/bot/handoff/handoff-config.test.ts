import { describe, expect, it } from 'vitest';

import { ConfigError } from '../../../bot/config.js';
import { brandEnvKey, loadHandoffConfig, readHandoffConfig } from '../../../bot/handoff/handoff-config.js';

describe('handoff configuration', () => {
  it('runs the demo with no keys: .eml files under var/outbox, no admin API', () => {
    expect(loadHandoffConfig({}, '/srv/clasp')).toEqual({
      smtpUrl: undefined,
      smtpTimeoutMs: 30_000,
      outboxDir: '/srv/clasp/var/outbox',
      adminToken: undefined,
      mailFrom: 'Clasp support assistant <clasp@clasp.example>',
      supportInboxes: {},
      escalationInboxes: {},
      retry: { baseDelayMs: 2_000, maxDelayMs: 300_000, maxRejections: 5 },
    });
  });

  it('reads every key, empty strings counting as unset', () => {
    const config = loadHandoffConfig(
      {
        SMTP_URL: 'smtps://user:secret@mail.example.com:465',
        SMTP_TIMEOUT_MS: '5000',
        OUTBOX_DIR: '/data/outbox',
        ADMIN_TOKEN: '0123456789abcdef0123',
        HANDOFF_MAIL_FROM: 'Support bot <bot@example.com>',
        SUPPORT_INBOX_KENDRA_SCOTT_MALL: 'agents@ks.example',
        SUPPORT_INBOX_GENERIC_STORE: '',
        ESCALATION_INBOX_JAMES_AVERY_ARTISAN: 'staging-escalations@example.com',
        HANDOFF_RETRY_BASE_MS: '10',
        HANDOFF_RETRY_MAX_MS: '100',
        HANDOFF_MAX_REJECTIONS: '2',
      },
      '/srv/clasp',
    );
    expect(config).toMatchObject({
      smtpUrl: 'smtps://user:secret@mail.example.com:465',
      smtpTimeoutMs: 5_000,
      outboxDir: '/data/outbox',
      adminToken: '0123456789abcdef0123',
      mailFrom: 'Support bot <bot@example.com>',
      supportInboxes: { 'kendra-scott-mall': 'agents@ks.example' },
      escalationInboxes: { 'james-avery-artisan': 'staging-escalations@example.com' },
      retry: { baseDelayMs: 10, maxDelayMs: 100, maxRejections: 2 },
    });
  });

  it('names the brand keys as docs/contracts.md does', () => {
    expect(brandEnvKey('SUPPORT_INBOX', 'kendra-scott-mall')).toBe('SUPPORT_INBOX_KENDRA_SCOTT_MALL');
  });

  it('reports every problem at once, without echoing the SMTP password', () => {
    const result = readHandoffConfig({
      SMTP_URL: 'http://user:hunter2@mail.example.com',
      ADMIN_TOKEN: 'short',
      SUPPORT_INBOX_JAMES_AVERY_MALLS: 'not-an-email',
      HANDOFF_RETRY_BASE_MS: '0',
    });
    expect(result.config).toBeUndefined();
    expect(result.problems).toHaveLength(4);
    expect(result.problems.join('\n')).toMatch(/SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/);
    expect(result.problems.join('\n')).toMatch(/ADMIN_TOKEN: must be at least 16 characters/);
    expect(result.problems.join('\n')).toMatch(/SUPPORT_INBOX_JAMES_AVERY_MALLS: must be an email address/);
    expect(result.problems.join('\n')).toMatch(/HANDOFF_RETRY_BASE_MS: must be a whole number of at least 1/);
    expect(result.problems.join('\n')).not.toContain('hunter2');
    expect(() => loadHandoffConfig({ ADMIN_TOKEN: 'short' })).toThrow(ConfigError);
  });

  it('refuses a backoff cap below its base', () => {
    expect(readHandoffConfig({ HANDOFF_RETRY_BASE_MS: '1000', HANDOFF_RETRY_MAX_MS: '10' }).problems).toEqual([
      'HANDOFF_RETRY_MAX_MS: must not be less than HANDOFF_RETRY_BASE_MS',
    ]);
  });
});
