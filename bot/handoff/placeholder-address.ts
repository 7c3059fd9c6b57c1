// Whether an email address is a placeholder no real team reads: the demo profiles ship
// `support@<brand>.example` for the brands whose documents print no inbox (README, "Operator
// settings"), and a handoff sent there reaches nobody. The domains are the ones reserved for
// examples and tests: example.com, example.org and example.net (and their subdomains), the
// .example, .test, .invalid and .localhost names, and localhost itself.

const RESERVED_DOMAINS = ['example.com', 'example.org', 'example.net', 'localhost'];
const RESERVED_TOP_LEVEL = ['example', 'test', 'invalid', 'localhost'];

/** `support@generic-store.example` → true; `support@kendrascottmall.com` → false. */
export function isPlaceholderAddress(address: string): boolean {
  const at = address.lastIndexOf('@');
  // A trailing dot names the same domain ("example.com." is example.com).
  const domain = (at === -1 ? address : address.slice(at + 1)).trim().toLowerCase().replace(/\.$/, '');
  if (domain === '') return true;
  if (RESERVED_DOMAINS.some((reserved) => domain === reserved || domain.endsWith(`.${reserved}`))) return true;
  const topLevel = domain.slice(domain.lastIndexOf('.') + 1);
  return RESERVED_TOP_LEVEL.includes(topLevel);
}
