import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../bot/config.js';
import { isAllowedServiceUrl } from '../../bot/service-url-rule.js';

describe('isAllowedServiceUrl with the default loopback list', () => {
  const rules = loadConfig({}).allowedServiceUrls;
  it.each([
    ['http://localhost:3979', true],
    ['http://127.0.0.1:50000/', true],
    ['http://[::1]:8080', true],
    ['http://localhost.evil.example', false],
    ['http://evil.example/?http://localhost', false],
    ['https://localhost:3979', false],
    ['http://user:pass@localhost:3979', false],
    ['http://169.254.169.254/latest', false],
    ['not a url', false],
    [undefined, false],
  ])('%s → %s', (url, allowed) => {
    expect(isAllowedServiceUrl(url, rules)).toBe(allowed);
  });

  it('holds a configured port to that port', () => {
    const [rule] = loadConfig({ ALLOWED_SERVICE_URLS: 'https://chat.example.com:8443' }).allowedServiceUrls;
    expect(isAllowedServiceUrl('https://chat.example.com:8443/v3', [rule!])).toBe(true);
    expect(isAllowedServiceUrl('https://chat.example.com:9443/v3', [rule!])).toBe(false);
  });
});
