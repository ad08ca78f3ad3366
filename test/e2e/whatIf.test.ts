import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { browser, getFlowViaApi, resultsDir, server, useServerAndBrowser } from './editorHarness.ts';

useServerAndBrowser();

async function api(path: string, init: RequestInit = {}): Promise<unknown> {
  const response = await fetch(`${server.url}${path}`, { ...init, headers: { 'Content-Type': 'application/json', ...init.headers } });
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** Makes the billing example's draft hand frustrated callers over sooner than the published version does. */
async function lowerFrustrationThreshold(): Promise<void> {
  const flow = await getFlowViaApi(server, 'billing-support');
  const trigger = flow.nodes.find((n) => (n.data.detectors as Array<{ signal: string }> | undefined)?.some((d) => d.signal === 'negative_sentiment'));
  if (!trigger) throw new Error('The billing example has no trigger watching negative sentiment.');
  trigger.data.detectors = (trigger.data.detectors as Array<Record<string, unknown>>).map((d) => (d.signal === 'negative_sentiment' ? { ...d, below: -0.1, turns: 1 } : d));
  await api('/api/flows/billing-support', { method: 'PUT', body: JSON.stringify(flow), headers: { 'If-Match': `"${flow.version}"` } });
}

/** A figure of the report table as a number: the row's cell under the given column. */
async function figure(page: Page, row: string, column: 'Before' | 'After'): Promise<number> {
  const table = page.getByRole('table', { name: 'Figures by version' });
  const headers = await table.locator('thead th').allInnerTexts();
  const col = headers.findIndex((h) => h.startsWith(`${column}:`));
  const text = await table.getByRole('row', { name: new RegExp(row) }).locator('th, td').nth(col).innerText();
  return Number.parseFloat(text);
}

describe('What-if page', () => {
  it('When the draft lowers the frustration threshold and 1,000 calls are simulated, then the handoff rate shown for the draft is higher than for the published version', async () => {
    await api('/api/flows/billing-support/publish', { method: 'POST' });
    await lowerFrustrationThreshold();

    await mkdir(resultsDir, { recursive: true });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/flows/billing-support/what-if`);
    await page.getByRole('heading', { name: /What if… Billing/ }).waitFor();
    expect(await page.getByLabel('Number of calls').inputValue()).toBe('1,000');
    expect(await page.getByLabel('Seed').inputValue()).toBe('7');
    await page.getByRole('button', { name: 'Run 1,000 simulated calls' }).click();

    await page.getByRole('table', { name: 'Figures by version' }).waitFor({ timeout: 30_000 });
    const before = await figure(page, 'Handed to a person', 'Before');
    const after = await figure(page, 'Handed to a person', 'After');
    expect(after).toBeGreaterThan(before);
    expect(await page.getByRole('row', { name: /Handed to a person/ }).innerText()).toMatch(/\+\d+\.\d points?/);

    // Drill down: a changed call opens both transcripts.
    const changed = page.getByRole('region', { name: /Calls that ended differently/ }).getByRole('button').first();
    await changed.click();
    const drawer = page.getByRole('dialog');
    await drawer.getByRole('region', { name: 'After: transcript' }).waitFor();
    await drawer.getByRole('region', { name: 'Before: transcript' }).waitFor();
    expect(await drawer.getByText('Caller', { exact: true }).count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(resultsDir, 'what-if-call.png') });
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    await page.screenshot({ path: join(resultsDir, 'what-if.png'), fullPage: true });
    await context.close();
  });
});
