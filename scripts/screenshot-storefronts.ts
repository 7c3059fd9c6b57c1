// Screenshots for the README and docs/widget.md, into docs/screenshots/:
// - <brand>.png: each brand's demo storefront with its chat open (kendra-scott-mall tracking an order);
// - widget-desktop.png, widget-phone.png, widget-unread.png: the one embed tag on a store's own
//   site (another origin): the corner panel on a desktop, the full-screen panel on a phone (390×844),
//   and the closed launcher with an unread badge.
// Usage: npm run screenshots   (needs /usr/bin/chromium and the Web Chat bundle)
import { mkdirSync } from 'node:fs';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { browserTestsUnavailable, launchChromium } from '../test/browser/chromium.js';
import { startShopSite } from '../test/browser/shop-site.js';
import { cards, chatFrameOf, launcher, openChat, suggestedAction, transcript, type, unreadBadge } from '../test/browser/storefront-page.js';
import { BRAND_PROFILES } from '../test/support/brands.js';
import { startWidgetServer } from '../test/support/widget-server.js';

// A Saturday afternoon in New York: the brands with stated hours show their offline banner.
const NOW = new Date('2026-11-21T19:00:00Z');
const OUT_DIR = 'docs/screenshots';
const BRAND = 'kendra-scott-mall';

const unavailable = browserTestsUnavailable();
if (unavailable !== undefined) {
  console.error(`Cannot take screenshots: ${unavailable}`);
  process.exit(1);
}

/** The flow from the example order of docs/contracts.md, ending on the tracking card. */
async function trackOrder(chat: FrameLocator): Promise<void> {
  await suggestedAction(chat, 'Track my order').click();
  await chat.getByText('need its order number').first().waitFor();
  await type(chat, 'KS-100234');
  await chat.getByText('email address').first().waitFor();
  await type(chat, 'shopper@example.com');
  await cards(chat).first().waitFor({ timeout: 15_000 });
}

async function shoot(page: Page, name: string): Promise<void> {
  // Let the typing indicator and animations settle.
  await page.waitForTimeout(800);
  const path = `${OUT_DIR}/${name}.png`;
  await page.screenshot({ path });
  console.log(`wrote ${path}`);
}

async function withPage(browser: Browser, viewport: { width: number; height: number }, phone: boolean, run: (page: Page) => Promise<void>): Promise<void> {
  const context = await browser.newContext({ viewport, ...(phone ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}) });
  try {
    await run(await context.newPage());
  } finally {
    await context.close();
  }
}

let claspUrl = '';
const shop = await startShopSite({ brand: BRAND, claspUrl: () => claspUrl });
const profile = BRAND_PROFILES[BRAND];
const profiles = { ...BRAND_PROFILES, [BRAND]: { ...profile, allowedOrigins: { operatorSetting: true as const, value: [shop.url], note: 'The store’s own site (screenshots).' } } };
const app = await startWidgetServer({}, { now: () => NOW, profiles });
claspUrl = app.url;
const browser = await launchChromium();
const desktop = { width: 1280, height: 860 };
try {
  mkdirSync(OUT_DIR, { recursive: true });
  for (const brand of app.clasp.kb.brandIds) {
    await withPage(browser, desktop, false, async (page) => {
      await page.goto(`${app.url}/brands/${brand}`);
      await launcher(page).waitFor({ timeout: 20_000 });
      const chat = await openChat(page);
      await suggestedAction(chat, 'Track my order').waitFor({ timeout: 20_000 });
      if (brand === BRAND) await trackOrder(chat);
      await shoot(page, brand);
    });
  }

  await withPage(browser, desktop, false, async (page) => {
    await page.goto(`${shop.url}/`);
    await launcher(page).waitFor({ timeout: 20_000 });
    await trackOrder(await openChat(page));
    await shoot(page, 'widget-desktop');

    // Closed, and a reply comes meanwhile (sent with the conversation's own token).
    await page.keyboard.press('Escape');
    const session = await chatFrameOf(page)
      .evaluate((key) => sessionStorage.getItem(key), `clasp.chat.${BRAND}`)
      .catch(() => null) ?? (await page.evaluate((key) => sessionStorage.getItem(key), `clasp.chat.${BRAND}`));
    const { conversationId, token } = JSON.parse(session ?? '{}') as { conversationId: string; token: string };
    await fetch(`${app.url}/v3/directline/conversations/${encodeURIComponent(conversationId)}/activities`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'how long do refunds take?', from: { id: 'shopper', role: 'user' } }),
    });
    await unreadBadge(page).waitFor({ timeout: 15_000 });
    await page.mouse.move(10, 10);
    await shoot(page, 'widget-unread');
  });

  await withPage(browser, { width: 390, height: 844 }, true, async (page) => {
    await page.goto(`${shop.url}/`);
    await launcher(page).waitFor({ timeout: 20_000 });
    const chat = await openChat(page);
    await suggestedAction(chat, 'Track my order').waitFor({ timeout: 20_000 });
    await type(chat, 'how long do refunds take?');
    await transcript(chat).getByText(/refund/i).nth(1).waitFor({ timeout: 15_000 });
    await shoot(page, 'widget-phone');
  });
} finally {
  await browser.close();
  await app.close();
  await shop.close();
}
