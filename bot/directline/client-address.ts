import type { IncomingMessage } from 'node:http';

/**
 * The socket's address, or the proxy's word for it only when the operator says a proxy is
 * there (TRUST_PROXY): otherwise any visitor could pick the address its limits count against.
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const header = req.headers['x-forwarded-for'];
    const forwarded = Array.isArray(header) ? header[0] : header;
    const first = forwarded?.split(',')[0]?.trim();
    if (first) return first;
  }
  return req.socket.remoteAddress ?? 'unknown';
}

/** The scheme and host the visitor used, for the absolute stream URL Web Chat opens. */
export function publicOrigin(req: IncomingMessage, trustProxy: boolean, scheme: 'http' | 'ws'): string | undefined {
  const forwardedProto = trustProxy ? String(req.headers['x-forwarded-proto'] ?? '').split(',')[0]?.trim() : undefined;
  const secure = forwardedProto === 'https' || ('encrypted' in req.socket && req.socket.encrypted === true);
  const host = req.headers.host;
  // A Host header is echoed back only to the visitor who sent it, but keep it to host[:port].
  if (host === undefined || !/^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host)) return undefined;
  return `${scheme}${secure ? 's' : ''}://${host}`;
}
