import type { BrandId } from '../../knowledge/brand-ids.js';
import type { BrandTheme } from './brand-theme.js';
import { html, type SafeHtml } from '../html.js';
import type { OfflineBanner } from './offline-banner.js';

// The demo website: a brand list and one simple storefront per brand carrying the chat's embed
// tag, and the chat frame that tag opens (/embed/<brand>). Scripts come only from this service
// (/embed.js, /assets/embed-frame.js, /webchat.js): the CSP forbids inline script, so pages hand
// the scripts their settings in data- attributes.

function layout(title: string, body: SafeHtml, options: { accent?: string; tint?: string } = {}): string {
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
</body>
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
  theme: BrandTheme;
  assistantName: string;
  /** `polling`: the chat reads replies by polling, never a WebSocket (demo and bench only). */
  transport?: 'polling';
}

const PRODUCTS = ['Charm bracelet', 'Pendant necklace', 'Stud earrings', 'Stacking ring'];

/**
 * A demo storefront: a plain shop page carrying the chat with the same one tag a store puts on
 * its own site (docs/widget.md), so the demo is what stores get.
 */
export function storefrontPage(model: StorefrontPageModel): string {
  return layout(
    `${model.displayName}: shop and support`,
    html`<header class="site"><a class="logo" href="/">${model.displayName}</a><nav><a href="/">All demo stores</a></nav></header>
<main class="store">
<section class="hero"><h1>${model.displayName}</h1><p>${model.theme.tagline}</p></section>
<section class="products" aria-label="Featured">
${PRODUCTS.map((product) => html`<div class="product"><div class="swatch"></div><span>${product}</span></div>\n`)}</section>
<p class="chat-hint">Questions about an order, a return or a policy? ${model.assistantName}, support assistant, answers in the chat: the button at the bottom right of the page.</p>
</main>
<script src="/embed.js" data-brand="${model.brand}"${model.transport === undefined ? '' : html` data-transport="${model.transport}"`} async></script>`,
    { accent: model.theme.accent, tint: model.theme.tint },
  );
}

export interface EmbedFrameModel {
  brand: BrandId;
  displayName: string;
  initials: string;
  theme: BrandTheme;
  assistantName: string;
  offline: OfflineBanner | null;
  /** The sites whose pages may frame this one and talk to it (besides Clasp's own). */
  parents: readonly string[];
}

const CLOSE_ICON = html`<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false"><path d="M6 6l12 12M18 6L6 18" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" fill="none"/></svg>`;

/**
 * The chat itself, as the embed tag frames it (/embed/<brand>): stock Web Chat under the store's
 * header, on Clasp's own origin, so its styles and storage never meet the store's page.
 */
export function embedFramePage(model: EmbedFrameModel): string {
  const { offline } = model;
  const banner = offline === null
    ? null
    : html`<p class="offline" role="status" data-testid="offline-banner">Our team is offline right now (support hours: ${offline.hours}).
 The assistant can still help: track an order, check a return, or leave a message for the team${offline.backAt === null ? '' : html`, who are back ${offline.backAt}`}.</p>`;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Chat with ${model.displayName}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/embed-frame.css">
</head>
<body style="${html`--accent:${model.theme.accent}`}">
<div class="chat">
<header class="chat-head">${model.theme.logo === undefined ? html`<span class="avatar" aria-hidden="true">${model.initials}</span>` : html`<img class="avatar" src="${model.theme.logo}" alt="">`}<div class="chat-title"><h1 id="chat-title">${model.displayName}</h1><span>${model.assistantName}, support assistant</span></div><button type="button" class="close" id="chat-close" aria-label="Close chat" hidden>${CLOSE_ICON}</button></header>
${banner}
<p class="chat-loading" id="chat-loading" role="status">Opening the chat…</p>
<div id="webchat" data-brand="${model.brand}" data-accent="${model.theme.accent}" data-initials="${model.initials}" data-display-name="${model.displayName}" data-parents="${model.parents.join(' ')}"></div>
<p class="chat-error" id="chat-error" role="alert" hidden></p>
</div>
<script src="/assets/embed-frame.js" defer></script>
</body>
</html>
`.toString();
}

export function notFoundPage(message: string): string {
  return layout('Not found', html`<header class="site"><a class="logo" href="/">Clasp</a></header>
<main class="message"><h1>Not found</h1><p>${message}</p><p><a href="/">See the demo storefronts</a></p></main>`);
}

export function bundleMissingPage(): string {
  return layout('Chat widget unavailable', html`<main class="message"><h1>The chat widget is not installed</h1>
<p>This server has no Web Chat bundle (var/webchat/webchat.js). It is fetched from the npm registry when dependencies are installed; run <code>npm run fetch:webchat</code> and reload.</p></main>`);
}
