import { readFileSync } from 'node:fs';
import type restify from 'restify';
import type { LoadedKnowledgeBase } from '../../knowledge/knowledge-base.js';
import { initialsOf } from './brand-theme.js';
import { offlineBanner } from './offline-banner.js';
import { brandListPage, bundleMissingPage, notFoundPage, storefrontPage } from './pages.js';
import type { WebChatBundle } from './webchat-bundle.js';

export interface WebsiteDeps {
  kb: LoadedKnowledgeBase;
  bundle: WebChatBundle;
  now: () => Date;
}

// Only this service's own scripts run; Web Chat injects <style> elements, hence inline styles;
// the widget talks to this origin only (Chrome counts ws: to the same host as 'self').
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  // https: for a brand's own logo (brand.yaml theme.logo).
  "img-src 'self' data: blob: https:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
};

const asset = (name: string) => readFileSync(new URL(`./assets/${name}`, import.meta.url));

function sendPage(res: restify.Response, status: number, page: string): void {
  res.sendRaw(status, page, { ...SECURITY_HEADERS, 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' });
}

/** The demo website: the brand list, a storefront per brand, and the widget's scripts. */
export function registerWebsiteRoutes(server: restify.Server, deps: WebsiteDeps): void {
  const { kb } = deps;
  const brands = kb.brandIds.map((id) => ({ id, displayName: kb.brand(id).displayName, theme: kb.profile(id).theme.value }));
  const storefrontJs = asset('storefront.js');
  const storefrontCss = asset('storefront.css');

  server.get('/', async (_req, res) => {
    sendPage(res, 200, brandListPage(brands));
  });

  server.get('/brands/:brandId', async (req, res) => {
    const brandId: unknown = req.params?.brandId;
    if (!kb.hasBrand(brandId)) {
      return sendPage(res, 404, notFoundPage(`There is no storefront called "${String(brandId)}".`));
    }
    const displayName = kb.brand(brandId).displayName;
    sendPage(res, 200, storefrontPage({
      brand: brandId,
      displayName,
      initials: initialsOf(displayName),
      theme: kb.profile(brandId).theme.value,
      assistantName: kb.profile(brandId).assistantName.value,
      offline: offlineBanner(kb.profile(brandId), deps.now()),
    }));
  });

  server.get('/assets/storefront.js', async (_req, res) => {
    res.sendRaw(200, storefrontJs, { ...SECURITY_HEADERS, 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' });
  });
  server.get('/assets/storefront.css', async (_req, res) => {
    res.sendRaw(200, storefrontCss, { ...SECURITY_HEADERS, 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'no-cache' });
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
