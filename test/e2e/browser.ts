import { chromium, type Browser } from 'playwright-core';
import { NO_CHROMIUM_MESSAGE, findChromium } from './chromium.ts';

/** Headless Chromium from the system; throws (never skips) when there is none. `extraArgs` are Chromium switches. */
export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(NO_CHROMIUM_MESSAGE);
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      ...extraArgs,
    ],
  });
}
