import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { NO_CHROMIUM_MESSAGE, findChromium } from './chromium.ts';

/**
 * The admin's browser session of each Baton the harness started (startServer signs in as the first admin), so a page a
 * test opens is signed in as that admin, as someone who signed in earlier would be. Cookies do not tell ports apart:
 * with two servers at once, pages are signed in to the one started last. A test of signing in starts from
 * `context.clearCookies()`.
 */
const sessions = new Map<string, string>();
const contexts = new Set<BrowserContext>();

const cookiesOf = (url: string, cookie: string) =>
  cookie.split('; ').map((pair) => {
    const at = pair.indexOf('=');
    return { name: pair.slice(0, at), value: pair.slice(at + 1), url };
  });

async function signIn(context: BrowserContext) {
  for (const [url, cookie] of sessions) await context.addCookies(cookiesOf(url, cookie));
}

/** Called by startServer: pages open now and later are signed in to this server. */
export async function rememberSession(url: string, cookie: string): Promise<void> {
  sessions.delete(url);
  sessions.set(url, cookie);
  await Promise.all([...contexts].map((c) => c.addCookies(cookiesOf(url, cookie)).catch(() => undefined)));
}

export function forgetSession(url: string): void {
  sessions.delete(url);
}

/** Headless Chromium from the system; throws (never skips) when there is none. `extraArgs` are Chromium switches. */
export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(NO_CHROMIUM_MESSAGE);
  const browser = await chromium.launch({
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
  // Every page starts signed in as the harness's admin (see above).
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    contexts.add(context);
    context.once('close', () => contexts.delete(context));
    await signIn(context);
    return context;
  };
  browser.newPage = async (options) => {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    page.once('close', () => void context.close().catch(() => undefined));
    return page;
  };
  return browser;
}
