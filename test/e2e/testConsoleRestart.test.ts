import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../services/haproxy.ts';
import { launchBrowser } from './browser.ts';
import { requireBuiltClient } from './builtClient.ts';
import { resultsDir, startBillingTestCall } from './editorHarness.ts';
import { startServer, type RunningServer } from './startServer.ts';

// Its own server, on a port and data directory it keeps, so the test can restart it under the open page.
let server: RunningServer;
let browser: Browser;
let dataDir: string;
let port: number;
beforeAll(async () => {
  requireBuiltClient();
  dataDir = await mkdtemp(join(os.tmpdir(), 'baton-console-restart-'));
  port = await freePort();
  server = await startServer({ dataDir, env: { PORT: String(port) } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('A test call through a server restart', () => {
  it('When the server restarts in the middle of a test call, then the console says it is reconnecting, takes the call up where it was, and the next turn goes on from there', async () => {
    const { page, transcript } = await startBillingTestCall(browser, server);
    const say = page.getByLabel('What the caller says');
    await say.fill('what is my balance');
    await page.getByRole('button', { name: 'Say it' }).click();
    await transcript.getByText('Sure. What is your 8 digit account number?').waitFor();

    // A deploy: the server drains (the socket closes with 1012) and a new one starts on the same port and data.
    await server.stop();
    const reconnecting = page.getByRole('status').filter({ hasText: 'Reconnecting to the test call' });
    await reconnecting.waitFor();
    await page.screenshot({ path: join(resultsDir, 'test-console-reconnecting.png') });
    server = await startServer({ dataDir, env: { PORT: String(port) } });
    await reconnecting.waitFor({ state: 'detached', timeout: 20_000 });

    await say.fill('12345678');
    await page.getByRole('button', { name: 'Say it' }).click();
    await transcript.getByText(/balance/i).nth(1).waitFor();
    // Said once, not twice: the turn sent again after the reconnect is taken once.
    const callerLines = await transcript.locator('.console-line--caller').allTextContents();
    expect(callerLines.filter((l) => l.includes('12345678'))).toHaveLength(1);
    await page.screenshot({ path: join(resultsDir, 'test-console-after-restart.png') });
    await expect.poll(() => page.getByRole('alert').count()).toBe(0);
  });
});
