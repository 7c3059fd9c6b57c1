import { describe, expect, it } from 'vitest';
import { bearerToken, createTokenIssuer } from '../../../bot/directline/directline-token.js';

const grant = { conversationId: 'conv-1', brand: 'kendra-scott-mall' as const, user: 'dl_visitor' };

describe('widget tokens', () => {
  let now = new Date('2026-11-20T19:00:00Z');
  const issuer = createTokenIssuer({ secret: 'a'.repeat(32), ttlSeconds: 1800, now: () => now });

  it('verify what they grant until they expire', () => {
    const { token } = issuer.issue(grant);
    expect(issuer.verify(token)).toEqual({ ok: true, grant: { ...grant, issuedAt: now.getTime() / 1000, expiresAt: now.getTime() / 1000 + 1800 } });
    const issuedAt = now;
    now = new Date(issuedAt.getTime() + 1800 * 1000);
    expect(issuer.verify(token)).toEqual({ ok: false, reason: 'expired' });
    now = issuedAt;
  });

  it('reject another key’s tokens, edited payloads and garbage', () => {
    const { token } = issuer.issue(grant);
    const other = createTokenIssuer({ secret: 'b'.repeat(32), ttlSeconds: 1800, now: () => now });
    expect(other.verify(token)).toEqual({ ok: false, reason: 'bad_signature' });
    const [header, payload, signature] = token.split('.');
    const edited = Buffer.from(Buffer.from(payload ?? '', 'base64url').toString().replace('conv-1', 'conv-2')).toString('base64url');
    expect(issuer.verify(`${header}.${edited}.${signature}`)).toEqual({ ok: false, reason: 'bad_signature' });
    for (const garbage of ['', 'abc', `${header}.${payload}`, `${token}.x`, 'x'.repeat(5000)]) {
      expect(issuer.verify(garbage).ok).toBe(false);
    }
  });

  it('are read from a Bearer authorization header only', () => {
    expect(bearerToken('Bearer abc.def')).toBe('abc.def');
    expect(bearerToken('bearer abc')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});
