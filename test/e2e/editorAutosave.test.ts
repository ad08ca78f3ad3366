import { describe, expect, it } from 'vitest';
import { browser, canvasNode, copyOfFlow, getFlowViaApi, openEditor, server, useServerAndBrowser } from './editorHarness.ts';

describe('Flow editor autosave', () => {
  useServerAndBrowser();

  it('When the admin stops typing, then the change is saved to the server on its own and the header says all changes are saved', async () => {
    const flowId = await copyOfFlow(server, 'billing-support');
    const before = await getFlowViaApi(server, flowId);
    const page = await openEditor(browser, server, flowId);
    await canvasNode(page, 'say_rephrase').click();
    const text = page.getByRole('textbox', { name: 'What to say' });
    await text.fill('Sorry, I did not catch that. Could you say it again?');
    await page.getByText('Unsaved changes', { exact: true }).waitFor();

    await page.getByText('All changes saved', { exact: true }).waitFor({ timeout: 15_000 });
    const after = await getFlowViaApi(server, flowId);
    expect(after.version).toBeGreaterThan(before.version);
    expect(after.nodes.find((n) => n.id === 'say_rephrase')?.data.text).toBe('Sorry, I did not catch that. Could you say it again?');
    // The header speaks of the draft, not of its save counter, which it keeps for a tooltip.
    expect(await page.locator('.editor-header__version span').getAttribute('title')).toBe(`Saved ${after.version} times in all`);
    await page.context().close();
  });

  it('When the flow has a problem the server will not store, then nothing is saved on its own until it is fixed', async () => {
    const flowId = await copyOfFlow(server, 'billing-support');
    const before = await getFlowViaApi(server, flowId);
    const page = await openEditor(browser, server, flowId);
    await canvasNode(page, 'say_rephrase').click();
    const text = page.getByRole('textbox', { name: 'What to say' });
    await text.fill('');
    await page.getByText('write what to say', { exact: true }).waitFor();
    await page.waitForTimeout(4000);
    expect((await getFlowViaApi(server, flowId)).version).toBe(before.version);
    expect(await page.getByText('Unsaved changes', { exact: true }).count()).toBe(1);

    await text.fill('Could you say that once more?');
    await page.getByText('All changes saved', { exact: true }).waitFor({ timeout: 15_000 });
    const after = await getFlowViaApi(server, flowId);
    expect(after.version).toBeGreaterThan(before.version);
    expect(after.nodes.find((n) => n.id === 'say_rephrase')?.data.text).toBe('Could you say that once more?');
    await page.context().close();
  });

  it('When someone else saved first, then autosave opens the conflict dialog and overwrites nothing', async () => {
    const flowId = await copyOfFlow(server, 'card-services');
    const ana = await openEditor(browser, server, flowId);
    const ben = await openEditor(browser, server, flowId);
    const rename = async (page: typeof ana, name: string) => {
      await canvasNode(page, 'start').click();
      await page.getByLabel('Name on the canvas').fill(name);
      await canvasNode(page, 'start').getByText(name).waitFor();
    };
    await rename(ana, 'Welcome (Ana)');
    await ana.getByText('All changes saved', { exact: true }).waitFor({ timeout: 15_000 });
    const anas = await getFlowViaApi(server, flowId);

    await rename(ben, 'Welcome (Ben)');
    await ben.getByRole('dialog', { name: 'Someone else saved this flow first' }).waitFor({ timeout: 15_000 });
    await ben.getByText('Could not save: someone else saved this flow first', { exact: true }).waitFor();
    const now = await getFlowViaApi(server, flowId);
    expect(now.version).toBe(anas.version);
    expect(now.nodes.find((n) => n.id === 'start')?.data.label).toBe('Welcome (Ana)');
    await ana.context().close();
    await ben.context().close();
  });
});
