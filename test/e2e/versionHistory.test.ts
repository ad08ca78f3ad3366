import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browser, copyOfFlow, getFlowViaApi, openEditor, resultsDir, server, useServerAndBrowser } from './editorHarness.ts';

useServerAndBrowser();

async function api(path: string, init: RequestInit = {}): Promise<unknown> {
  const response = await fetch(`${server.url}${path}`, { ...init, headers: { 'Content-Type': 'application/json', ...init.headers } });
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

describe('Version history', () => {
  it('When a raised-voice threshold was lowered in v2, then the history shows what changed by the trigger\'s name, and rolling back publishes v1 again as v3, at 1024×768', async () => {
    const flowId = await copyOfFlow(server, 'billing-support');
    await api(`/api/flows/${flowId}/publish`, { method: 'POST' });
    const flow = await getFlowViaApi(server, flowId);
    const trigger = flow.nodes.find((n) => n.id === 'trigger_frustrated')!;
    trigger.data.detectors = (trigger.data.detectors as Array<Record<string, unknown>>).map((d) => (d.signal === 'raised_voice' ? { ...d, deltaDb: 6 } : d));
    await api(`/api/flows/${flowId}`, { method: 'PUT', body: JSON.stringify(flow), headers: { 'If-Match': `"${flow.version}"` } });
    await api(`/api/flows/${flowId}/publish`, { method: 'POST' });

    const page = await openEditor(browser, server, flowId, { width: 1024, height: 768 });
    await page.locator('.editor-header__title').getByText('v2 (published)', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'History' }).click();
    const drawer = page.getByRole('dialog', { name: 'Version history' });
    const list = drawer.getByRole('table', { name: 'Published versions' });
    await list.getByText('v2 (published)').waitFor();
    await page.screenshot({ path: join(resultsDir, 'version-history.png') });
    await drawer.getByRole('button', { name: 'What changed in v2' }).click();
    // The comparison opens on a canvas of v2, the changed trigger marked, and the list beside it.
    const viewer = page.getByRole('dialog', { name: 'v1 → v2' });
    const changed = viewer.getByRole('region', { name: 'What changed' }).getByRole('region', { name: 'Steps changed' });
    await changed.getByText(String(trigger.data.label)).waitFor();
    expect(await changed.innerText()).toMatch(/Raised voice: louder by \(dB\): 12 → 6/);
    const marked = viewer.getByRole('group', { name: `Changed (1 setting): ${String(trigger.data.label)}` });
    await marked.waitFor();
    expect(await viewer.locator('.react-flow__node').count()).toBe(flow.nodes.length);
    expect(await viewer.locator('.react-flow__node.diff--added, .react-flow__node.diff--removed').count()).toBe(0);
    // Picking the marked step finds it in the list.
    await marked.focus();
    await page.keyboard.press('Enter');
    await changed.locator('li.is-picked').getByText(String(trigger.data.label)).waitFor();
    await page.screenshot({ path: join(resultsDir, 'version-diff-on-canvas.png'), animations: 'disabled' });
    // Any version opens read-only on its own: nothing marked, nothing to drag.
    await viewer.getByRole('combobox', { name: 'Compared with' }).selectOption({ label: 'Nothing: this version alone' });
    await page.getByRole('dialog', { name: 'v2, read only' }).getByRole('combobox', { name: 'Show' }).selectOption({ label: 'v1' });
    const v1 = page.getByRole('dialog', { name: 'v1, read only' });
    await v1.locator('.react-flow__node').first().waitFor();
    expect(await v1.getByRole('region', { name: 'What changed' }).count()).toBe(0);
    expect(await v1.locator('.react-flow__node.draggable').count()).toBe(0);
    await page.keyboard.press('Escape');
    await v1.waitFor({ state: 'hidden' });

    await drawer.getByRole('button', { name: 'Roll back to v1' }).click();
    await page.getByRole('dialog', { name: 'Roll back to v1?' }).getByRole('button', { name: 'Roll back' }).click();
    await list.getByText('v3 (published)').waitFor();
    await list.getByText(/v1 published again/).waitFor();
    await page.locator('.editor-header__title').getByText('v3 (published)', { exact: true }).waitFor();
    const versions = (await api(`/api/flows/${flowId}/versions`)) as Array<{ publishedVersion: number; rolledBackFrom?: number }>;
    expect(versions.at(-1)).toMatchObject({ publishedVersion: 3, rolledBackFrom: 1 });
    const v3 = (await api(`/api/flows/${flowId}/versions/3`)) as { flow: { nodes: Array<{ id: string; data: { detectors?: Array<{ signal: string; deltaDb?: number }> } }> } };
    expect(v3.flow.nodes.find((n) => n.id === 'trigger_frustrated')!.data.detectors!.find((d) => d.signal === 'raised_voice')!.deltaDb).toBe(12);
    await page.context().close();
  });
});
