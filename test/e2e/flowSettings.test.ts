import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browser, copyOfFlow, getFlowViaApi, openEditor, resultsDir, server, useServerAndBrowser } from './editorHarness.ts';

async function api<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<T>;
}

describe('Flow settings', () => {
  useServerAndBrowser();

  it('When the admin rewords why callers asked for a person and applies, then the flow is saved and callers hear the new wording', async () => {
    const flowId = await copyOfFlow(server, 'billing-support');
    const page = await openEditor(browser, server, flowId);
    await page.getByRole('button', { name: 'Flow settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Flow settings' });
    await dialog.waitFor();
    const asked = dialog.getByRole('textbox', { name: 'They asked for a person' });
    await asked.fill("you'd like to talk to one of our team");
    await dialog.getByText("Callers hear: “I'm connecting you to the billing team because you'd like to talk to one of our team.”").waitFor();
    // The dialog fades in; a screenshot before the end of the fade shows the editor through it.
    await expect.poll(() => dialog.evaluate((el) => el.ownerDocument.defaultView?.getComputedStyle(el).opacity)).toBe('1');
    await page.screenshot({ path: join(resultsDir, 'flow-settings-dialog.png') });
    await dialog.getByText('Understanding the caller').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(resultsDir, 'flow-settings-dialog-end.png') });

    await dialog.getByRole('button', { name: 'Apply' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('All changes saved', { exact: true }).waitFor({ timeout: 15_000 });

    const stored = (await getFlowViaApi(server, flowId)) as unknown as { settings: { reasonTexts: Record<string, string> } };
    expect(stored.settings.reasonTexts.explicit_request).toBe("you'd like to talk to one of our team");

    const { callId } = await api<{ callId: string }>('/api/calls', { flowId, version: 'draft', transfers: 'manual' });
    const turn = await api<{ actions: { type: string; text?: string }[] }>(`/api/calls/${callId}/turns`, { text: 'let me talk to a real person' });
    const said = turn.actions.filter((a) => a.type === 'say').map((a) => a.text ?? '');
    expect(said.some((text) => text.includes("because you'd like to talk to one of our team"))).toBe(true);
    await page.context().close();
  });

  it('When the admin removes a queue that a transfer step uses, then it is refused, naming the step', async () => {
    const flowId = await copyOfFlow(server, 'billing-support');
    const page = await openEditor(browser, server, flowId);
    await page.getByRole('button', { name: 'Flow settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Flow settings' });
    await dialog.getByRole('button', { name: 'Remove the queue billing team' }).click();
    await dialog.getByText('The step “Billing team” sends calls to this queue. Choose another queue there first.').waitFor();
    expect(await dialog.getByRole('textbox', { name: 'Name callers hear' }).count()).toBe(2);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.getByText('All changes saved', { exact: true }).count()).toBe(1);
    await page.context().close();
  });

  it('When a queue name is emptied, then Apply is refused with the reason in plain words', async () => {
    const flowId = await copyOfFlow(server, 'billing-support');
    const page = await openEditor(browser, server, flowId);
    await page.getByRole('button', { name: 'Flow settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Flow settings' });
    await dialog.getByRole('textbox', { name: 'Name callers hear' }).first().fill('');
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await dialog.getByText('Write the name callers hear, in 80 characters or fewer.').waitFor();
    expect(await dialog.isVisible()).toBe(true);
    await page.context().close();
  });
});
