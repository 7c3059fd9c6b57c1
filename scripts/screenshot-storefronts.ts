// Screenshots of each brand's storefront with its chat, for the README: docs/screenshots/<brand>.png.
// Usage: npm run screenshots   (needs /usr/bin/chromium and the Web Chat bundle)
import { mkdirSync } from 'node:fs';
import { browserTestsUnavailable, launchChromium } from '../test/browser/chromium.js';
import { cards, suggestedAction, type } from '../test/browser/storefront-page.js';
import { startWidgetServer } from '../test/support/widget-server.js';

// A Saturday afternoon in New York: the brands with stated hours show their offline banner.
const NOW = new Date('2026-11-21T19:00:00Z');
const OUT_DIR = 'docs/screenshots';

const unavailable = browserTestsUnavailable();
if (unavailable !== undefined) {
  console.error(`Cannot take screenshots: ${unavailable}`);
  process.exit(1);
}

const app = await startWidgetServer({}, { now: () => NOW });
const browser = await launchChromium();
try {
  mkdirSync(OUT_DIR, { recursive: true });
  for (const brand of app.clasp.kb.brandIds) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    await page.goto(`${app.url}/brands/${brand}`);
    await suggestedAction(page, 'Track my order').waitFor({ timeout: 20_000 });
    if (brand === 'kendra-scott-mall') {
      // The flow from the example order of docs/contracts.md, ending on the tracking card.
      await suggestedAction(page, 'Track my order').click();
      await page.getByText('need its order number').first().waitFor();
      await type(page, 'KS-100234');
      await page.getByText('email address').first().waitFor();
      await type(page, 'shopper@example.com');
      await cards(page).first().waitFor({ timeout: 15_000 });
    }
    // Let the typing indicator and animations settle.
    await page.waitForTimeout(800);
    const path = `${OUT_DIR}/${brand}.png`;
    await page.screenshot({ path });
    console.log(`wrote ${path}`);
    await context.close();
  }
} finally {
  await browser.close();
  await app.close();
}
