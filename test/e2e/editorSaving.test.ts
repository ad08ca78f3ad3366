import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser.ts';
import { requireBuiltClient } from './builtClient.ts';
import { canvasNode, copyOfFlow, createFlowViaApi, getFlowViaApi, openEditor, resultsDir, publishInEditor } from './editorHarness.ts';
import { startServer, type RunningServer } from './startServer.ts';

let server: RunningServer;
let browser: Browser;

async function renameStart(page: Page, name: string) {
  await canvasNode(page, 'start').click();
  const label = page.getByLabel('Name on the canvas');
  await label.fill(name);
  await canvasNode(page, 'start').getByText(name).waitFor();
}

describe('Flow editor saving', () => {
  beforeAll(async () => {
    requireBuiltClient();
    server = await startServer();
    browser = await launchBrowser();
    await createFlowViaApi(server, {
      id: 'unfinished',
      name: 'Unfinished',
      nodes: [
        { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: { label: 'Call starts', greeting: 'Hello.' } },
        { id: 'main', kind: 'ai', position: { x: 0, y: 200 }, data: { label: 'What does the caller need?', intents: [] } },
      ],
      edges: [{ id: 'start-next', source: 'start', sourcePort: 'next', target: 'main' }],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('When two people edit the same flow and the first saves, then the second gets the conflict dialog and "Save mine as a copy" keeps both', async () => {
    const flowId = await copyOfFlow(server, 'card-services');
    const ana = await openEditor(browser, server, flowId);
    const ben = await openEditor(browser, server, flowId);
    await renameStart(ana, 'Welcome (Ana)');
    await renameStart(ben, 'Welcome (Ben)');

    await ana.getByRole('button', { name: 'Save', exact: true }).click();
    await ana.getByText('All changes saved', { exact: true }).waitFor();

    await ben.keyboard.press('Control+s');
    const dialog = ben.getByRole('dialog', { name: 'Someone else saved this flow first' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('nothing has been overwritten');
    await dialog.getByRole('button', { name: 'Save mine as a copy' }).click();

    // The copy is named as every new flow is, from its name ("Card services (copy)"), the first free id.
    await ben.waitForURL(/\/flows\/card-services-copy(-\d+)?$/);
    const copyId = decodeURIComponent(new URL(ben.url()).pathname.split('/').pop()!);
    await ben.getByRole('heading', { level: 1, name: 'Card services (copy)' }).waitFor();
    await canvasNode(ben, 'start').getByText('Welcome (Ben)').waitFor();

    const original = await getFlowViaApi(server, flowId);
    const copy = await getFlowViaApi(server, copyId);
    expect(original.nodes.find((n) => n.id === 'start')?.data.label).toBe('Welcome (Ana)');
    expect(copy.nodes.find((n) => n.id === 'start')?.data.label).toBe('Welcome (Ben)');
    await ana.context().close();
    await ben.context().close();
  });

  it('When someone else saved first and I choose to load their version, then after confirming I see theirs', async () => {
    const flowId = await copyOfFlow(server, 'tech-support');
    const ana = await openEditor(browser, server, flowId);
    const ben = await openEditor(browser, server, flowId);
    await renameStart(ana, 'Hello from Ana');
    await renameStart(ben, 'Hello from Ben');
    await ana.getByRole('button', { name: 'Save', exact: true }).click();
    await ana.getByText('All changes saved', { exact: true }).waitFor();

    await ben.getByRole('button', { name: 'Save', exact: true }).click();
    const dialog = ben.getByRole('dialog', { name: 'Someone else saved this flow first' });
    await dialog.getByRole('button', { name: 'Load their version' }).click();
    await dialog.getByRole('button', { name: 'Discard my changes and load theirs' }).click();
    await canvasNode(ben, 'start').getByText('Hello from Ana').waitFor();
    await ben.getByText('All changes saved', { exact: true }).waitFor();
    await ana.context().close();
    await ben.context().close();
  });

  it('When an admin builds an AI step from the palette and pastes example phrases, then each line becomes a phrase and it survives a reload', async () => {
    const flowId = await copyOfFlow(server, 'billing-support');
    const page = await openEditor(browser, server, flowId);
    const item = page.getByRole('navigation', { name: 'Steps you can add' }).getByRole('button', { name: /AI conversation/ });
    const pane = (await page.locator('.react-flow__pane').boundingBox())!;
    await item.dragTo(page.locator('.react-flow__pane'), { targetPosition: { x: pane.width / 2, y: 60 } });
    await canvasNode(page, 'ai_1').waitFor();
    await page.getByRole('heading', { name: 'AI conversation', level: 2 }).waitFor();
    expect(await canvasNode(page, 'ai_1').innerText()).toContain('No intents yet');

    await page.getByRole('button', { name: 'Add an intent' }).click();
    await page.getByLabel('Intent 1 name').fill('Opening hours');
    await page.getByLabel('Example phrases for intent 1').fill('when are you open\nwhat are your hours\nare you open on sunday');
    await page.getByText('3 phrases; one per line').waitFor();
    expect(await canvasNode(page, 'ai_1').innerText()).toContain('Opening hours');
    await page.screenshot({ path: join(resultsDir, 'editor-ai-inspector.png') });

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('All changes saved', { exact: true }).waitFor();
    await page.reload();
    await canvasNode(page, 'ai_1').waitFor();
    expect(await canvasNode(page, 'ai_1').innerText()).toContain('Opening hours');
    const saved = await getFlowViaApi(server, flowId);
    const ai = saved.nodes.find((n) => n.id === 'ai_1');
    expect(ai?.data.intents).toEqual([expect.objectContaining({ name: 'opening_hours', label: 'Opening hours', examples: ['when are you open', 'what are your hours', 'are you open on sunday'] })]);
    await page.context().close();
  });

  it('When a message is edited in the inspector, then the node shows it, the speaking time is estimated, and its issue leads back to the field', async () => {
    const flowId = await copyOfFlow(server, 'billing-support');
    const page = await openEditor(browser, server, flowId);
    await canvasNode(page, 'say_rephrase').click();
    const text = page.getByRole('textbox', { name: 'What to say' });
    await text.fill('Sorry, could you say that again?');
    await canvasNode(page, 'say_rephrase').getByText('Sorry, could you say that again?').waitFor();
    await page.getByText(/About \d+ seconds? to say/).waitFor();
    await text.fill('');
    await page.getByText('write what to say', { exact: true }).waitFor();

    // From the issue back to the very field it is about.
    await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
    await text.waitFor({ state: 'detached' });
    await page.getByRole('region', { name: 'Issues' }).getByRole('button', { name: /write what to say/ }).click();
    await expect.poll(() => page.locator('textarea:focus').getAttribute('data-field')).toBe('text');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Not saved').waitFor();
    await page.context().close();
  });

  it('When a flow still has errors, then Publish is refused with the list of what to fix, and an issue opens the field to fix', async () => {
    const flowId = await copyOfFlow(server, 'unfinished');
    const page = await openEditor(browser, server, flowId);
    await publishInEditor(page);
    const dialog = page.getByRole('dialog', { name: 'This flow cannot be published yet' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('Add at least one intent');
    await dialog.getByRole('button', { name: 'OK' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.getByText('Not published yet').isVisible()).toBe(true);

    await page.getByRole('region', { name: 'Issues' }).getByRole('button', { name: /Add at least one intent/ }).click();
    await expect.poll(() => page.locator('button:focus').innerText()).toBe('Add an intent');
    await page.context().close();
  });
});
