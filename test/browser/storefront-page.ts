import type { Locator, Page } from 'playwright-core';

// How a shopper sees the storefront's Web Chat, as locators: shared by the browser tests and
// the screenshot and latency scripts.

export const transcript = (page: Page): Locator => page.locator('.webchat__basic-transcript');
export const sendBox = (page: Page): Locator => page.getByPlaceholder('Type your message');
export const suggestedAction = (page: Page, name: string): Locator =>
  page.getByRole('toolbar', { name: 'Suggested actions' }).getByRole('button', { name, exact: true });
/** The bot's message bubbles (the shopper's carry `--from-user`). */
export const botBubbles = (page: Page): Locator => transcript(page).locator('.webchat__bubble:not(.webchat__bubble--from-user)');
/** Rendered cards (Web Chat renders hero cards as Adaptive Cards). */
export const cards = (page: Page): Locator => transcript(page).locator('.ac-adaptiveCard');

/** Collects Content-Security-Policy violations from the first script on; read with `cspViolations`. */
export async function watchCsp(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
}

export function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
}

export async function type(page: Page, text: string): Promise<void> {
  await sendBox(page).fill(text);
  await sendBox(page).press('Enter');
}
