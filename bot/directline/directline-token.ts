import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { BrandId } from '../../knowledge/brand-ids.js';

/** What a widget token grants: one conversation of one brand, for one visitor, until `expiresAt`. */
export interface TokenGrant {
  conversationId: string;
  brand: BrandId;
  /** The visitor's id in the conversation (the bot sees it as `from.id`). */
  user: string;
  /** Seconds since the epoch. */
  issuedAt: number;
  expiresAt: number;
}

export type TokenCheck = { ok: true; grant: TokenGrant } | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' };

export interface TokenIssuer {
  issue(grant: Pick<TokenGrant, 'conversationId' | 'brand' | 'user'>): { token: string; grant: TokenGrant };
  verify(token: string): TokenCheck;
  readonly ttlSeconds: number;
}

// A JWT (HS256) so the format is one every tool can read; only this service can mint or check it.
const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
const ISSUER = 'clasp';
const MAX_TOKEN_LENGTH = 2048;

/**
 * Signs and checks widget tokens with HMAC-SHA256. `secret` comes from DIRECTLINE_SECRET; the
 * caller passes a random one when it is unset (tokens then die with the process).
 */
export function createTokenIssuer(options: { secret: Buffer | string; ttlSeconds: number; now: () => Date }): TokenIssuer {
  const key = typeof options.secret === 'string' ? Buffer.from(options.secret, 'utf8') : options.secret;
  const sign = (input: string) => createHmac('sha256', key).update(input).digest();
  const nowSeconds = () => Math.floor(options.now().getTime() / 1000);

  return {
    ttlSeconds: options.ttlSeconds,
    issue({ conversationId, brand, user }) {
      const issuedAt = nowSeconds();
      const grant: TokenGrant = { conversationId, brand, user, issuedAt, expiresAt: issuedAt + options.ttlSeconds };
      const payload = base64url(JSON.stringify({ iss: ISSUER, conv: conversationId, brand, sub: user, iat: issuedAt, exp: grant.expiresAt, jti: randomBytes(8).toString('base64url') }));
      const signingInput = `${HEADER}.${payload}`;
      return { token: `${signingInput}.${sign(signingInput).toString('base64url')}`, grant };
    },
    verify(token) {
      if (token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'malformed' };
      const [header, payload, signature, ...rest] = token.split('.');
      if (header !== HEADER || payload === undefined || signature === undefined || rest.length > 0) return { ok: false, reason: 'malformed' };
      const expected = sign(`${header}.${payload}`);
      const given = Buffer.from(signature, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad_signature' };
      const grant = parseGrant(payload);
      if (grant === undefined) return { ok: false, reason: 'malformed' };
      if (nowSeconds() >= grant.expiresAt) return { ok: false, reason: 'expired' };
      return { ok: true, grant };
    },
  };
}

function parseGrant(payload: string): TokenGrant | undefined {
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof claims !== 'object' || claims === null) return undefined;
  const { iss, conv, brand, sub, iat, exp } = claims as Record<string, unknown>;
  if (iss !== ISSUER || typeof conv !== 'string' || typeof brand !== 'string' || typeof sub !== 'string') return undefined;
  if (typeof iat !== 'number' || typeof exp !== 'number') return undefined;
  return { conversationId: conv, brand, user: sub, issuedAt: iat, expiresAt: exp };
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

/** Reads `Authorization: Bearer <token>`; undefined when absent or another scheme. */
export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match?.[1];
}
