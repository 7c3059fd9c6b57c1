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
      mailFromByBrand: {},
      supportInboxes: {},
      escalationInboxes: {},
      retry: { baseDelayMs: 2_000, maxDelayMs: 300_000, maxRejections: 5 },
      transcriptLink: undefined,
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

  it('reads a From per brand (MAIL_FROM_<BRAND>), named or bare', () => {
    const config = loadHandoffConfig({
      MAIL_FROM_KENDRA_SCOTT_MALL: 'Kendra Scott Support <help@kendrascott.example>',
      MAIL_FROM_GENERIC_STORE: 'help@generic-store.example',
      MAIL_FROM_JAMES_AVERY_MALLS: '',
    });
    expect(config.mailFrom).toBe('Clasp support assistant <clasp@clasp.example>');
    expect(config.mailFromByBrand).toEqual({
      'kendra-scott-mall': 'Kendra Scott Support <help@kendrascott.example>',
      'generic-store': 'help@generic-store.example',
    });
    expect(brandEnvKey('MAIL_FROM', 'kendra-scott-mall')).toBe('MAIL_FROM_KENDRA_SCOTT_MALL');
  });

  it('names the key of a From that is neither an address nor "Name <address>"', () => {
    const result = readHandoffConfig({
      MAIL_FROM_KENDRA_SCOTT_MALL: 'Kendra Scott Support',
      MAIL_FROM_GENERIC_STORE: 'Help <help@generic-store.example',
      HANDOFF_MAIL_FROM: 'Clasp <not-an-address>',
    });
    expect(result.config).toBeUndefined();
    expect([...result.problems].sort()).toEqual([
      'HANDOFF_MAIL_FROM: must be an email address or "Name <address>", e.g. Kendra Scott Support <help@kendrascott.example>',
      'MAIL_FROM_GENERIC_STORE: must be an email address or "Name <address>", e.g. Kendra Scott Support <help@kendrascott.example>',
      'MAIL_FROM_KENDRA_SCOTT_MALL: must be an email address or "Name <address>", e.g. Kendra Scott Support <help@kendrascott.example>',
    ]);
  });

  it('turns the transcript link on only with a long enough secret and a public address', () => {
    const secret = 'a-transcript-link-secret-of-32-chars!';
    expect(loadHandoffConfig({}).transcriptLink).toBeUndefined();
    expect(loadHandoffConfig({ PUBLIC_URL: 'https://clasp.example' }).transcriptLink).toBeUndefined();
    expect(loadHandoffConfig({ TRANSCRIPT_LINK_SECRET: secret, PUBLIC_URL: 'https://clasp.example/' }).transcriptLink).toEqual({
      secret,
      publicUrl: 'https://clasp.example',
      days: 14,
    });
    expect(loadHandoffConfig({ TRANSCRIPT_LINK_SECRET: secret, PUBLIC_URL: 'https://support.example.com/clasp/', TRANSCRIPT_LINK_DAYS: '3' }).transcriptLink).toEqual({
      secret,
      publicUrl: 'https://support.example.com/clasp',
      days: 3,
    });
    const problems = (env: Record<string, string>) => readHandoffConfig(env).problems.join('\n');
    expect(problems({ TRANSCRIPT_LINK_SECRET: 'short', PUBLIC_URL: 'https://clasp.example' })).toMatch(/^TRANSCRIPT_LINK_SECRET: must be at least 32 characters/);
    expect(problems({ TRANSCRIPT_LINK_SECRET: secret })).toMatch(/^PUBLIC_URL: required when TRANSCRIPT_LINK_SECRET is set/);
    expect(problems({ TRANSCRIPT_LINK_SECRET: secret, PUBLIC_URL: 'ftp://clasp.example' })).toMatch(/^PUBLIC_URL: must be the http\(s\) address/);
    expect(problems({ TRANSCRIPT_LINK_SECRET: secret, PUBLIC_URL: 'https://clasp.example/?a=1' })).toMatch(/^PUBLIC_URL: /);
    expect(problems({ TRANSCRIPT_LINK_DAYS: '0' })).toMatch(/^TRANSCRIPT_LINK_DAYS: must be a whole number of at least 1/);
  });

  it('refuses a backoff cap below its base', () => {
    expect(readHandoffConfig({ HANDOFF_RETRY_BASE_MS: '1000', HANDOFF_RETRY_MAX_MS: '10' }).problems).toEqual([
      'HANDOFF_RETRY_MAX_MS: must not be less than HANDOFF_RETRY_BASE_MS',
    ]);
  });
});
