import { describe, expect, it } from 'vitest';
import { createClasp } from '../../bot/clasp.js';
import { ConfigError, loadConfig } from '../../bot/config.js';
import { createLogger } from '../../bot/logger.js';

describe('loadConfig', () => {
  it('runs the demo with no settings at all', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3978);
    // No DEFAULT_BRAND: the service picks the first brand folder (test/bot/http-contract.test.ts).
    expect(config.defaultBrand).toBeUndefined();
    expect(config.brandsDir).toBeUndefined();
    expect(config.auth.appId).toBeUndefined();
    expect(config.trustProxy).toEqual({ kind: 'none' });
    expect(config.allowedServiceUrls.map((rule) => rule.hostname)).toEqual(['localhost', '127.0.0.1', '[::1]']);
  });

  it('treats empty strings as unset, as a copied .env.example has them', () => {
    const config = loadConfig({ PORT: '', MicrosoftAppId: '', DEFAULT_BRAND: ' ', TRUST_PROXY: '' });
    expect(config.port).toBe(3978);
    expect(config.auth.appId).toBeUndefined();
    expect(config.defaultBrand).toBeUndefined();
  });

  it('reads every key it knows', () => {
    const config = loadConfig({
      PORT: '8080',
      DEFAULT_BRAND: 'generic-store',
      MicrosoftAppId: 'app-id',
      MicrosoftAppPassword: 'secret',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: 'tenant',
      ALLOWED_SERVICE_URLS: 'https://chat.example.com:8443, http://localhost',
      TRUST_PROXY: 'true',
      LOG_LEVEL: 'warn',
    });
    expect(config).toMatchObject({
      port: 8080,
      defaultBrand: 'generic-store',
      auth: { appId: 'app-id', appPassword: 'secret', appType: 'SingleTenant', tenantId: 'tenant' },
      trustProxy: { kind: 'hops', hops: 1 },
      logLevel: 'warn',
    });
    expect(config.allowedServiceUrls).toEqual([
      { protocol: 'https:', hostname: 'chat.example.com', port: '8443' },
      { protocol: 'http:', hostname: 'localhost', port: undefined },
    ]);
  });

  it('reports every bad key together, each by name', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DEFAULT_BRAND: 'Tiffany & Co', TRUST_PROXY: 'maybe', ALLOWED_SERVICE_URLS: 'not a url' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    for (const key of ['PORT', 'DEFAULT_BRAND', 'TRUST_PROXY', 'ALLOWED_SERVICE_URLS']) expect(message).toContain(key);
  });

  it('refuses to start with a DEFAULT_BRAND no brand folder is called', async () => {
    const config = loadConfig({ DEFAULT_BRAND: 'tiffany', LOG_LEVEL: 'silent' });
    const started = createClasp(config, { logger: createLogger({ logLevel: 'silent' }) });
    await expect(started).rejects.toBeInstanceOf(ConfigError);
    await expect(started).rejects.toThrow(/DEFAULT_BRAND: no brand folder is called "tiffany"/);
  });

  it('reads TRUST_PROXY as Express does: off, true (one hop), a hop count, or proxy addresses and CIDR ranges', () => {
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toEqual({ kind: 'none' });
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toEqual({ kind: 'none' });
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toEqual({ kind: 'hops', hops: 1 });
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toEqual({ kind: 'hops', hops: 2 });
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8, 2001:db8::/32' }).trustProxy).toEqual({ kind: 'addresses', addresses: ['loopback', '10.0.0.0/8', '2001:db8::/32'] });
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/99' })).toThrow(/TRUST_PROXY/);
  });

  it('bounds the conversations kept in memory and reads the Redis durability override', () => {
    expect(loadConfig({}).stateStore).toEqual({ kind: 'memory', maxConversations: 50_000, maxBytes: 256 * 1024 * 1024 });
    expect(loadConfig({ STATE_MAX_CONVERSATIONS: '10', STATE_MAX_MB: '1' }).stateStore).toEqual({ kind: 'memory', maxConversations: 10, maxBytes: 1024 * 1024 });
    expect(loadConfig({ STATE_STORE: 'redis', REDIS_URL: 'redis://127.0.0.1:6379' }).stateStore).toEqual({ kind: 'redis', url: 'redis://127.0.0.1:6379', acceptNonDurable: false });
    expect(loadConfig({ STATE_STORE: 'redis', REDIS_URL: 'redis://127.0.0.1:6379', REDIS_ACCEPT_NON_DURABLE: 'true' }).stateStore).toMatchObject({ acceptNonDurable: true });
    expect(loadConfig({ DIRECTLINE_MAX_MB: '2' }).widget.maxBytes).toBe(2 * 1024 * 1024);
  });

  it('refuses an app id without its password', () => {
    expect(() => loadConfig({ MicrosoftAppId: 'app-id' })).toThrow(/MicrosoftAppPassword/);
  });
});
