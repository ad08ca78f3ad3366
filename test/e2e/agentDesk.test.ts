import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browser, resultsDir, server, useServerAndBrowser } from './editorHarness.ts';
import { openAllDay } from './openAllDay.ts';

async function api<T>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${server.url}${path}`, body === undefined ? {} : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<T>;
}

describe('Agent desk', () => {
  useServerAndBrowser();

  it('When a caller asks for a person and the available agent accepts and wraps up, then the page shows the briefing, the call and then waits again', async () => {
    await mkdir(resultsDir, { recursive: true });
    await openAllDay(server.url, 'billing');
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 1100 } })).newPage();
    await page.goto(`${server.url}/agent?agent=amara-okafor`);
    await page.getByRole('heading', { name: 'Agent desk', level: 1 }).waitFor();
    // Mantine draws the status choices as labels over hidden radio buttons; a person clicks the label.
    await page.locator('label', { hasText: /^Available$/ }).click();
    await page.getByRole('heading', { name: 'Waiting for a call' }).waitFor();
    expect((await api<{ status: string }>('/api/desk/agents/amara-okafor/state')).status).toBe('available');

    // A caller reaches the AI and asks for a person.
    const { callId } = await api<{ callId: string }>('/api/calls', { flowId: 'billing-support', version: 'draft' });
    const turn = await api<{ actions: { type: string; packet?: { reason: { explanation: string } } }[] }>(`/api/calls/${callId}/turns`, { text: 'let me talk to a real person' });
    const explanation = turn.actions.find((a) => a.type === 'transfer')!.packet!.reason.explanation;
    // The briefing names the reason once: the category, then what it rests on.
    const reason = explanation.replace(/^The caller asked for a person: /, '');
    expect(reason).toMatch(/^"let me talk to a real person"/);

    const offer = page.getByRole('region', { name: /Incoming call/ });
    await offer.getByText(reason).first().waitFor();
    await offer.getByRole('timer').getByText(/left to answer/).waitFor();
    await page.screenshot({ path: join(resultsDir, 'agent-desk-offer.png'), fullPage: true });
    await offer.getByRole('button', { name: 'Accept' }).click();

    const onCall = page.getByRole('region', { name: 'On the call' });
    await onCall.getByText(reason).first().waitFor();
    expect((await api<{ state: { status: string } }>(`/api/calls/${callId}`)).state.status).toBe('agent');

    const wrapUp = onCall.getByRole('form', { name: 'Wrap-up' });
    await wrapUp.getByLabel('Needs follow-up').check();
    await wrapUp.getByLabel('Note').fill('Refund of 40 dollars promised; check it went through tomorrow.');
    await wrapUp.getByLabel('I had to ask for something the AI already had').check();
    expect(await wrapUp.getByLabel('I had to ask for something the AI already had').isChecked()).toBe(true);
    await page.waitForTimeout(300); // let the checkbox finish drawing its tick before the screenshot
    await page.screenshot({ path: join(resultsDir, 'agent-desk.png'), fullPage: true });
    // The caller is still on the line: saving the wrap-up hangs up too.
    await wrapUp.getByRole('button', { name: 'Hang up and save wrap-up' }).click();

    await page.getByRole('heading', { name: 'Waiting for a call' }).waitFor();
    expect(await page.getByRole('region', { name: 'On the call' }).count()).toBe(0);
    expect((await api<{ status: string; calls: unknown[] }>('/api/desk/agents/amara-okafor/state'))).toMatchObject({ status: 'available', calls: [] });

    // A reload keeps the same agent.
    await page.reload();
    await page.getByRole('heading', { name: 'Waiting for a call' }).waitFor();
    expect((await api<{ state: { status: string } }>(`/api/calls/${callId}`)).state.status).toBe('ended');
    await page.context().close();
  });

  it('When the agent clicks Hang up, then the caller hears goodbye, the desk says the call ended, and the wrap-up is saved after', async () => {
    await openAllDay(server.url, 'billing');
    for (const [width, height] of [[1440, 900], [1024, 768]] as const) {
      const page = await (await browser.newContext({ viewport: { width, height } })).newPage();
      await page.goto(`${server.url}/agent?agent=grace-li`);
      await page.locator('label', { hasText: /^Available$/ }).click();
      await page.getByRole('heading', { name: 'Waiting for a call' }).waitFor();

      const { callId } = await api<{ callId: string }>('/api/calls', { flowId: 'billing-support', version: 'draft', caller: { name: 'Ada' } });
      await api(`/api/calls/${callId}/turns`, { text: 'let me talk to a real person' });
      await page.getByRole('region', { name: /Incoming call/ }).getByRole('button', { name: 'Accept' }).click();
      const onCall = page.getByRole('region', { name: 'On the call' });
      await onCall.getByRole('button', { name: 'Hang up', exact: true }).click();

      await onCall.getByRole('status').getByText('You hung up; the caller heard goodbye. Finish the wrap-up.').waitFor();
      expect(await onCall.getByRole('button', { name: 'Hang up', exact: true }).count()).toBe(0);
      expect(await onCall.getByLabel('Message to the caller').isDisabled()).toBe(true);
      const call = await api<{ state: { status: string }; transcript: Array<{ text: string }> }>(`/api/calls/${callId}`);
      expect(call.state.status).toBe('ended');
      expect(call.transcript.at(-1)!.text).toBe('Thanks for calling. Goodbye.');
      await page.screenshot({ path: join(resultsDir, `agent-desk-hung-up-${width}.png`), fullPage: true });

      const wrapUp = onCall.getByRole('form', { name: 'Wrap-up' });
      await wrapUp.getByLabel('Resolved').check();
      await wrapUp.getByRole('button', { name: 'Save wrap-up', exact: true }).click();
      await page.getByRole('heading', { name: 'Waiting for a call' }).waitFor();
      expect(await api<{ disposition: string }>(`/api/calls/${callId}`)).toMatchObject({ disposition: 'resolved' });
      await api('/api/desk/agents/grace-li/status', { status: 'offline' });
      await page.context().close();
    }
  });
});
