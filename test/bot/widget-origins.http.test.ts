import { mkdtempSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../bot/config.js';
import { readWidgetConfig } from '../../bot/directline/widget-config.js';
import { BrandSettingsError, DEFAULT_BRANDS_DIR, readBrandFolder } from '../../knowledge/brands/brand-folders.js';
import { WebOriginSchema } from '../../knowledge/brands/brand-profile.schema.js';
import { BRAND_PROFILES } from '../support/brands.js';
import { startWidgetServer, type RunningWidget } from '../support/widget-server.js';
import { activitiesPath, call, pollUntil, botMessages } from './directline/directline-client.js';

// Which websites may show a brand's chat (docs/widget.md): the brand's `allowedOrigins` (brand.yaml)
// or ALLOWED_ORIGINS_<BRAND>. The token and Direct Line routes answer those sites' CORS
// preflights and calls; any other site gets a 403 and nothing it may read; the chat frame may be
// framed by them only.

const SHOP = 'https://shop.kendrascott.example';
const OTHER_SHOP = 'https://generic.example:8443';
const STRANGER = 'https://evil.example';

let app: RunningWidget;
beforeAll(async () => {
  const profile = BRAND_PROFILES['kendra-scott-mall'];
  const profiles = { ...BRAND_PROFILES, 'kendra-scott-mall': { ...profile, allowedOrigins: { operatorSetting: true as const, value: [SHOP], note: 'test' } } };
  app = await startWidgetServer({ ALLOWED_ORIGINS_GENERIC_STORE: `${OTHER_SHOP}, http://localhost:8080/` }, { profiles });
});
afterAll(async () => {
  await app?.close();
});

const preflight = (path: string, origin: string, method = 'POST', headers = 'authorization,content-type,x-ms-bot-agent') =>
  fetch(`${app.url}${path}`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': headers } });

async function tokenFrom(origin: string | undefined, brand = 'kendra-scott-mall') {
  return call(app.url, 'POST', `/api/brands/${brand}/token`, { headers: origin === undefined ? {} : { origin } });
}

describe('CORS preflights (OPTIONS), once 405', () => {
  it('answers the token route for a site the brand lists: 204, its origin echoed, Vary: Origin, the methods and headers', async () => {
    const response = await preflight('/api/brands/kendra-scott-mall/token', SHOP);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(SHOP);
    expect(response.headers.get('vary')).toMatch(/\bOrigin\b/);
    expect(response.headers.get('access-control-allow-methods')).toBe('POST, OPTIONS');
    expect(response.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    expect(response.headers.get('access-control-allow-headers')).toMatch(/Content-Type/);
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(Number(response.headers.get('access-control-max-age'))).toBeGreaterThan(0);
  });

  it('refuses any other site with a 403 it may not read', async () => {
    for (const origin of [STRANGER, 'null', 'http://shop.kendrascott.example', `${SHOP}:444`]) {
      const response = await preflight('/api/brands/kendra-scott-mall/token', origin);
      expect(response.status, origin).toBe(403);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      expect(await response.json()).toMatchObject({ error: 'origin_not_allowed', message: expect.stringContaining('allowedOrigins') });
    }
  });

  it('judges each brand by its own list', async () => {
    expect((await preflight('/api/brands/generic-store/token', SHOP)).status).toBe(403);
    expect((await preflight('/api/brands/generic-store/token', OTHER_SHOP)).status).toBe(204);
    // ALLOWED_ORIGINS_<BRAND> entries are normalised like brand.yaml's: no trailing slash.
    expect((await preflight('/api/brands/generic-store/token', 'http://localhost:8080')).status).toBe(204);
    expect((await preflight('/api/brands/no-such-store/token', SHOP)).status).toBe(404);
  });

  it('answers the Direct Line routes for any brand’s site (a preflight carries no token, so no brand), Web Chat’s headers allowed', async () => {
    for (const [path, method] of [
      ['/v3/directline/conversations', 'POST'],
      ['/v3/directline/conversations/abc', 'GET'],
      ['/v3/directline/conversations/abc/activities', 'POST'],
      ['/v3/directline/tokens/refresh', 'POST'],
    ] as const) {
      const allowed = await preflight(path, SHOP, method);
      expect(allowed.status, path).toBe(204);
      expect(allowed.headers.get('access-control-allow-origin')).toBe(SHOP);
      expect(allowed.headers.get('access-control-allow-methods')).toContain(method);
      expect(allowed.headers.get('access-control-allow-headers')).toMatch(/x-ms-bot-agent/i);
      expect((await preflight(path, STRANGER, method)).status, path).toBe(403);
    }
  });

  it('answers a plain OPTIONS (no Origin) with the methods allowed instead of 405', async () => {
    const response = await fetch(`${app.url}/api/brands/kendra-scott-mall/token`, { method: 'OPTIONS' });
    expect(response.status).toBe(204);
    expect(response.headers.get('allow')).toBe('POST, OPTIONS');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('the calls themselves', () => {
  it('gives a listed site a token it may read', async () => {
    const minted = await tokenFrom(SHOP);
    expect(minted.status).toBe(200);
    expect(minted.headers.get('access-control-allow-origin')).toBe(SHOP);
    expect(minted.headers.get('vary')).toMatch(/\bOrigin\b/);
    expect(minted.headers.get('access-control-expose-headers')).toMatch(/Retry-After/);
  });

  it('gives any other site no token: 403 with a clear JSON error, like the API’s others', async () => {
    const before = app.widget.log.usage()?.conversations;
    for (const origin of [STRANGER, 'null', OTHER_SHOP]) {
      const refused = await tokenFrom(origin);
      expect(refused.status, origin).toBe(403);
      expect(refused.body).toEqual({ error: 'origin_not_allowed', message: expect.stringMatching(/not allowed to show the chat of "kendra-scott-mall".*allowedOrigins.*ALLOWED_ORIGINS_KENDRA_SCOTT_MALL/) });
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();
      expect(refused.headers.get('content-type')).toMatch(/application\/json/);
    }
    // No conversation was opened for them.
    expect(app.widget.log.usage()?.conversations).toBe(before);
  });

  it('still serves Clasp’s own pages (same origin) and clients that are no browser (no Origin)', async () => {
    expect((await tokenFrom(undefined)).status).toBe(200);
    expect((await tokenFrom(app.url)).status).toBe(200);
    const ownPage = await call(app.url, 'POST', '/api/brands/kendra-scott-mall/token', { headers: { origin: 'https://clasp.example', 'sec-fetch-site': 'same-origin' } });
    expect(ownPage.status).toBe(200);
    // Same host behind a TLS-terminating proxy: the scheme differs, the host is Clasp's.
    const behindProxy = await call(app.url, 'POST', '/api/brands/kendra-scott-mall/token', { headers: { origin: app.url.replace('http:', 'https:') } });
    expect(behindProxy.status).toBe(200);
    expect(ownPage.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets a listed site hold a whole conversation, every answer readable by it', async () => {
    const headers = { origin: SHOP };
    const minted = await tokenFrom(SHOP);
    const started = await call(app.url, 'POST', '/v3/directline/conversations', { token: minted.body.token, headers });
    expect(started.status).toBe(201);
    expect(started.headers.get('access-control-allow-origin')).toBe(SHOP);
    const greeted = await pollUntil(app.url, started.body, (activities) => botMessages(activities).length > 0);
    const posted = await call(app.url, 'POST', activitiesPath(started.body.conversationId), {
      token: started.body.token,
      headers,
      body: { type: 'message', text: 'how long do refunds take?', channelData: { clientActivityID: 'c1' } },
    });
    expect(posted.status).toBe(200);
    expect(posted.headers.get('access-control-allow-origin')).toBe(SHOP);
    const read = await call(app.url, 'GET', activitiesPath(started.body.conversationId, greeted.watermark), { token: started.body.token, headers });
    expect(read.status).toBe(200);
    expect(read.headers.get('access-control-allow-origin')).toBe(SHOP);
    const refreshed = await call(app.url, 'POST', '/v3/directline/tokens/refresh', { token: started.body.token, headers });
    expect(refreshed.status).toBe(200);
    expect(refreshed.headers.get('access-control-allow-origin')).toBe(SHOP);
    // A 401 is readable too, so Web Chat can tell an expired token from a network failure.
    const unauthorized = await call(app.url, 'GET', activitiesPath(started.body.conversationId), { token: 'nope', headers });
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get('access-control-allow-origin')).toBe(SHOP);
  });

  it('refuses a token on another brand’s site, and on a stranger’s', async () => {
    const minted = await tokenFrom(undefined);
    for (const origin of [OTHER_SHOP, STRANGER]) {
      const started = await call(app.url, 'POST', '/v3/directline/conversations', { token: minted.body.token, headers: { origin } });
      expect(started.status, origin).toBe(403);
      expect(started.body).toMatchObject({ error: 'origin_not_allowed' });
    }
  });

  it('opens the WebSocket stream for Clasp’s pages and the brand’s sites only', async () => {
    const minted = await tokenFrom(undefined);
    const started = await call(app.url, 'POST', '/v3/directline/conversations', { token: minted.body.token });
    const connect = (origin: string) =>
      new Promise<number>((resolve) => {
        const socket = new WebSocket(started.body.streamUrl, { origin });
        socket.on('open', () => {
          socket.close();
          resolve(101);
        });
        socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
        socket.on('error', () => resolve(0));
      });
    expect(await connect(SHOP)).toBe(101);
    expect(await connect(app.url)).toBe(101);
    expect(await connect(STRANGER)).toBe(403);
    expect(await connect(OTHER_SHOP)).toBe(403);
  });
});

describe('the chat frame', () => {
  it('may be framed by Clasp’s own pages and the brand’s sites only', async () => {
    const frame = await fetch(`${app.url}/embed/kendra-scott-mall`);
    expect(frame.headers.get('content-security-policy')).toContain(`frame-ancestors 'self' ${SHOP}`);
    expect(await frame.text()).toContain(`data-parents="${SHOP}"`);
    const generic = await fetch(`${app.url}/embed/generic-store`);
    expect(generic.headers.get('content-security-policy')).toContain(`frame-ancestors 'self' ${OTHER_SHOP} http://localhost:8080`);
    // Default: no site but Clasp's own.
    const artisan = await fetch(`${app.url}/embed/james-avery-artisan`);
    expect(artisan.headers.get('content-security-policy')).toMatch(/frame-ancestors 'self'(;|$)/);
  });
});

describe('allowedOrigins settings', () => {
  it('take an origin: scheme, host and optional port, no path', () => {
    expect(WebOriginSchema.parse('https://Shop.Example.com')).toBe('https://shop.example.com');
    expect(WebOriginSchema.parse('https://shop.example.com/')).toBe('https://shop.example.com');
    expect(WebOriginSchema.parse('https://shop.example.com:443')).toBe('https://shop.example.com');
    expect(WebOriginSchema.parse('http://localhost:8080')).toBe('http://localhost:8080');
    expect(WebOriginSchema.parse('http://[::1]:3000')).toBe('http://[::1]:3000');
    for (const bad of ['shop.example.com', 'https://shop.example.com/chat', 'https://shop.example.com?x=1', 'https://shop.example.com#top', 'ftp://shop.example.com', 'https://user:pw@shop.example.com', '*', "https://a.example 'unsafe-inline'", 'https://a.example;script-src *']) {
      expect(WebOriginSchema.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('in brand.yaml: an operator setting, default empty, a bad origin stopping start-up with its line', () => {
    const work = mkdtempSync(join(tmpdir(), 'clasp-origins-'));
    try {
      const folder = join(work, 'generic-store');
      cpSync(join(DEFAULT_BRANDS_DIR, 'generic-store'), folder, { recursive: true });
      expect(readBrandFolder(folder, 'generic-store').defaulted).toContain('allowedOrigins');
      writeFileSync(join(folder, 'brand.yaml'), 'allowedOrigins:\n  operatorSetting: true\n  value:\n    - https://shop.example.com/chat\n  note: our shop\n');
      let error: unknown;
      try {
        readBrandFolder(folder, 'generic-store');
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(BrandSettingsError);
      expect((error as BrandSettingsError).problems).toEqual([
        expect.objectContaining({ line: 4, field: 'allowedOrigins.value.0', message: expect.stringContaining('no path') }),
      ]);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('ALLOWED_ORIGINS_<BRAND>: comma-separated origins, each problem named with its key', () => {
    expect(readWidgetConfig({ ALLOWED_ORIGINS_KENDRA_SCOTT_MALL: ' https://a.example , https://b.example:8443/ ', ALLOWED_ORIGINS_GENERIC_STORE: '' }).config?.allowedOrigins).toEqual({
      'kendra-scott-mall': ['https://a.example', 'https://b.example:8443'],
    });
    expect(() => loadConfig({ ALLOWED_ORIGINS_KENDRA_SCOTT_MALL: 'https://a.example/chat, nope' })).toThrow(
      /ALLOWED_ORIGINS_KENDRA_SCOTT_MALL: "https:\/\/a\.example\/chat": expected an origin[\s\S]*ALLOWED_ORIGINS_KENDRA_SCOTT_MALL: "nope": expected an origin/,
    );
  });
});
