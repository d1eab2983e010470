// Headless Chromium for the report's browser tests: Debian's `chromium` driven by playwright-core, with every
// background service that might reach the network switched off.
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.GATECHECK_CHROMIUM ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run',
      '--disable-component-update', '--disable-sync'],
  });
}
