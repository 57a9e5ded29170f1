import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (no browser is downloaded at install). `.ci/run` installs it when missing. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

/** Browser tests skip loudly without Chromium, except in CI, where they must run. */
export function browserAvailability(): { skip: boolean } {
  if (hasChromium) return { skip: false };
  if (process.env.CI) throw new Error(`Chromium is missing at ${CHROMIUM}: CI must install it (apt-get install -y chromium)`);
  process.stderr.write(
    `\n*** Browser tests SKIPPED: no Chromium at ${CHROMIUM}. Install it with:  sudo apt-get install -y chromium  (or set CHROMIUM_PATH) ***\n\n`,
  );
  return { skip: true };
}

/** Headless, with a fresh profile (Playwright makes a new temporary one for every launch). */
export async function launchChromium(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return { browser, close: () => browser.close() };
}

/** Screenshots are kept as test artefacts (gitignored). */
export function artefactPath(name: string): string {
  const dir = join(process.cwd(), 'test-artifacts', 'dashboard');
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}
