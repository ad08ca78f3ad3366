import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser.ts';
import { requireBuiltClient } from './builtClient.ts';
import { TEST_ADMIN_PASSWORD, startServer, type RunningServer } from './startServer.ts';

// A colleague opens Baton by the server's name on the network, over plain HTTP; the browser maps that name to loopback.
const HOST_NAME = 'baton-host';

describe('Baton under a name other than localhost', () => {
  const servers: RunningServer[] = [];
  let browser: Browser;

  beforeAll(async () => {
    requireBuiltClient();
    browser = await launchBrowser([`--host-resolver-rules=MAP ${HOST_NAME} 127.0.0.1`]);
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all(servers.map((server) => server.stop()));
  });

  it('When a colleague opens http://baton-host:<port> and signs in, then the flows list shows, its scripts and styles loaded over plain HTTP', async () => {
    const server = await startServer();
    servers.push(server);
    const url = server.url.replace('127.0.0.1', HOST_NAME);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const failed: string[] = [];
    // The page's own files; a data request the page itself cancels (a list fetched again) is no failure to load.
    page.on('requestfailed', (request) => {
      if (['document', 'script', 'stylesheet', 'font', 'image'].includes(request.resourceType())) failed.push(`${request.url()}: ${request.failure()?.errorText}`);
    });
    // Nobody is signed in under this name yet: the page asks first, then comes back.
    await page.goto(url);
    await page.getByRole('heading', { level: 1, name: 'Sign in to Baton' }).waitFor({ timeout: 10_000 });
    await page.getByLabel('Sign-in name').fill('admin');
    await page.locator('input[autocomplete="current-password"]').fill(TEST_ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Flows' }).waitFor({ timeout: 10_000 });
    expect(new URL(page.url()).pathname).toBe('/');
    await page.getByRole('link', { name: 'Billing support', exact: true }).waitFor({ timeout: 10_000 });
    await page.screenshot({ path: 'test-results/signed-in-flows.png' });
    expect(failed).toEqual([]);
    await page.close();
  });

  it('When Baton is served over TLS (its public URL is https), then browsers are told to upgrade every request to https', async () => {
    const plain = await startServer();
    servers.push(plain);
    const plainPolicy = (await fetch(plain.url)).headers.get('content-security-policy') ?? '';
    expect(plainPolicy).not.toContain('upgrade-insecure-requests');

    const behindTls = await startServer({ env: { BATON_PUBLIC_URL: 'https://baton.example.com' } });
    servers.push(behindTls);
    const response = await fetch(behindTls.url);
    expect(response.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
    expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
  });
});
