import type { IncomingMessage } from 'node:http';
import type { BrandId } from '../../knowledge/brand-ids.js';
import { originsKeyOf } from './widget-config.js';

/**
 * Where a browser request comes from, as the widget's routes judge it (docs/widget.md):
 * - `none`: no `Origin` header, so no browser's cross-site call (curl, a server, a plain GET);
 * - `same`: one of Clasp's own pages (the storefronts, the embed frame);
 * - `allowed`: a site the brand lists in `allowedOrigins` (or ALLOWED_ORIGINS_<BRAND>);
 * - `refused`: any other site, or an opaque origin (`null`: a sandboxed frame, a file).
 */
export type OriginVerdict = { kind: 'none' } | { kind: 'same' } | { kind: 'allowed'; origin: string } | { kind: 'refused'; origin: string };

export interface OriginPolicy {
  /** The sites whose pages may show this brand's chat, besides Clasp's own. */
  originsOf(brand: BrandId): readonly string[];
  /**
   * The request's origin judged against `brand`'s sites, or with `brand` undefined against every
   * brand's (a Direct Line preflight carries no token, so no brand; the call itself is judged
   * against its token's).
   */
  check(req: IncomingMessage, brand: BrandId | undefined): OriginVerdict;
}

export interface OriginSources {
  brandIds: readonly BrandId[];
  /** The brand's `allowedOrigins` of brand.yaml (already normalised by its schema). */
  profileOrigins(brand: BrandId): readonly string[];
  /** ALLOWED_ORIGINS_<BRAND>: replaces the brand's own list. */
  overrides: Partial<Record<BrandId, readonly string[]>>;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Clasp's own page: the browser says so (`Sec-Fetch-Site`, which no page script can set), or the
 * origin names the host the request was sent to. The scheme is not compared, so the service
 * behind a TLS-terminating proxy still knows its own pages.
 */
function sameOrigin(req: IncomingMessage, origin: string): boolean {
  if (header(req, 'sec-fetch-site') === 'same-origin') return true;
  const host = header(req, 'host')?.toLowerCase();
  if (host === undefined) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export function createOriginPolicy(sources: OriginSources): OriginPolicy {
  const byBrand = new Map<BrandId, readonly string[]>(
    sources.brandIds.map((brand) => [brand, [...new Set(sources.overrides[brand] ?? sources.profileOrigins(brand))]]),
  );
  const anyBrand = new Set([...byBrand.values()].flat());
  return {
    originsOf: (brand) => byBrand.get(brand) ?? [],
    check(req, brand) {
      const origin = header(req, 'origin');
      if (origin === undefined) return { kind: 'none' };
      if (origin !== 'null' && sameOrigin(req, origin)) return { kind: 'same' };
      const allowed = brand === undefined ? anyBrand.has(origin) : (byBrand.get(brand) ?? []).includes(origin);
      return allowed ? { kind: 'allowed', origin } : { kind: 'refused', origin };
    },
  };
}

/** What a refused site is told: the same words on every route. */
export const ORIGIN_NOT_ALLOWED = 'origin_not_allowed';
export function originNotAllowedMessage(brand: BrandId | undefined): string {
  return brand === undefined
    ? 'This website is not allowed to show a Clasp chat: no store lists it in its allowedOrigins.'
    : `This website is not allowed to show the chat of "${brand}": add its origin to the store's allowedOrigins (brand.yaml) or ${originsKeyOf(brand)}.`;
}
