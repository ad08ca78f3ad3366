import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browser, resultsDir, server, useServerAndBrowser } from './editorHarness.ts';

describe('Simulated callers', () => {
  useServerAndBrowser();

  it('When an analyst makes the impatient caller ask for a person at once and saves, then it stays that way after a reload and simulations get it', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await page.goto(server.url);
    await page.getByRole('link', { name: 'Simulated callers' }).click();
    await page.getByRole('heading', { name: 'Simulated callers', level: 1 }).waitFor();
    await page.getByRole('navigation', { name: 'Simulated callers' }).getByText('Impatient caller').click();
    const form = page.getByRole('form', { name: 'Edit Impatient caller' });
    await form.getByLabel('Asks for a person as their very first words').check();
    await form.getByLabel('Patience').fill('3');
    await page.screenshot({ path: join(resultsDir, 'personas.png') });
    await form.getByRole('button', { name: 'Save Impatient caller' }).click();
    await form.getByText('Saved. Simulations use it from now on.').waitFor();

    // Bad input is refused where it is typed: a caller with nothing to say cannot be saved.
    await form.getByLabel('How they ask for a person (one per line)').fill('');
    expect(await form.getByRole('button', { name: 'Save Impatient caller' }).isDisabled()).toBe(true);

    await page.reload();
    await page.getByRole('navigation', { name: 'Simulated callers' }).getByText('Impatient caller').click();
    expect(await page.getByRole('form', { name: 'Edit Impatient caller' }).getByLabel('Asks for a person as their very first words').isChecked()).toBe(true);
    const stored = (await (await fetch(`${server.url}/api/personas`)).json()) as { id: string; asksAtOnce: boolean; patienceTurns: number }[];
    expect(stored.find((p) => p.id === 'impatient')).toMatchObject({ asksAtOnce: true, patienceTurns: 3 });
    await page.context().close();
  });

  it('When real callers asked for their balance in their own words, then the analyst adds those words to a simulated caller with one click and saves them', async () => {
    for (let i = 0; i < 2; i++) {
      const start = await fetch(`${server.url}/api/calls`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ flowId: 'billing-support' }) });
      const { callId } = (await start.json()) as { callId: string };
      for (const body of [{ text: 'how much do I owe you right now' }, { hangup: true }])
        await fetch(`${server.url}/api/calls/${callId}/turns`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    }
    const page = await (await browser.newContext({ viewport: { width: 1024, height: 768 } })).newPage();
    await page.goto(`${server.url}/personas`);
    await page.getByRole('navigation', { name: 'Simulated callers' }).getByText('Calm regular').click();
    const form = page.getByRole('form', { name: 'Edit Calm regular' });
    // The first thing they call about is their balance.
    await form.getByRole('button', { name: 'Add how real callers said it' }).first().click();
    await form.getByText('Added 1 phrase real callers said. Save to keep them.').waitFor();
    expect(await form.getByLabel('How they say it (one per line)').first().inputValue()).toMatch(/\nhow much do i owe you right now$/);
    await form.getByRole('button', { name: 'Save Calm regular' }).click();
    await form.getByText('Saved. Simulations use it from now on.').waitFor();
    const stored = (await (await fetch(`${server.url}/api/personas/calm-regular`)).json()) as { wants: Array<{ intent: string; utterances: string[] }> };
    expect(stored.wants[0].utterances).toContain('how much do i owe you right now');
    await page.context().close();
  });

  it('When two analysts edit the same caller, then the second save asks whose version to keep, and keeping mine saves it', async () => {
    const open = async () => {
      const page = await (await browser.newContext({ viewport: { width: 1024, height: 768 } })).newPage();
      await page.goto(`${server.url}/personas`);
      await page.getByRole('navigation', { name: 'Simulated callers' }).getByText('Calm regular').click();
      return page.getByRole('form', { name: /^Edit Calm/ });
    };
    const first = await open();
    const second = await open();
    await first.getByLabel('Patience').fill('7');
    await first.getByRole('button', { name: /^Save/ }).click();
    await first.getByText('Saved. Simulations use it from now on.').waitFor();

    await second.getByLabel('Patience').fill('9');
    await second.getByRole('button', { name: /^Save/ }).click();
    const dialog = second.page().getByRole('dialog', { name: 'Someone else changed this simulated caller since you opened it' });
    await dialog.getByRole('button', { name: 'Keep mine and overwrite' }).click();
    await second.getByText('Saved. Simulations use it from now on.').waitFor();
    const stored = (await (await fetch(`${server.url}/api/personas/calm-regular`)).json()) as { patienceTurns: number };
    expect(stored.patienceTurns).toBe(9);
    await first.page().context().close();
    await second.page().context().close();
  });
});
