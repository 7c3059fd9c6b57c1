import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';

/**
 * Which proxies in front of Clasp may speak for the client (TRUST_PROXY): none, the nearest
 * `hops` of them, or those at these addresses (IPs, CIDR ranges, or proxy-addr's names
 * `loopback`, `linklocal`, `uniquelocal`).
 */
export type TrustProxy = { kind: 'none' } | { kind: 'hops'; hops: number } | { kind: 'addresses'; addresses: string[] };

type TrustFunction = (address: string, hop: number) => boolean;

const compiled = new WeakMap<TrustProxy, TrustFunction>();

function trustOf(trust: TrustProxy): TrustFunction {
  const known = compiled.get(trust);
  if (known !== undefined) return known;
  const fn: TrustFunction =
    trust.kind === 'none' ? () => false : trust.kind === 'hops' ? (_address, hop) => hop < trust.hops : proxyaddr.compile(trust.addresses);
  compiled.set(trust, fn);
  return fn;
}

/** Throws unless every entry is an IP address, a CIDR range or one of proxy-addr's names. */
export function checkTrustedAddresses(addresses: string[]): void {
  proxyaddr.compile(addresses);
}

/**
 * The client's address: the socket's, or with trusted proxies in front, the right-most address
 * of X-Forwarded-For that no trusted proxy wrote. Proxies append the address they saw, so the
 * entries to the left are whatever the client sent and are never believed: a client cannot pick
 * the address its limits count against.
 */
export function clientAddress(req: IncomingMessage, trust: TrustProxy): string {
  if (trust.kind === 'none') return req.socket.remoteAddress ?? 'unknown';
  return proxyaddr(req, trustOf(trust)) || (req.socket.remoteAddress ?? 'unknown');
}

/** The scheme and host the visitor used, for the absolute stream URL Web Chat opens. */
export function publicOrigin(req: IncomingMessage, trust: TrustProxy, scheme: 'http' | 'ws'): string | undefined {
  // X-Forwarded-Proto counts only when the socket itself is a trusted proxy.
  const proxied = trust.kind !== 'none' && trustOf(trust)(req.socket.remoteAddress ?? '', 0);
  const forwardedProto = proxied ? String(req.headers['x-forwarded-proto'] ?? '').split(',')[0]?.trim() : undefined;
  const secure = forwardedProto === 'https' || ('encrypted' in req.socket && req.socket.encrypted === true);
  const host = req.headers.host;
  // A Host header is echoed back only to the visitor who sent it, but keep it to host[:port].
  if (host === undefined || !/^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host)) return undefined;
  return `${scheme}${secure ? 's' : ''}://${host}`;
}
