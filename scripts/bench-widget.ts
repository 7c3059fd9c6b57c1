// Send → rendered latency of the storefront chat: from the shopper pressing Enter in Web Chat to
// the bot's reply appearing in the page, over the WebSocket stream and over polling.
// Usage: npm run bench:widget [-- --rounds 30]   (needs /usr/bin/chromium and the Web Chat bundle)
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { browserTestsUnavailable, launchChromium } from '../test/browser/chromium.js';
import { sendBox, suggestedAction } from '../test/browser/storefront-page.js';
import { startWidgetServer } from '../test/support/widget-server.js';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '30' } } });
const ROUNDS = Number(values.rounds);
// Policy questions: answered from the knowledge base, so this measures the widget path.
const QUESTIONS = ['how long does shipping take', 'when will I get my refund', 'can I return a final sale item', 'how do I contact you'];

const unavailable = browserTestsUnavailable();
if (unavailable !== undefined) {
  console.error(`Cannot measure: ${unavailable}`);
  process.exit(1);
}

/**
 * Times, in the page's own clock, from Enter in the send box to a new bot bubble in the DOM.
 * A string, not a function: tsx would add helpers to a function that the page does not have.
 */
const INSTRUMENT = `(() => {
  const bench = { sentAt: 0, botBubbles: 0, renderedAt: 0 };
  window.__bench = bench;
  const count = () => document.querySelectorAll('.webchat__basic-transcript .webchat__bubble:not(.webchat__bubble--from-user)').length;
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') Object.assign(bench, { sentAt: performance.now(), botBubbles: count(), renderedAt: 0 });
  }, true);
  new MutationObserver(() => {
    if (bench.sentAt > 0 && bench.renderedAt === 0 && count() > bench.botBubbles) bench.renderedAt = performance.now();
  }).observe(document.body, { childList: true, subtree: true });
})()`;

async function instrument(page: Page): Promise<void> {
  await page.evaluate(INSTRUMENT);
}

async function measure(page: Page, text: string): Promise<number> {
  await sendBox(page).fill(text);
  await sendBox(page).press('Enter');
  await page.waitForFunction(() => (window as unknown as { __bench: { renderedAt: number } }).__bench.renderedAt > 0, undefined, { timeout: 15_000 });
  const { sentAt, renderedAt } = await page.evaluate(() => (window as unknown as { __bench: { sentAt: number; renderedAt: number } }).__bench);
  // Let the reply's typing indicator and suggested actions settle before the next round.
  await page.waitForTimeout(150);
  return renderedAt - sentAt;
}

function summary(label: string, samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  const mean = sorted.reduce((sum, x) => sum + x, 0) / sorted.length;
  return `${label.padEnd(10)} n=${sorted.length}  p50 ${at(0.5).toFixed(0)} ms  p90 ${at(0.9).toFixed(0)} ms  max ${at(1).toFixed(0)} ms  mean ${mean.toFixed(0)} ms`;
}

const app = await startWidgetServer({ CONVERSATION_STARTS_PER_CLIENT: '1000', DIRECTLINE_CONVERSATIONS_PER_CLIENT: '1000' });
const browser = await launchChromium();
try {
  for (const transport of ['websocket', 'polling'] as const) {
    const context = await browser.newContext();
    const page = await context.newPage();
    // The chat frame opened on its own (what the embed tag frames): Web Chat in the page itself.
    await page.goto(`${app.url}/embed/kendra-scott-mall${transport === 'polling' ? '?transport=polling' : ''}`);
    await suggestedAction(page, 'Track my order').waitFor({ timeout: 20_000 });
    await instrument(page);
    await measure(page, 'hello'); // warm-up
    const samples: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) samples.push(await measure(page, QUESTIONS[round % QUESTIONS.length] ?? 'help'));
    console.log(summary(transport, samples));
    await context.close();
  }
} finally {
  await browser.close();
  await app.close();
}
