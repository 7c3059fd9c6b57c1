import type { ServiceUrlRule } from './config.js';

/**
 * With auth off anyone can post an activity, so its serviceUrl is only trusted when it is on
 * the allow-list: the bot must never be made to call an address a caller chose.
 * Compared as parsed URLs, never as string prefixes ("http://localhost.evil.example").
 */
export function isAllowedServiceUrl(serviceUrl: string | undefined, rules: readonly ServiceUrlRule[]): boolean {
  if (serviceUrl === undefined) return false;
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return false;
  }
  if (url.username !== '' || url.password !== '') return false;
  return rules.some(
    (rule) => rule.protocol === url.protocol && rule.hostname === url.hostname && (rule.port === undefined || rule.port === url.port),
  );
}
