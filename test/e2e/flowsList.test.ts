import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser.ts';
import { repoRoot, requireBuiltClient } from './builtClient.ts';
import { startServer, type RunningServer } from './startServer.ts';


/**
 * Opens a flow's "More" menu once any menu opened before has finished closing (its items stay in the page while it
 * fades), and returns it.
 */
async function openMenu(page: Page, flowName: string) {
  await expect.poll(() => page.getByRole('menu').count()).toBe(0);
  await page.getByRole('button', { name: `More actions for ${flowName}`, exact: true }).click();
  return page.getByRole('menu');
}

interface FlowSummary {
  id: string;
  name: string;
  version: number;
  publishedVersion: number | null;
  publishedFromDraft: number | null;
}

const EXAMPLE_FLOW_IDS = ['billing-support', 'card-services', 'tech-support'];
const resultsDir = join(repoRoot, 'test-results');

let server: RunningServer;
let browser: Browser;

async function openPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  return context.newPage();
}

describe('Flows list', () => {
  beforeAll(async () => {
    requireBuiltClient();
    await mkdir(resultsDir, { recursive: true });
    server = await startServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('When a newcomer opens Baton for the first time, then the example flows are listed with their versions', async () => {
    const response = await fetch(`${server.url}/api/flows`);
    expect(response.status).toBe(200);
    const flows = (await response.json()) as FlowSummary[];
    expect(flows.map((flow) => flow.id)).toEqual(expect.arrayContaining(EXAMPLE_FLOW_IDS));

    const page = await openPage();
    await page.goto(server.url);
    await expect(page.title()).resolves.toBe('Baton');
    await page.getByRole('table').waitFor();
    expect(await page.getByRole('heading', { level: 1, name: 'Flows' }).isVisible()).toBe(true);

    for (const flow of flows) {
      const link = page.getByRole('link', { name: flow.name, exact: true });
      expect(await link.isVisible(), `link to "${flow.name}"`).toBe(true);
      expect(await link.getAttribute('href')).toBe(`/flows/${encodeURIComponent(flow.id)}`);

      const row = page.getByRole('row').filter({ has: link });
      const rowText = await row.innerText();
      const p = flow.publishedVersion;
      expect(rowText).toContain(p === null ? 'Draft' : flow.version > (flow.publishedFromDraft ?? 0) ? `Draft, changed since v${p}` : `Draft, same as v${p}`);
      expect(rowText).toContain(p === null ? 'Not published yet' : `v${p} (published)`);
    }

    await page.screenshot({ path: join(resultsDir, 'flows-list.png'), fullPage: true });
    await page.context().close();
  });

  it('When someone opens a flow from the list, then its editor shows with a way back', async () => {
    const page = await openPage();
    await page.goto(server.url);
    const firstFlow = page.getByRole('row').getByRole('link').first();
    const name = await firstFlow.innerText();
    await firstFlow.click();

    await page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
    await page.locator('.editor-header__version').getByText(/^Draft/).waitFor();
    await page.locator('.react-flow__node').first().waitFor();

    await page.getByRole('link', { name: 'All flows' }).click();
    await page.getByRole('table').waitFor();
    await page.context().close();
  });

  it('When the server cannot be reached, then the page says what to do', async () => {
    const page = await openPage();
    await page.route('**/api/flows', (route) => route.abort('connectionrefused'));
    await page.goto(server.url);

    const alert = page.getByRole('alert');
    await alert.waitFor();
    const text = await alert.innerText();
    expect(text).toContain('Could not load the flows:');
    expect(text).toContain('Check that the Baton server is running, then reload.');
    await page.screenshot({ path: join(resultsDir, 'flows-list-error.png') });
    await page.context().close();
  });

  it('When someone duplicates, renames, exports and deletes a flow from the list, then the list follows and nothing is deleted without asking', async () => {
    const page = await openPage();
    await page.goto(server.url);
    await page.getByRole('table').waitFor();

    await (await openMenu(page, 'Billing support')).getByRole('menuitem', { name: 'Duplicate' }).click();
    const copy = page.getByRole('link', { name: 'Billing support (copy)', exact: true });
    await copy.waitFor();

    await (await openMenu(page, 'Billing support (copy)')).getByRole('menuitem', { name: 'Rename…' }).click();
    const rename = page.getByRole('dialog', { name: 'Rename "Billing support (copy)"' });
    await rename.getByLabel('New name').fill('Billing support (trial)');
    await rename.getByRole('button', { name: 'Rename' }).click();
    const renamed = page.getByRole('link', { name: 'Billing support (trial)', exact: true });
    await renamed.waitFor();
    await (await openMenu(page, 'Billing support (trial)')).getByRole('menuitem', { name: 'Rename…' }).click();
    await page.getByRole('dialog', { name: 'Rename "Billing support (trial)"' }).getByLabel('New name').fill('Billing support (copy)');
    await page.getByRole('dialog', { name: 'Rename "Billing support (trial)"' }).getByRole('button', { name: 'Rename' }).click();
    await copy.waitFor();

    const menu = await openMenu(page, 'Billing support (copy)');
    const [download] = await Promise.all([page.waitForEvent('download'), menu.getByRole('menuitem', { name: 'Export as a file' }).click()]);
    expect(download.suggestedFilename()).toBe('billing-support-copy.json');
    const exported = JSON.parse(await readFile((await download.path())!, 'utf8')) as { name: string; nodes: unknown[] };
    expect(exported.name).toBe('Billing support (copy)');
    expect(exported.nodes.length).toBeGreaterThan(10);

    await (await openMenu(page, 'Billing support (copy)')).getByRole('menuitem', { name: 'Delete…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete "Billing support (copy)"?' });
    await confirm.getByRole('button', { name: 'Keep it' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect(await copy.isVisible()).toBe(true);

    await (await openMenu(page, 'Billing support (copy)')).getByRole('menuitem', { name: 'Delete…' }).click();
    await confirm.getByRole('button', { name: 'Delete the flow' }).click();
    await copy.waitFor({ state: 'detached' });
    // The list is fetched again after a delete: the original is there once it has loaded.
    await page.getByRole('link', { name: 'Billing support', exact: true }).waitFor();
    await page.context().close();
  });

  it('When someone imports a flow file, then it becomes a new flow and opens in the editor', async () => {
    const page = await openPage();
    await page.goto(server.url);
    await page.getByRole('table').waitFor();
    const flow = {
      id: 'imported-line',
      name: 'Imported line',
      nodes: [{ id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: { label: 'Call starts', greeting: 'Hello from a file.' } }],
      edges: [],
    };
    await page.locator('input[type="file"]').setInputFiles({ name: 'imported-line.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(flow)) });
    await page.waitForURL(/\/flows\/imported-line$/);
    await page.getByRole('heading', { level: 1, name: 'Imported line' }).waitFor();
    await page.getByText('Hello from a file.').waitFor();
    await page.context().close();
  });

  it('When the list is shown at 1024×768, then every flow\'s "More" button is in full view', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1024, height: 768 } })).newPage();
    await page.goto(server.url);
    await page.getByRole('table').waitFor();
    const card = (await page.locator('.table-card').boundingBox())!;
    const more = page.getByRole('button', { name: /^More actions for / });
    expect(await more.count()).toBeGreaterThan(2);
    for (const button of await more.all()) {
      const box = (await button.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(Math.min(card.x + card.width, 1024));
    }
    expect(await page.locator('.table-card').evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await page.screenshot({ path: join(resultsDir, 'flows-list-1024.png') });
    await page.context().close();
  });

  it('When a flow answers a phone number and someone deletes it, then the confirmation names the number that will stop working', async () => {
    const source = (await (await fetch(`${server.url}/api/flows/card-services`)).json()) as Record<string, unknown>;
    const created = await fetch(`${server.url}/api/flows`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ...source, id: 'card-line-to-delete', name: 'Card line to delete' }) });
    expect(created.status).toBe(201);
    const bound = await fetch(`${server.url}/api/numbers/${encodeURIComponent('+442079460123')}`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ flowId: 'card-line-to-delete' }) });
    expect(bound.ok).toBe(true);

    const page = await openPage();
    await page.goto(server.url);
    await (await openMenu(page, 'Card line to delete')).getByRole('menuitem', { name: 'Delete…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete "Card line to delete"?' });
    const warning = confirm.getByRole('alert');
    await warning.getByText('+442079460123').waitFor();
    expect(await warning.innerText()).toContain('will stop working');
    await page.waitForTimeout(300); // the dialog fades in
    await page.screenshot({ path: join(resultsDir, 'flow-delete-with-number.png') });
    await confirm.getByRole('button', { name: 'Delete, and stop the number' }).click();
    await page.getByRole('link', { name: 'Card line to delete', exact: true }).waitFor({ state: 'detached' });
    await page.context().close();
  });
});
