import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browser, canvasNode, copyOfFlow, openEditor, resultsDir, server, useServerAndBrowser } from './editorHarness.ts';

describe('Flow editor canvas', () => {
  useServerAndBrowser();

  it('When an admin opens the billing example, then the canvas shows its nodes with what each does, and the issues panel is clean', async () => {
    const flowId = await copyOfFlow(server, 'billing-support');
    const page = await openEditor(browser, server, flowId);
    await page.getByRole('heading', { level: 1, name: 'Billing support' }).waitFor();
    expect(await page.locator('.editor-header__version').getByText('Draft', { exact: true }).isVisible()).toBe(true);

    expect(await canvasNode(page, 'trigger_person').innerText()).toContain('Caller asks for a person');
    expect(await canvasNode(page, 'trigger_frustrated').innerText()).toContain('Caller sounds frustrated, over the last 2 turns');
    expect(await canvasNode(page, 'main').innerText()).toContain('refund');
    expect(await canvasNode(page, 'transfer_billing').innerText()).toContain('Queue: billing team');
    expect(await canvasNode(page, 'tell_handoff').innerText()).toContain("I'm connecting you to our {{queue.name}}");
    expect(await page.locator('.react-flow__edge').count()).toBe(46);

    const issues = page.getByRole('region', { name: 'Issues' });
    expect(await issues.innerText()).toContain('No issues found');

    for (const kind of ['Call starts', 'AI conversation', 'Handoff trigger', 'Tell the caller', 'Transfer to a person', 'End the call']) {
      expect(await page.getByRole('navigation', { name: 'Steps you can add' }).getByRole('button', { name: new RegExp(kind) }).isVisible()).toBe(true);
    }
    await page.screenshot({ path: join(resultsDir, 'editor-billing.png') });

    // Zoomed in on the handoff triggers, the way an analyst would read them.
    const trigger = await canvasNode(page, 'trigger_frustrated').boundingBox();
    await page.mouse.move(trigger!.x + trigger!.width / 2, trigger!.y + trigger!.height);
    for (let i = 0; i < 4; i++) await page.mouse.wheel(0, -200);
    const scale = async () => Number(/scale\(([\d.]+)\)/.exec((await page.locator('.react-flow__viewport').getAttribute('style')) ?? '')?.[1] ?? 0);
    await expect.poll(scale).toBeGreaterThanOrEqual(0.9);
    await page.screenshot({ path: join(resultsDir, 'editor-billing-zoomed.png') });
    await page.context().close();
  });

  it('When someone clicks "Tidy up", then every step is laid out in rows without overlapping, and Ctrl+Z puts them back', async () => {
    const flowId = await copyOfFlow(server, 'billing-support');
    const page = await openEditor(browser, server, flowId);
    const start = canvasNode(page, 'start');
    const before = (await start.boundingBox())!;
    await page.getByRole('button', { name: 'Tidy up' }).click();
    await expect.poll(async () => (await start.boundingBox())!.x).not.toBe(before.x);

    const boxes = await Promise.all((await page.locator('.react-flow__node').all()).map(async (n) => (await n.boundingBox())!));
    const overlaps = boxes.flatMap((a, i) =>
      boxes.slice(i + 1).filter((b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height),
    );
    expect(overlaps).toEqual([]);
    await page.screenshot({ path: join(resultsDir, 'editor-billing-tidy.png') });

    // Node positions on the canvas (not on screen) are in each node's transform; the stored start is at 0, 0.
    expect(await start.getAttribute('style')).not.toContain('translate(0px, 0px)');
    await page.keyboard.press('Control+z');
    await expect.poll(() => start.getAttribute('style')).toContain('translate(0px, 0px)');
    expect(await canvasNode(page, 'trigger_person').getAttribute('style')).toContain('translate(800px, 0px)');
    await page.context().close();
  });

  it('When someone opens a flow that does not exist, then the page says so with a way back', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/flows/no-such-flow`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('Could not load this flow');
    await alert.getByRole('link', { name: 'Go back to all flows' }).click();
    await page.getByRole('table').waitFor();
    await context.close();
  });
});
