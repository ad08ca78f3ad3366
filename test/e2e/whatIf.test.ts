import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { browser, copyOfFlow, createFlowViaApi, getFlowViaApi, resultsDir, server, useServerAndBrowser } from './editorHarness.ts';

useServerAndBrowser();

async function api(path: string, init: RequestInit = {}): Promise<unknown> {
  const response = await fetch(`${server.url}${path}`, { ...init, headers: { 'Content-Type': 'application/json', ...init.headers } });
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** A copy of the billing example of the test's own, published, so its draft can change apart from the published version. */
async function publishedCopyOfBilling(): Promise<string> {
  const flowId = await copyOfFlow(server, 'billing-support');
  await api(`/api/flows/${flowId}/publish`, { method: 'POST' });
  return flowId;
}

/** Makes the flow's draft hand frustrated callers over sooner than the published version does. */
async function lowerFrustrationThreshold(flowId: string): Promise<void> {
  const flow = await getFlowViaApi(server, flowId);
  const trigger = flow.nodes.find((n) => (n.data.detectors as Array<{ signal: string }> | undefined)?.some((d) => d.signal === 'negative_sentiment'));
  if (!trigger) throw new Error('The billing example has no trigger watching negative sentiment.');
  trigger.data.detectors = (trigger.data.detectors as Array<Record<string, unknown>>).map((d) => (d.signal === 'negative_sentiment' ? { ...d, threshold: 0.1, turns: 1 } : d));
  await api(`/api/flows/${flowId}`, { method: 'PUT', body: JSON.stringify(flow), headers: { 'If-Match': `"${flow.version}"` } });
}

/** A figure of the report table as a number: the row's cell under the given column. */
async function figure(page: Page, row: string, column: 'Before' | 'After'): Promise<number> {
  const table = page.getByRole('table', { name: 'Figures by version' });
  const headers = await table.locator('thead th').allInnerTexts();
  const col = headers.findIndex((h) => h.startsWith(`${column}:`));
  const text = await table.getByRole('row', { name: new RegExp(row) }).locator('th, td').nth(col).innerText();
  return Number.parseFloat(text);
}

/** Never published, and its draft has an error: the transfer comes without telling the caller why. */
const unpublishedWithError = {
  id: 'never-published',
  name: 'Never published',
  nodes: [
    { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: { label: 'Call starts', greeting: 'Hello.' } },
    { id: 'transfer', kind: 'transfer', position: { x: 0, y: 300 }, data: { label: 'Billing team', queue: 'billing' } },
    { id: 'end', kind: 'end', position: { x: 300, y: 300 }, data: { label: 'Call back later', message: 'Please call again later.', disposition: 'abandoned' } },
  ],
  edges: [
    { id: 'start-next', source: 'start', sourcePort: 'next', target: 'transfer' },
    { id: 'transfer-no_agent', source: 'transfer', sourcePort: 'no_agent', target: 'end' },
    { id: 'transfer-failed', source: 'transfer', sourcePort: 'failed', target: 'end' },
  ],
  settings: { queues: [{ id: 'billing', name: 'billing team' }] },
};

describe('What-if page', () => {
  it('When the draft lowers the frustration threshold and 1,000 calls are simulated, then the handoff rate shown for the draft is higher than for the published version', async () => {
    const flowId = await publishedCopyOfBilling();
    await lowerFrustrationThreshold(flowId);

    await mkdir(resultsDir, { recursive: true });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/flows/${flowId}/what-if`);
    await page.getByRole('heading', { name: /What if… Billing/ }).waitFor();
    expect(await page.getByLabel('Number of calls').inputValue()).toBe('1,000');
    expect(await page.getByLabel('Seed').inputValue()).toBe('7');
    await page.getByRole('button', { name: 'Run 1,000 simulated calls' }).click();

    await page.getByRole('table', { name: 'Figures by version' }).waitFor({ timeout: 30_000 });
    const before = await figure(page, 'Handed to a person', 'Before');
    const after = await figure(page, 'Handed to a person', 'After');
    expect(after).toBeGreaterThan(before);
    const figures = page.getByRole('table', { name: 'Figures by version' });
    expect(await figures.getByRole('row', { name: /Handed to a person/ }).innerText()).toMatch(/\+\d+\.\d points?/);
    // The rise is clear: its 95 % range is above 0 (a thousand callers, the same ones through both versions).
    expect(await figures.getByRole('row', { name: /Handed to a person/ }).innerText()).toMatch(/likely \+\d+\.\d to \+\d+\.\d points/);

    // Drill down: a changed call opens both transcripts.
    const changed = page.getByRole('region', { name: /Calls that changed/ }).getByRole('button', { name: /^Call \d+$/ }).first();
    await changed.click();
    const drawer = page.getByRole('dialog');
    await drawer.getByRole('region', { name: 'After: transcript' }).waitFor();
    await drawer.getByRole('region', { name: 'Before: transcript' }).waitFor();
    expect(await drawer.getByText('Caller', { exact: true }).count()).toBeGreaterThan(0);
    // Wait for the drawer to finish sliding in before the picture.
    await drawer.evaluate((el) => Promise.all(el.ownerDocument.getAnimations().map((a: { finished: Promise<unknown> }) => a.finished)));
    await page.screenshot({ path: join(resultsDir, 'what-if-call.png') });
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    // The calls behind a figure: the draft's handoffs, each opening its transcript.
    await figures.getByRole('row', { name: /Handed to a person/ }).getByRole('button').last().click();
    const behind = page.getByRole('region', { name: /Calls behind Handed to a person — Draft/ });
    await behind.getByRole('button', { name: /^Call \d+$/ }).first().click();
    await page.getByRole('dialog').getByRole('region', { name: 'After: transcript' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    // Where the calls went to a person: the frustration trigger hands over more after the change.
    const steps = page.getByRole('table', { name: 'Handoffs by step' });
    // Each cell reads "12 (3.4%)", or "0" where no call was handed over there.
    const [beforeCount, afterCount] = (await steps.getByRole('row', { name: /Caller is frustrated/ }).locator('td').allInnerTexts()).map((t) => Number.parseInt(t, 10));
    expect(afterCount).toBeGreaterThan(beforeCount);

    // A figure far down the page: its calls come into view and the keyboard moves to them.
    await steps.getByRole('row', { name: /Caller is frustrated/ }).getByRole('button').last().click();
    const stepCalls = page.getByRole('region', { name: /Calls behind Caller is frustrated/ });
    const inView = () => stepCalls.evaluate((el) => {
      const box = el.getBoundingClientRect();
      return box.top >= 0 && box.bottom <= (el.ownerDocument.defaultView?.innerHeight ?? 0);
    });
    await expect.poll(inView).toBe(true);
    expect(await stepCalls.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);

    await page.screenshot({ path: join(resultsDir, 'what-if.png'), fullPage: true });
    await context.close();
  });

  it("When last week's real calls are replayed through a draft whose raised-voice detector is more sensitive, then the analyst sees the one real call that would now go to a person, that the published version reproduces every call, and reads it on both versions, at 1024×768", async () => {
    const flowId = await publishedCopyOfBilling();
    const call = async (turns: Array<Record<string, unknown>>) => {
      const { callId } = (await api('/api/calls', { method: 'POST', body: JSON.stringify({ flowId }) })) as { callId: string };
      for (const turn of turns) await api(`/api/calls/${callId}/turns`, { method: 'POST', body: JSON.stringify(turn) });
    };
    // Real calls on the published version: a caller who grows 8 dB louder but is helped, and one who asks for a person.
    // (Louder after giving the account number: a turn that is only the answer to the step's question is not acted on.)
    await call([{ text: 'what is my balance', loudnessDb: 20 }, { text: '1234 5678', loudnessDb: 20 }, { text: 'no thanks', loudnessDb: 28 }, { dtmf: '4' }]);
    await call([{ text: 'let me talk to a real person' }, { hangup: true }]);
    const flow = await getFlowViaApi(server, flowId);
    const trigger = flow.nodes.find((n) => n.id === 'trigger_frustrated')!;
    trigger.data.detectors = (trigger.data.detectors as Array<Record<string, unknown>>).map((d) => (d.signal === 'raised_voice' ? { ...d, deltaDb: 6 } : d));
    await api(`/api/flows/${flowId}`, { method: 'PUT', body: JSON.stringify(flow), headers: { 'If-Match': `"${flow.version}"` } });

    const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/flows/${flowId}/what-if`);
    await page.getByRole('heading', { name: /What if… Billing/ }).waitFor();
    await page.getByText('Real calls', { exact: true }).click();
    expect(await page.getByLabel('Days back').inputValue()).toBe('7');
    await page.getByRole('button', { name: "Replay the last 7 days' real calls" }).click();

    await page.getByRole('heading', { name: /Published \(version 1\) → Draft: 2 real calls from .* replayed/ }).waitFor({ timeout: 30_000 });
    await page.getByText('Replayed on Published (version 1), 2 of the 2 calls that ran on it ended as they really did.').waitFor();
    expect(await figure(page, 'Handed to a person', 'Before')).toBe(50);
    expect(await figure(page, 'Handed to a person', 'After')).toBe(100);
    // Two calls cannot settle anything: the range of the change holds no change at all.
    expect(await page.getByRole('table', { name: 'Figures by version' }).getByRole('row', { name: /Handed to a person/ }).innerText()).toMatch(/could be chance: 0\.0 to \+100\.0 points/);
    const changed = page.getByRole('region', { name: 'Calls that changed (1)' });
    await changed.getByText(/^Real call, /).waitFor();
    await changed.getByRole('list', { name: 'How the calls changed' }).getByText('Now handed to a person: 1').waitFor();
    await changed.getByRole('button', { name: 'Call 1' }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText(/A real call on .*, version 1\. Really: Finished by the AI\./).waitFor();
    const after = drawer.getByRole('region', { name: 'After: transcript' });
    await after.getByText('Handed to a person', { exact: true }).waitFor();
    expect(await after.getByText('Caller', { exact: true }).count()).toBe(3);
    await drawer.getByRole('region', { name: 'Before: transcript' }).getByText('Finished by the AI', { exact: true }).waitFor();
    await drawer.evaluate((el) => Promise.all(el.ownerDocument.getAnimations().map((a: { finished: Promise<unknown> }) => a.finished)));
    await page.screenshot({ path: join(resultsDir, 'what-if-real-calls.png'), fullPage: true });
    await context.close();
  });

  it("When the analyst lets simulated callers use real callers' words, then the run says which phrases of real calls it took", async () => {
    const flowId = await publishedCopyOfBilling();
    for (const words of ['How much do I owe?', 'how much do I owe?']) {
      const { callId } = (await api('/api/calls', { method: 'POST', body: JSON.stringify({ flowId }) })) as { callId: string };
      for (const turn of [{ text: words }, { hangup: true }]) await api(`/api/calls/${callId}/turns`, { method: 'POST', body: JSON.stringify(turn) });
    }
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/flows/${flowId}/what-if`);
    await page.getByRole('heading', { name: /What if… Billing/ }).waitFor();
    await page.getByLabel('Number of calls').fill('200');
    await page.getByLabel("Callers also use real callers' words").check();
    await page.getByRole('button', { name: 'Run 200 simulated calls' }).click();
    await page.getByText(/^Callers also used 1 phrase real callers said from .* to .*, for "balance" \(1\)\.$/).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(resultsDir, 'what-if-real-phrasing.png'), fullPage: true });
    await context.close();
  });

  it('When a large run is started, then its progress shows how many calls are done, and Cancel stops it', async () => {
    const flowId = await publishedCopyOfBilling();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/flows/${flowId}/what-if`);
    const calls = page.getByLabel('Number of calls');
    await calls.fill('100000');
    await page.getByRole('button', { name: 'Run 100,000 simulated calls' }).click();

    const progress = page.getByRole('status', { name: 'Simulation progress' });
    await expect.poll(() => progress.innerText(), { timeout: 20_000 }).toMatch(/Simulating calls: [\d,]+ of 200,000 done/);
    await progress.getByRole('button', { name: 'Cancel' }).click();
    await page.getByText('The run was cancelled.').waitFor();
    await context.close();
  });

  it('When the flow was never published and its draft has errors, then the page says so and says what to fix', async () => {
    await createFlowViaApi(server, unpublishedWithError);
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/flows/never-published/what-if`);
    await page.getByText('This flow has not been published yet').waitFor();
    expect(await page.getByRole('combobox', { name: 'Before' }).inputValue()).toBe('Nothing (run one version alone)');
    await page.getByRole('button', { name: /Run 1,000 simulated calls/ }).click();
    const alert = page.getByRole('alert');
    await alert.getByText(/Fix the errors in the draft/).waitFor();
    expect(await alert.innerText()).toMatch(/without being told/);
    await context.close();
  });
});
