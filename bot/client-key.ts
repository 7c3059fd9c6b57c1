import { isIPv4, isIPv6 } from 'node:net';

// One client, as the per-client bounds count it (the widget's live conversations in
// bot/directline/, its conversation starts). An IPv4 address is one client; an IPv6 subscriber is
// normally given a whole /64 and can pick any address in it, so the /64 is the client, or one
// visitor would count as 2^64.

const MAPPED = '::ffff:';

/** The 16-bit groups of an IPv6 address (already checked by isIPv6), an embedded IPv4 tail read as two groups. */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase();
  const tail: number[] = [];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1] !== undefined) {
    const [a = 0, b = 0, c = 0, d = 0] = dotted[1].split('.').map(Number);
    tail.push((a << 8) | b, (c << 8) | d);
    text = text.slice(0, -dotted[1].length);
    // "::ffff:1.2.3.4" leaves "::ffff:", "1::1.2.3.4" leaves "1::": drop the separator, keep "::".
    if (text.endsWith(':') && !text.endsWith('::')) text = text.slice(0, -1);
  }
  const [head = '', rest] = text.split('::');
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((group) => parseInt(group, 16)));
  const front = parse(head);
  const back = [...parse(rest ?? ''), ...tail];
  const missing = rest === undefined ? 0 : 8 - front.length - back.length;
  return [...front, ...new Array<number>(missing).fill(0), ...back];
}

/**
 * The key a client's bounds count under: an IPv4 address as it is, an IPv4-mapped IPv6 address
 * (`::ffff:a.b.c.d`, what a dual-stack socket reports for an IPv4 peer) as that IPv4 address,
 * any other IPv6 address as its /64 (`2001:db8:1:2::/64`). Anything else (`unknown`) is returned
 * unchanged.
 */
export function clientKeyOf(address: string): string {
  if (isIPv4(address)) return address;
  // The common case first (every limit asks, on every turn): a dual-stack socket's IPv4 peer.
  if (address.slice(0, MAPPED.length).toLowerCase() === MAPPED && isIPv4(address.slice(MAPPED.length))) return address.slice(MAPPED.length);
  // A zone index ("%eth0") names an interface of this machine, not the client.
  const bare = address.split('%')[0] ?? address;
  if (!isIPv6(bare)) return address;
  const groups = ipv6Groups(bare);
  const mapped = groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
  if (mapped) {
    const [high = 0, low = 0] = groups.slice(6);
    return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
  }
  return `${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(':')}::/64`;
}
