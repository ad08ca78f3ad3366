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
    await drawer.getByRole('button', { name: 'What changed in v2' }).click();
    const changed = drawer.getByRole('region', { name: 'Steps changed' });
    await changed.getByText(String(trigger.data.label)).waitFor();
    await changed.getByText(/louder by/).waitFor();
    expect(await changed.innerText()).toMatch(/Raised voice: louder by \(dB\): 12 → 6/);
    await page.screenshot({ path: join(resultsDir, 'version-history.png') });

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
