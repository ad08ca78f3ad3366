import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browser, openSettings, resultsDir, server, useServerAndBrowser } from './editorHarness.ts';

describe('Phone numbers', () => {
  useServerAndBrowser();

  it('When an admin gives a number to the billing flow, then it is listed, kept, and a number written wrongly is refused with what to write', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await page.goto(server.url);
    await openSettings(page, 'Phone numbers');
    await page.getByRole('heading', { name: 'Phone numbers', level: 1 }).waitFor();
    await page.getByText(`${server.url}/twilio/voice`).waitFor();

    await page.getByRole('textbox', { name: 'Number' }).fill('020 7123 4567');
    await page.getByLabel('Flow', { exact: true }).selectOption({ label: 'Billing support' });
    await page.getByRole('button', { name: 'Add number' }).click();
    await page.getByRole('alert').getByText(/international|\+44/i).waitFor();

    await page.getByRole('textbox', { name: 'Number' }).fill('+442071234567');
    await page.getByRole('button', { name: 'Add number' }).click();
    const table = page.getByRole('table', { name: 'Numbers and their flows' });
    await table.getByText('+442071234567').waitFor();
    await page.screenshot({ path: join(resultsDir, 'phone-numbers.png'), fullPage: true });
    const stored = (await (await fetch(`${server.url}/api/numbers/${encodeURIComponent('+442071234567')}`)).json()) as { flowId: string };
    expect(stored.flowId).toBe('billing-support');

    await page.reload();
    await page.getByRole('table', { name: 'Numbers and their flows' }).getByText('+442071234567').waitFor();
    await page.context().close();
  });

  it('When two admins give one number different flows, then the second is asked whose choice to keep, and each choice works', async () => {
    const number = '+442071230000';
    const url = `${server.url}/api/numbers/${encodeURIComponent(number)}`;
    await fetch(url, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ flowId: 'billing-support' }) });
    const open = async () => {
      const page = await (await browser.newContext({ viewport: { width: 1024, height: 768 } })).newPage();
      await page.goto(`${server.url}/settings/numbers`);
      await page.getByLabel(`Flow for ${number}`).waitFor();
      return page;
    };
    const first = await open();
    const second = await open();
    const stored = async () => ((await (await fetch(url)).json()) as { flowId: string }).flowId;
    const dialog = second.getByRole('dialog', { name: 'Someone else changed this phone number since you opened it' });

    await first.getByLabel(`Flow for ${number}`).selectOption({ label: 'Card services' });
    await expect.poll(stored).toBe('card-services');
    await second.getByLabel(`Flow for ${number}`).selectOption({ label: 'Internet tech support' });
    await dialog.waitFor();
    expect(await stored()).toBe('card-services');
    await dialog.getByRole('button', { name: 'Load their version' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await second.getByLabel(`Flow for ${number}`).inputValue()).toBe('card-services');

    await first.getByLabel(`Flow for ${number}`).selectOption({ label: 'Billing support' });
    await expect.poll(stored).toBe('billing-support');
    await second.getByLabel(`Flow for ${number}`).selectOption({ label: 'Internet tech support' });
    await dialog.getByRole('button', { name: 'Keep mine and overwrite' }).click();
    await expect.poll(stored).toBe('tech-support');
    await dialog.waitFor({ state: 'hidden' });
    await first.context().close();
    await second.context().close();
  });
});
