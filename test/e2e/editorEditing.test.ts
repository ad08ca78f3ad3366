import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser.ts';
import { requireBuiltClient } from './builtClient.ts';
import { canvasNode, connectHandles, copyOfFlow, createFlowViaApi, dismissMessages, getFlowViaApi, openEditor, sourceHandle, targetHandle, publishInEditor } from './editorHarness.ts';
import { startServer, type RunningServer } from './startServer.ts';

let server: RunningServer;
let browser: Browser;

const queues = [{ id: 'billing', name: 'billing team' }];

/** A call goes straight from the greeting to a transfer: the caller is never told why. */
const transferWithoutMessage = {
  id: 'no-message',
  name: 'Transfer without a message',
  nodes: [
    { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: { label: 'Call starts', greeting: 'Hello.' } },
    { id: 'transfer', kind: 'transfer', position: { x: 0, y: 400 }, data: { label: 'Billing team', queue: 'billing' } },
    { id: 'end', kind: 'end', position: { x: 300, y: 400 }, data: { label: 'Call back later', message: 'Please call again later.', disposition: 'abandoned' } },
    // Every flow needs a way for a sensitive matter (and a caller in danger) to reach a person, told why.
    { id: 'sensitive', kind: 'trigger', position: { x: 600, y: 0 }, data: { label: 'Sensitive matters', category: 'complex_or_sensitive', detectors: [{ signal: 'sensitive_topic' }] } },
    { id: 'tell_sensitive', kind: 'transparency', position: { x: 600, y: 200 }, data: { label: 'Why a specialist', text: 'I am connecting you to {{queue.name}} because {{handoff.reasonText}}.' } },
  ],
  edges: [
    { id: 'sensitive-fired', source: 'sensitive', sourcePort: 'fired', target: 'tell_sensitive' },
    { id: 'tell_sensitive-next', source: 'tell_sensitive', sourcePort: 'next', target: 'transfer' },
    { id: 'start-next', source: 'start', sourcePort: 'next', target: 'transfer' },
    { id: 'transfer-no_agent', source: 'transfer', sourcePort: 'no_agent', target: 'end' },
    { id: 'transfer-failed', source: 'transfer', sourcePort: 'failed', target: 'end' },
  ],
  settings: { queues },
};

const HOSTILE_LABEL = '<img src=x onerror=alert(1)>';
const hostileLabel = {
  id: 'hostile-label',
  name: 'Hostile label',
  nodes: [
    { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: { label: 'Call starts', greeting: 'Hello.' } },
    { id: 'say', kind: 'say', position: { x: 0, y: 200 }, data: { label: HOSTILE_LABEL, text: '<script>alert(2)</script> Thanks.' } },
    { id: 'end', kind: 'end', position: { x: 0, y: 400 }, data: { label: 'Goodbye', message: 'Goodbye.' } },
  ],
  edges: [
    { id: 'start-next', source: 'start', sourcePort: 'next', target: 'say' },
    { id: 'say-next', source: 'say', sourcePort: 'next', target: 'end' },
  ],
  settings: { queues },
};

describe('Flow editor editing', () => {
  beforeAll(async () => {
    requireBuiltClient();
    server = await startServer();
    browser = await launchBrowser();
    await createFlowViaApi(server, transferWithoutMessage);
    await createFlowViaApi(server, hostileLabel);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('When a transfer has no transparency message before it, then the issues panel flags it; clicking the issue selects the node; after fixing, publish succeeds', async () => {
    const flowId = await copyOfFlow(server, 'no-message');
    const page = await openEditor(browser, server, flowId);
    const issues = page.getByRole('region', { name: 'Issues' });
    const problem = issues.getByRole('button', { name: /without being told it is going to a person/ });
    await problem.waitFor();
    expect(await issues.getByRole('heading', { name: 'Errors (1)' }).isVisible()).toBe(true);

    await problem.click();
    await page.locator('.react-flow__node[data-id="transfer"].selected').waitFor();
    await page.getByRole('heading', { name: 'Transfer to a person' }).waitFor();
    expect(await page.getByRole('combobox', { name: 'Queue that takes the call' }).inputValue()).toBe('billing team');

    // See the whole flow again, then take the direct connection out.
    await page.getByRole('button', { name: 'Fit View' }).click();
    await page.locator('[data-testid="rf__edge-start-next"]').click();
    await page.keyboard.press('Delete');
    await page.locator('[data-testid="rf__edge-start-next"]').waitFor({ state: 'detached' });

    await page.getByRole('navigation', { name: 'Steps you can add' }).getByRole('button', { name: /Tell the caller/ }).click();
    await canvasNode(page, 'transparency_1').waitFor();
    await connectHandles(page, sourceHandle('start', 'next'), targetHandle('transparency_1'));
    await connectHandles(page, sourceHandle('transparency_1', 'next'), targetHandle('transfer'));
    await page.locator('[data-testid="rf__edge-transparency_1-next"]').waitFor();

    await problem.waitFor({ state: 'detached' });
    expect(await issues.getByRole('heading', { name: /^Errors/ }).count()).toBe(0);

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('All changes saved', { exact: true }).waitFor();
    await dismissMessages(page);
    await publishInEditor(page, 'First version, with a message before the transfer');
    await page.locator('.editor-header__title').getByText('v1 (published)', { exact: true }).waitFor();
    await page.locator('.editor-header__title').getByText('Draft, same as v1', { exact: true }).waitFor();

    const saved = await getFlowViaApi(server, flowId);
    expect(saved.nodes.map((n) => n.id)).toContain('transparency_1');
    const versions = (await (await fetch(`${server.url}/api/flows/${flowId}/versions`)).json()) as Array<{ publishedVersion: number; note?: string }>;
    expect(versions).toEqual([expect.objectContaining({ publishedVersion: 1, note: 'First version, with a message before the transfer' })]);
    await page.context().close();
  });

  it('When someone connects into the start or joins a used output, then it is refused with the reason', async () => {
    const flowId = await copyOfFlow(server, 'no-message');
    const page = await openEditor(browser, server, flowId);
    const edgesBefore = await page.locator('.react-flow__edge').count();
    await connectHandles(page, sourceHandle('transfer', 'connected'), `.react-flow__node[data-id="start"]`);
    await page.getByText('Nothing can lead into "Call starts"').waitFor();
    await dismissMessages(page);
    await connectHandles(page, sourceHandle('transfer', 'failed'), targetHandle('end'));
    await page.getByText('The "failed" output of "Billing team" already leads somewhere').waitFor();
    expect(await page.locator('.react-flow__edge').count()).toBe(edgesBefore);
    await page.context().close();
  });

  it('When a node label contains <img src=x onerror=alert(1)>, then it shows as text and no dialog opens', async () => {
    const dialogs: string[] = [];
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(`${server.url}/flows/hostile-label`);
    const node = canvasNode(page, 'say');
    await node.waitFor();
    expect(await node.innerText()).toContain(HOSTILE_LABEL);
    expect(await node.innerText()).toContain('<script>alert(2)</script> Thanks.');
    expect(await page.locator('img[src="x"]').count()).toBe(0);

    await node.click();
    expect(await page.getByLabel('Name on the canvas').inputValue()).toBe(HOSTILE_LABEL);
    expect(dialogs).toEqual([]);
    await context.close();
  });

  it('When a node with connections is deleted, then Ctrl+Z brings it back with its connections and Shift+Ctrl+Z deletes it again', async () => {
    const flowId = await copyOfFlow(server, 'billing-support');
    const page = await openEditor(browser, server, flowId);
    const edges = page.locator('.react-flow__edge');
    expect(await edges.count()).toBe(46);

    await canvasNode(page, 'say_rephrase').click();
    await page.keyboard.press('Delete');
    await canvasNode(page, 'say_rephrase').waitFor({ state: 'detached' });
    expect(await edges.count()).toBe(44);
    await page.getByText('Unsaved changes', { exact: true }).waitFor();

    await page.keyboard.press('Control+z');
    await canvasNode(page, 'say_rephrase').waitFor();
    await page.locator('[data-testid="rf__edge-main-no_match"]').waitFor();
    await page.locator('[data-testid="rf__edge-say_rephrase-next"]').waitFor();
    expect(await edges.count()).toBe(46);

    await page.keyboard.press('Control+Shift+z');
    await canvasNode(page, 'say_rephrase').waitFor({ state: 'detached' });
    expect(await edges.count()).toBe(44);

    // The same with the inspector's button, for people who do not use the keyboard.
    await canvasNode(page, 'say_balance').click();
    await page.getByRole('button', { name: 'Delete this step' }).click();
    await canvasNode(page, 'say_balance').waitFor({ state: 'detached' });
    expect(await edges.count()).toBe(42);
    await page.getByRole('button', { name: 'Undo' }).click();
    await canvasNode(page, 'say_balance').waitFor();
    expect(await edges.count()).toBe(44);
    await page.context().close();
  });

  it('When a node is dragged, then one Ctrl+Z puts it back where it was', async () => {
    const flowId = await copyOfFlow(server, 'billing-support');
    const page = await openEditor(browser, server, flowId);
    const node = canvasNode(page, 'end_resolved');
    const before = (await node.boundingBox())!;
    await page.mouse.move(before.x + 20, before.y + 20);
    await page.mouse.down();
    await page.mouse.move(before.x + 140, before.y + 20, { steps: 10 });
    await page.mouse.up();
    expect((await node.boundingBox())!.x).toBeGreaterThan(before.x + 100);
    // The drag becomes an undo step when it ends; as a person would, wait for Undo to be offered.
    await expect.poll(() => page.getByRole('button', { name: 'Undo' }).isEnabled()).toBe(true);

    await page.keyboard.press('Control+z');
    await expect.poll(async () => Math.round((await node.boundingBox())!.x)).toBe(Math.round(before.x));
    expect(await page.getByRole('button', { name: 'Undo' }).isDisabled()).toBe(true);
    await page.context().close();
  });

  it('When there are unsaved changes and the page is reloaded, then the browser asks first and the changes are offered back', async () => {
    const flowId = await copyOfFlow(server, 'billing-support');
    const page = await openEditor(browser, server, flowId);
    await canvasNode(page, 'say_rephrase').click();
    await page.keyboard.press('Delete');
    await page.getByText('Unsaved changes', { exact: true }).waitFor();
    const asked = new Promise<string>((resolve) =>
      page.once('dialog', (dialog) => {
        resolve(dialog.type());
        void dialog.accept();
      }),
    );
    await page.reload();
    expect(await asked).toBe('beforeunload');

    // The browser kept the changes: they are offered back after the reload.
    const offer = page.getByRole('dialog', { name: 'Restore unsaved changes?' });
    await offer.waitFor();
    await offer.getByRole('button', { name: 'Restore my changes' }).click();
    await canvasNode(page, 'say_rephrase').waitFor({ state: 'detached' });
    await page.getByText('Unsaved changes', { exact: true }).waitFor();
    expect(await page.locator('.react-flow__edge').count()).toBe(44);

    // Saved, there is nothing left to offer.
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('All changes saved', { exact: true }).waitFor();
    await page.reload();
    await canvasNode(page, 'main').waitFor();
    expect(await offer.count()).toBe(0);
    await page.context().close();
  });
});
