import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browser, resultsDir, server, useServerAndBrowser } from './editorHarness.ts';

const WAIT = 'Longest wait before offering a callback (seconds)';

/** A browser tab of its own with the Billing team queue open, as a second admin would have it. */
async function openBilling(width = 1440, height = 900): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width, height } })).newPage();
  await page.goto(`${server.url}/settings/queues`);
  await page.getByRole('navigation', { name: 'Queues' }).getByText('Billing team').click();
  await page.getByRole('form', { name: 'Edit Billing team' }).getByLabel(WAIT).waitFor();
  return page;
}

async function saveWait(page: Page, seconds: string): Promise<void> {
  const form = page.getByRole('form', { name: 'Edit Billing team' });
  await form.getByLabel(WAIT).fill(seconds);
  await form.getByRole('button', { name: 'Save Billing team' }).click();
}

const saved = (page: Page) => page.getByRole('form', { name: 'Edit Billing team' }).getByText('Saved. New calls use these settings from now on.').waitFor();
const storedWait = async () => ((await (await fetch(`${server.url}/api/queues/billing`)).json()) as { maxWaitSecondsBeforeCallback: number }).maxWaitSecondsBeforeCallback;

describe('Two people editing one queue', () => {
  useServerAndBrowser();

  it('When a second tab saves a queue the first tab saved meanwhile, then the conflict dialog asks whose version to keep, and "Load their version" shows theirs', async () => {
    await mkdir(resultsDir, { recursive: true });
    const first = await openBilling();
    const second = await openBilling(1024, 768);
    await saveWait(first, '600');
    await saved(first);

    await saveWait(second, '900');
    const dialog = second.getByRole('dialog', { name: 'Someone else changed this queue since you opened it' });
    await dialog.waitFor();
    await second.waitForTimeout(400); // the dialog fades in; the picture is for people to look at
    await second.screenshot({ path: join(resultsDir, 'settings-conflict-1024.png') });
    expect(await storedWait()).toBe(600);

    await dialog.getByRole('button', { name: 'Load their version' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await second.getByRole('form', { name: 'Edit Billing team' }).getByLabel(WAIT).inputValue()).toBe('600');
    // Now on their version, the next save goes through.
    await saveWait(second, '700');
    await saved(second);
    expect(await storedWait()).toBe(700);
    await first.context().close();
    await second.context().close();
  });

  it('When the second tab chooses "Keep mine and overwrite", then its change is saved over the other one', async () => {
    const first = await openBilling();
    const second = await openBilling();
    await saveWait(first, '1200');
    await saved(first);

    await saveWait(second, '1500');
    const dialog = second.getByRole('dialog', { name: 'Someone else changed this queue since you opened it' });
    await dialog.waitFor();
    await second.waitForTimeout(400); // the dialog fades in; the picture is for people to look at
    await second.screenshot({ path: join(resultsDir, 'settings-conflict-1440.png') });
    await dialog.getByRole('button', { name: 'Keep mine and overwrite' }).click();
    await saved(second);
    await dialog.waitFor({ state: 'hidden' });
    expect(await storedWait()).toBe(1500);
    await first.context().close();
    await second.context().close();
  });
});
