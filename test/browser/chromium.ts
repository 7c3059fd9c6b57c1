import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { DEFAULT_WEBCHAT_BUNDLE } from '../../bot/website/webchat-bundle.js';

// Debian's Chromium (apt-get install chromium): `npx playwright install` cannot download here.
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Why the browser tests cannot run here, or undefined when they can. */
export function browserTestsUnavailable(): string | undefined {
  if (!existsSync(CHROMIUM_PATH)) return `${CHROMIUM_PATH} is missing (apt-get install -y chromium)`;
  if (!existsSync(DEFAULT_WEBCHAT_BUNDLE)) return 'the Web Chat bundle var/webchat/webchat.js is missing (npm run fetch:webchat)';
  return undefined;
}

/**
 * Headless Chromium. Playwright gives every launch a fresh temporary profile (its own
 * --user-data-dir, deleted on close), so no state leaks between runs.
 */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}
