import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browser, canvasNode, copyOfFlow, openEditor, resultsDir, server, useServerAndBrowser } from './editorHarness.ts';

describe('Flow editor on smaller screens and by keyboard', () => {
  useServerAndBrowser();

  it('When the editor is opened at 1024×768, then its header is one row of actions beside the name, and the canvas keeps most of the height', async () => {
    const page = await openEditor(browser, server, await copyOfFlow(server, 'billing-support'), { width: 1024, height: 768 });
    const header = (await page.locator('.editor-header').boundingBox())!;
    expect(header.height).toBeLessThanOrEqual(72);
    for (const name of ['Shortcuts', 'What if…', 'Flow settings', 'Tidy up', 'Undo', 'Redo', 'Save', 'Publish']) {
      const box = (await page.getByRole('button', { name, exact: true }).or(page.getByRole('link', { name, exact: true })).boundingBox())!;
      expect(box.y + box.height, name).toBeLessThanOrEqual(header.y + header.height);
      expect(box.x + box.width, name).toBeLessThanOrEqual(1024);
    }
    for (const text of ['Billing support', 'Draft', 'Not published yet', 'All changes saved']) {
      const box = (await page.locator('.editor-header__title').getByText(text, { exact: true }).boundingBox())!;
      expect(box.y + box.height, text).toBeLessThanOrEqual(header.y + header.height);
    }
    const canvas = (await page.locator('.react-flow').boundingBox())!;
    expect(canvas.height).toBeGreaterThan(768 * 0.7);
    await page.screenshot({ path: join(resultsDir, 'editor-1024.png') });
    await page.context().close();
  });

  it('When a step or a connection gets keyboard focus, then a focus ring shows where it is', async () => {
    const page = await openEditor(browser, server, await copyOfFlow(server, 'billing-support'));
    // Focus arrives by keyboard, so the browser shows focus as it does for a keyboard user.
    await page.keyboard.press('Tab');
    await page.locator('.react-flow__node[data-id="main"]').focus();
    const ring = await canvasNode(page, 'main').locator('.flow-node').evaluate((el) => {
      const style = el.ownerDocument.defaultView!.getComputedStyle(el);
      return { style: style.outlineStyle, width: style.outlineWidth };
    });
    expect(ring).toEqual({ style: 'solid', width: '3px' });

    const edge = page.locator('.react-flow__edge[data-id="start-next"]');
    await edge.focus();
    const stroke = await edge.locator('.react-flow__edge-path').evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).strokeWidth);
    expect(stroke).toBe('4px');
    await page.screenshot({ path: join(resultsDir, 'editor-focus.png') });
    await page.context().close();
  });

  it('When the conversation tests have run at 1440 px, then each card shows "Passed" in full', async () => {
    const page = await openEditor(browser, server, await copyOfFlow(server, 'billing-support'));
    await page.getByRole('tab', { name: 'Tests' }).click();
    await page.getByRole('button', { name: 'Run all tests' }).click();
    const badges = page.locator('.tests__item .mantine-Badge-root');
    await badges.first().getByText('Passed').waitFor();
    const cut = await badges.evaluateAll((els) => els.filter((el) => {
      const label = el.querySelector('.mantine-Badge-label') ?? el;
      return label.scrollWidth > label.clientWidth;
    }).length);
    expect(cut).toBe(0);
    expect(await badges.first().innerText()).toMatch(/^passed$/i);
    await page.context().close();
  });
});
