import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browser, canvasNode, connectHandles, copyOfFlow, getFlowViaApi, openEditor, resultsDir, server, sourceHandle, targetHandle, useServerAndBrowser } from './editorHarness.ts';


/** Drags a palette item onto the canvas so the new node's middle lands at (x, y) inside the canvas. */
async function dropStep(page: Page, kind: RegExp, x: number, y: number) {
  const item = page.getByRole('navigation', { name: 'Steps you can add' }).getByRole('button', { name: kind });
  await item.dragTo(page.locator('.react-flow__pane'), { targetPosition: { x, y } });
}

describe('Building a flow', () => {
  useServerAndBrowser();

  it('When an admin builds a flow from an empty canvas with the palette, connects it, fills the forms and saves, then after a reload everything is still there', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByRole('button', { name: 'New flow' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create a flow' });
    await dialog.getByLabel('Name').fill('Opening hours line');
    await dialog.getByRole('button', { name: 'Create and open' }).click();
    await page.waitForURL(/\/flows\/opening-hours-line$/);
    await page.getByRole('heading', { level: 1, name: 'Opening hours line' }).waitFor();
    await canvasNode(page, 'start').waitFor();

    // The start sits in the middle of the canvas (about 440, 395); the handoff path goes along the top.
    await dropStep(page, /Handoff trigger/, 130, 130);
    await canvasNode(page, 'trigger_1').waitFor();
    await dropStep(page, /Tell the caller/, 400, 130);
    await canvasNode(page, 'transparency_1').waitFor();
    await dropStep(page, /Transfer to a person/, 660, 130);
    await canvasNode(page, 'transfer_1').waitFor();
    await dropStep(page, /AI conversation/, 440, 560);
    await canvasNode(page, 'ai_1').waitFor();

    await page.getByRole('button', { name: 'Add an intent' }).click();
    await page.getByLabel('Intent 1 name').fill('hours');
    await page.getByLabel('Example phrases for intent 1').fill('when are you open\nwhat are your hours\nare you open today');
    await page.getByRole('button', { name: 'Add an intent' }).click();
    await page.getByLabel('Intent 2 name').fill('address');
    await page.getByLabel('Example phrases for intent 2').fill('where are you\nwhat is your address\nhow do I find you');
    await canvasNode(page, 'ai_1').getByText('hours, address').waitFor();

    await dropStep(page, /Say something/, 200, 720);
    await canvasNode(page, 'say_1').waitFor();
    await page.getByRole('textbox', { name: 'What to say' }).fill('We are open from 8 am to 8 pm, Monday to Saturday.');

    await connectHandles(page, sourceHandle('start', 'next'), targetHandle('ai_1'));
    await connectHandles(page, sourceHandle('ai_1', 'hours'), targetHandle('say_1'));
    await connectHandles(page, sourceHandle('trigger_1', 'fired'), targetHandle('transparency_1'));
    await connectHandles(page, sourceHandle('transparency_1', 'next'), targetHandle('transfer_1'));
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(4);

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('All changes saved', { exact: true }).waitFor();
    await page.reload();
    await canvasNode(page, 'ai_1').waitFor();
    expect(await page.locator('.react-flow__node').count()).toBe(6);
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(4);
    expect(await canvasNode(page, 'ai_1').innerText()).toContain('hours, address');
    expect(await canvasNode(page, 'say_1').innerText()).toContain('We are open from 8 am to 8 pm');
    expect(await canvasNode(page, 'trigger_1').innerText()).toContain('Caller asks for a person');

    await page.screenshot({ path: join(resultsDir, 'editor-built-flow.png') });

    const saved = await getFlowViaApi(server, 'opening-hours-line');
    expect(saved.edges.map((e) => e.id).sort()).toEqual(['ai_1-hours', 'start-next', 'transparency_1-next', 'trigger_1-fired']);
    await context.close();
  });

  it('When an admin makes a blank flow and adds a transfer, then it hands calls to a queue of Settings → Queues; once that queue is gone, the issues panel says so as an error', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByRole('button', { name: 'New flow' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create a flow' });
    await dialog.getByLabel('Name').fill('Blank with a transfer');
    await dialog.getByRole('button', { name: 'Create and open' }).click();
    await page.waitForURL(/\/flows\/blank-with-a-transfer$/);
    await canvasNode(page, 'start').waitFor();
    const stored = (await getFlowViaApi(server, 'blank-with-a-transfer')) as unknown as { settings: { queues: Array<{ id: string; name: string }> } };
    expect(stored.settings.queues).toEqual([expect.objectContaining({ id: 'billing', name: 'Billing team' })]);

    await dropStep(page, /Transfer to a person/, 660, 130);
    await canvasNode(page, 'transfer_1').getByText('Queue: Billing team').waitFor();
    const issues = page.getByRole('region', { name: 'Issues' });
    await issues.getByText(/No call can reach "Transfer"/).first().waitFor();
    expect(await issues.innerText()).not.toMatch(/queue/i);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('All changes saved', { exact: true }).waitFor();

    // The contact center closes its billing queue: the transfer would now reach nobody.
    const billing = await (await fetch(`${server.url}/api/queues/billing`)).json();
    const gone = await fetch(`${server.url}/api/queues/billing`, { method: 'DELETE' });
    expect(gone.ok).toBe(true);
    await page.reload();
    await canvasNode(page, 'transfer_1').waitFor();
    await issues.getByText(/"Billing team" \(queue "billing"\), which is not in Settings → Queues/).waitFor();
    await context.close();
    // Put the queue back for whatever runs next on this server.
    await fetch(`${server.url}/api/queues`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(billing) });
  });

  it('When a transfer asks for a skill no agent has, then the issues panel warns that its callers can never reach a person and says what to do', async () => {
    const flowId = await copyOfFlow(server, 'billing-support');
    const flow = await getFlowViaApi(server, flowId);
    flow.nodes.find((n) => n.id === 'transfer_billing')!.data.skills = ['billing', 'sign_language'];
    const saved = await fetch(`${server.url}/api/flows/${flowId}`, { method: 'PUT', headers: { 'Content-Type': 'application/json', 'If-Match': `"${flow.version}"` }, body: JSON.stringify(flow) });
    expect(saved.ok).toBe(true);
    const page = await openEditor(browser, server, flowId, { width: 1024, height: 768 });
    const issues = page.getByRole('region', { name: 'Issues' });
    await issues.getByText(/No agent has every skill "Billing team" asks for \(billing, sign_language\), so its callers can never reach a person/).waitFor();
    await page.screenshot({ path: join(resultsDir, 'editor-nobody-skilled.png') });
    await page.context().close();
  });
});
