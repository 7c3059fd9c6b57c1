import type { BrandId } from '../../knowledge/brand-ids.js';
import type { BrandTheme } from './brand-theme.js';
import { html, type SafeHtml } from '../html.js';
import type { OfflineBanner } from './offline-banner.js';

// The demo website: a brand list and one simple storefront per brand with the chat widget.
// Scripts come only from this service (/webchat.js, /assets/storefront.js): the CSP forbids
// inline script, so the page hands the widget its settings in data- attributes.

function layout(title: string, body: SafeHtml, options: { accent?: string; tint?: string; scripts?: string[] } = {}): string {
  const style = html`--accent:${options.accent ?? '#333333'};--tint:${options.tint ?? '#f4f4f4'}`;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/storefront.css">
</head>
<body style="${style}">
${body}
${(options.scripts ?? []).map((src) => html`<script src="${src}" defer></script>\n`)}</body>
</html>
`.toString();
}

export interface BrandLink {
  id: BrandId;
  displayName: string;
  theme: BrandTheme;
}

export function brandListPage(brands: readonly BrandLink[]): string {
  return layout(
    'Clasp: demo storefronts',
    html`<header class="site"><span class="logo">Clasp</span></header>
<main class="brands">
<h1>Demo storefronts</h1>
<p>Each store below has Clasp in its chat widget, answering from that store's own policies.</p>
<ul>
${brands.map((brand) => html`<li><a href="/brands/${encodeURIComponent(brand.id)}" style="${html`--accent:${brand.theme.accent}`}"><strong>${brand.displayName}</strong><span>${brand.theme.tagline}</span></a></li>\n`)}</ul>
</main>`,
  );
}

export interface StorefrontPageModel {
  brand: BrandId;
  displayName: string;
  initials: string;
  theme: BrandTheme;
  assistantName: string;
  offline: OfflineBanner | null;
}

const PRODUCTS = ['Charm bracelet', 'Pendant necklace', 'Stud earrings', 'Stacking ring'];

export function storefrontPage(model: StorefrontPageModel): string {
  const { offline } = model;
  const banner = offline === null
    ? null
    : html`<p class="offline" role="status" data-testid="offline-banner">Our team is offline right now (support hours: ${offline.hours}).
 The assistant can still help: track an order, check a return, or leave a message for the team${offline.backAt === null ? '' : html`, who are back ${offline.backAt}`}.</p>`;
  return layout(
    `${model.displayName}: shop and support`,
    html`<header class="site with-chat"><a class="logo" href="/">${model.displayName}</a><nav><a href="/">All demo stores</a></nav></header>
<main class="store">
<section class="hero"><h1>${model.displayName}</h1><p>${model.theme.tagline}</p></section>
<section class="products" aria-label="Featured">
${PRODUCTS.map((product) => html`<div class="product"><div class="swatch"></div><span>${product}</span></div>\n`)}</section>
</main>
<aside class="chat" aria-label="Chat with ${model.displayName}">
<header>${model.theme.logo === undefined ? html`<span class="avatar">${model.initials}</span>` : html`<img class="avatar" src="${model.theme.logo}" alt="">`}<div><strong>${model.displayName}</strong><span>${model.assistantName}, support assistant</span></div></header>
${banner}
<div id="webchat" data-brand="${model.brand}" data-accent="${model.theme.accent}" data-initials="${model.initials}" data-display-name="${model.displayName}"></div>
<p class="chat-error" id="chat-error" hidden></p>
</aside>`,
    { accent: model.theme.accent, tint: model.theme.tint, scripts: ['/webchat.js', '/assets/storefront.js'] },
  );
}

export function notFoundPage(message: string): string {
  return layout('Not found', html`<header class="site"><a class="logo" href="/">Clasp</a></header>
<main class="message"><h1>Not found</h1><p>${message}</p><p><a href="/">See the demo storefronts</a></p></main>`);
}

export function bundleMissingPage(): string {
  return layout('Chat widget unavailable', html`<main class="message"><h1>The chat widget is not installed</h1>
<p>This server has no Web Chat bundle (var/webchat/webchat.js). It is fetched from the npm registry when dependencies are installed; run <code>npm run fetch:webchat</code> and reload.</p></main>`);
}
