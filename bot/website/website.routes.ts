import { readFileSync } from 'node:fs';
import type restify from 'restify';
import type { LoadedKnowledgeBase } from '../../knowledge/knowledge-base.js';
import type { OriginPolicy } from '../directline/allowed-origins.js';
import { initialsOf } from './brand-theme.js';
import { offlineBanner } from './offline-banner.js';
import { brandListPage, bundleMissingPage, embedFramePage, notFoundPage, storefrontPage } from './pages.js';
import type { WebChatBundle } from './webchat-bundle.js';

export interface WebsiteDeps {
  kb: LoadedKnowledgeBase;
  bundle: WebChatBundle;
  /** Which sites may frame each brand's chat (its `allowedOrigins`). */
  origins: OriginPolicy;
  now: () => Date;
}

// Only this service's own scripts run; Web Chat injects <style> elements, hence inline styles;
// the widget talks to this origin only (Chrome counts ws: to the same host as 'self').
const POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  // https: for a brand's own logo (brand.yaml theme.logo).
  "img-src 'self' data: blob: https:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
];

/** The storefronts' policy: they frame only the chat (from here), and nobody frames them. */
export const CONTENT_SECURITY_POLICY = [...POLICY, "frame-src 'self'", "frame-ancestors 'none'"].join('; ');

/**
 * The chat frame's policy: framed by Clasp's own pages and the brand's allowed sites only
 * (docs/widget.md). Origins are checked by their schema, so none can add a directive.
 */
export function embedFramePolicy(parents: readonly string[]): string {
  return [...POLICY, "frame-src 'none'", `frame-ancestors ${["'self'", ...parents].join(' ')}`].join('; ');
}

const BASE_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
};

const SECURITY_HEADERS: Record<string, string> = {
  ...BASE_HEADERS,
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Frame-Options': 'DENY',
};

const asset = (name: string) => readFileSync(new URL(`./assets/${name}`, import.meta.url));

function sendPage(res: restify.Response, status: number, page: string, headers: Record<string, string> = SECURITY_HEADERS): void {
  res.sendRaw(status, page, { ...headers, 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' });
}

function sendAsset(res: restify.Response, body: Buffer, type: string, extra: Record<string, string> = {}): void {
  res.sendRaw(200, body, { ...SECURITY_HEADERS, 'Content-Type': `${type}; charset=utf-8`, 'Cache-Control': 'no-cache', ...extra });
}

/** The demo's `?transport=polling` (no WebSocket), passed on to the chat; anything else is ignored. */
function transportOf(req: restify.Request): 'polling' | undefined {
  return new URL(req.url ?? '/', 'http://localhost').searchParams.get('transport') === 'polling' ? 'polling' : undefined;
}

/**
 * The demo website (the brand list and a storefront per brand), the embed tag's script
 * (/embed.js), the chat frame it opens (/embed/<brand>), and the chat's scripts.
 */
export function registerWebsiteRoutes(server: restify.Server, deps: WebsiteDeps): void {
  const { kb, origins } = deps;
  const brands = kb.brandIds.map((id) => ({ id, displayName: kb.brand(id).displayName, theme: kb.profile(id).theme.value }));
  const embedJs = asset('embed.js');
  const frameJs = asset('embed-frame.js');
  const frameCss = asset('embed-frame.css');
  const storefrontCss = asset('storefront.css');

  server.get('/', async (_req, res) => {
    sendPage(res, 200, brandListPage(brands));
  });

  server.get('/brands/:brandId', async (req, res) => {
    const brandId: unknown = req.params?.brandId;
    if (!kb.hasBrand(brandId)) {
      return sendPage(res, 404, notFoundPage(`There is no storefront called "${String(brandId)}".`));
    }
    sendPage(res, 200, storefrontPage({
      brand: brandId,
      displayName: kb.brand(brandId).displayName,
      theme: kb.profile(brandId).theme.value,
      assistantName: kb.profile(brandId).assistantName.value,
      transport: transportOf(req),
    }));
  });

  server.get('/embed/:brandId', async (req, res) => {
    const brandId: unknown = req.params?.brandId;
    if (!kb.hasBrand(brandId)) {
      return sendPage(res, 404, notFoundPage(`There is no store called "${String(brandId)}".`));
    }
    const displayName = kb.brand(brandId).displayName;
    const parents = origins.originsOf(brandId);
    // No X-Frame-Options: it cannot name several sites; frame-ancestors does (and overrides it).
    sendPage(
      res,
      200,
      embedFramePage({
        brand: brandId,
        displayName,
        initials: initialsOf(displayName),
        theme: kb.profile(brandId).theme.value,
        assistantName: kb.profile(brandId).assistantName.value,
        offline: offlineBanner(kb.profile(brandId), deps.now()),
        parents,
      }),
      { ...BASE_HEADERS, 'Content-Security-Policy': embedFramePolicy(parents) },
    );
  });

  // The one script a store's pages load, from any site: it shows nothing unless the frame, which
  // only the brand's allowed sites may embed, answers (docs/widget.md).
  server.get('/embed.js', async (_req, res) => {
    sendAsset(res, embedJs, 'text/javascript', { 'Cache-Control': 'public, max-age=300', 'Cross-Origin-Resource-Policy': 'cross-origin' });
  });
  server.get('/assets/embed-frame.js', async (_req, res) => {
    sendAsset(res, frameJs, 'text/javascript');
  });
  server.get('/assets/embed-frame.css', async (_req, res) => {
    sendAsset(res, frameCss, 'text/css');
  });
  server.get('/assets/storefront.css', async (_req, res) => {
    sendAsset(res, storefrontCss, 'text/css');
  });

  server.get('/webchat.js', async (req, res) => {
    const bundle = deps.bundle.get();
    if (bundle === undefined) return sendPage(res, 503, bundleMissingPage());
    const headers: Record<string, string> = {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'public, max-age=3600',
      ETag: bundle.etag,
      Vary: 'Accept-Encoding',
    };
    if (req.header('if-none-match') === bundle.etag) return res.sendRaw(304, '', headers);
    const gzip = /\bgzip\b/.test(req.header('accept-encoding') ?? '');
    res.sendRaw(200, gzip ? bundle.gzip : bundle.raw, gzip ? { ...headers, 'Content-Encoding': 'gzip' } : headers);
  });
}
