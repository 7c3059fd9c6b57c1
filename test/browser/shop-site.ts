import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// A store's own website on another origin than Clasp's: two plain pages carrying the one embed
// tag a store adds (docs/widget.md), as a browser test or the screenshot script needs it. The
// page's address uses `hostname` (default `localhost`, another site than Clasp's 127.0.0.1).

export interface ShopSite {
  /** The site's origin, e.g. http://localhost:40123. */
  url: string;
  close(): Promise<void>;
}

export const SHOP_PAGES: Readonly<Record<string, string>> = {
  '/': 'Statement earrings | Sample Shop',
  '/checkout': 'Checkout | Sample Shop',
};

function shopPage(title: string, claspUrl: string, brand: string): string {
  const escape = (text: string) => text.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>
  body { margin: 0; font: 16px/1.5 Georgia, serif; color: #2b2b2b; background: #fbf8f4; }
  header { display: flex; justify-content: space-between; align-items: center; padding: 16px 28px; border-bottom: 1px solid #e8e0d6; background: #fff; }
  header strong { font-size: 22px; letter-spacing: .04em; }
  nav a { margin-left: 18px; color: #2b2b2b; }
  main { max-width: 980px; margin: 0 auto; padding: 24px 28px 120px; }
  .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(180px, 1fr)); gap: 18px; }
  .item { background: #fff; border: 1px solid #eee4d8; border-radius: 6px; padding: 12px; }
  .item div { height: 150px; border-radius: 4px; background: linear-gradient(135deg, #f1e4d3, #fff 60%, #ead8c2); margin-bottom: 8px; }
  nav button { margin-left: 18px; padding: 6px 14px; border: 0; border-radius: 0; background: #2b2b2b; color: #fff; font: inherit; }
  /* A page's own rules never reach the chat: it lives in its element's shadow root (and frame). */
  button { background: #2b2b2b !important; }
  iframe, [role="dialog"] { display: none !important; }
</style>
</head>
<body>
<header><strong>Sample Shop</strong><nav><a href="/">Earrings</a><a href="/checkout">Checkout</a><button type="button">Sign in</button></nav></header>
<main>
<h1>${escape(title.split(' | ')[0] ?? title)}</h1>
<div class="grid">
<div class="item"><div></div>Elle gold drop earrings</div>
<div class="item"><div></div>Lee stud earrings</div>
<div class="item"><div></div>Davie huggie earrings</div>
<div class="item"><div></div>Sophia hoop earrings</div>
</div>
</main>
<script src="${escape(claspUrl)}/embed.js" data-brand="${escape(brand)}" async></script>
</body>
</html>
`;
}

/**
 * Starts the site on a free loopback port. `claspUrl` is read per request, so the site can start
 * before Clasp (whose brand profile must name the site's origin).
 */
export async function startShopSite(options: { brand: string; claspUrl: () => string; hostname?: string }): Promise<ShopSite> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const title = SHOP_PAGES[path];
    if (title === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(shopPage(title, options.claspUrl(), options.brand));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.hostname ?? 'localhost'}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
