import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browser, resultsDir, server, useServerAndBrowser } from './editorHarness.ts';

describe('Phone numbers', () => {
  useServerAndBrowser();

  it('When an admin gives a number to the billing flow, then it is listed, kept, and a number written wrongly is refused with what to write', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await page.goto(server.url);
    await page.getByRole('link', { name: 'Phone numbers' }).click();
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
});
