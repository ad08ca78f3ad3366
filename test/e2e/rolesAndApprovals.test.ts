import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browser, canvasNode, copyOfFlow, resultsDir, server, useServerAndBrowser } from './editorHarness.ts';

useServerAndBrowser();

async function api(path: string, init: RequestInit = {}): Promise<unknown> {
  const response = await fetch(`${server.url}${path}`, { ...init, headers: { 'Content-Type': 'application/json', ...init.headers } });
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? undefined : response.json();
}

/** A browser of its own, signed in through the sign-in page as `name`, landing on `next`. */
async function signedInAs(name: string, password: string, next: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  await context.clearCookies();
  const page = await context.newPage();
  await page.goto(`${server.url}${next}`);
  await page.getByRole('heading', { name: 'Sign in to Baton' }).waitFor();
  await page.getByLabel('Sign-in name').fill(name);
  await page.locator('input[autocomplete="current-password"]').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${server.url}${next}`);
  return page;
}

describe('Roles and publish approvals', () => {
  it('When an analyst tunes a frustration threshold and asks to publish, then other steps are read-only for them, and an admin sees the request with what changed, approves it, and can roll it back, at 1024×768', async () => {
    const flowId = await copyOfFlow(server, 'billing-support');
    await api(`/api/flows/${flowId}/publish`, { method: 'POST' });
    await api('/api/users', { method: 'POST', body: JSON.stringify({ name: 'ana', displayName: 'Ana Analyst', role: 'analyst', password: 'anas long password' }) });

    // The analyst: only the pages they work in, and in the editor only handoff rules and messages.
    const analyst = await signedInAs('ana', 'anas long password', `/flows/${encodeURIComponent(flowId)}`);
    await analyst.locator('.react-flow[aria-busy="false"]').waitFor();
    const nav = analyst.getByRole('navigation', { name: 'Pages' });
    expect(await nav.getByRole('link').allInnerTexts()).toEqual(['Flows', 'Simulated callers', 'Analytics']);
    await analyst.getByText('Ana Analyst · Analyst').waitFor();
    expect(await analyst.getByRole('button', { name: 'Publish', exact: true }).count()).toBe(0);
    expect(await analyst.getByRole('complementary', { name: /steps/i }).count()).toBe(0);

    await canvasNode(analyst, 'say_balance').click();
    await analyst.getByRole('note').getByText(/Read-only for analysts/).waitFor();
    expect(await analyst.getByLabel('Name on the canvas').isDisabled()).toBe(true);

    await canvasNode(analyst, 'trigger_frustrated').click();
    const frustration = analyst.getByRole('group', { name: 'Caller sounds frustrated' });
    await frustration.getByLabel('Hand over when at least this sure (%)', { exact: true }).fill('80');
    // Saved on its own, as the analyst's: the server takes a threshold from them.
    const threshold = async () => {
      const flow = (await api(`/api/flows/${encodeURIComponent(flowId)}`)) as { nodes: Array<{ id: string; data: { detectors?: Array<{ signal: string; threshold?: number }> } }> };
      return flow.nodes.find((n) => n.id === 'trigger_frustrated')!.data.detectors!.find((d) => d.signal === 'negative_sentiment')!.threshold;
    };
    await expect.poll(threshold, { timeout: 10_000 }).toBe(0.8);
    expect(await analyst.getByRole('button', { name: 'Delete this step' }).count()).toBe(0);

    await analyst.getByRole('button', { name: 'Ask to publish' }).click();
    const ask = analyst.getByRole('dialog', { name: 'Ask an admin to publish' });
    await ask.getByLabel('Why (optional)').fill('Frustration hands over too early');
    await ask.getByRole('button', { name: 'Ask to publish' }).click();
    await analyst.getByText('Waiting for an admin').waitFor();
    await analyst.screenshot({ path: join(resultsDir, 'analyst-editor.png'), animations: 'disabled' });

    // The admin (the harness signed this browser in as the first admin) sees the request, what it changes, and approves.
    const adminContext = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    const admin = await adminContext.newPage();
    await admin.goto(`${server.url}/flows/${encodeURIComponent(flowId)}`);
    await admin.locator('.react-flow[aria-busy="false"]').waitFor();
    await admin.getByRole('button', { name: '1 request to publish' }).waitFor();
    await admin.screenshot({ path: join(resultsDir, 'admin-editor-request.png'), animations: 'disabled' });
    await admin.getByRole('button', { name: '1 request to publish' }).click();
    const review = admin.getByRole('dialog', { name: 'ana asks to publish' });
    await review.getByText('“Frustration hands over too early”').waitFor();
    await review.getByRole('region', { name: 'Steps changed' }).getByText(/at least this sure: .* → 0\.8/).waitFor();
    expect(await review.getByRole('link', { name: /What if/ }).getAttribute('href')).toBe(`/flows/${encodeURIComponent(flowId)}/what-if`);
    await admin.screenshot({ path: join(resultsDir, 'admin-publish-request.png'), animations: 'disabled' });
    // The same change on the canvas: the trigger marked as changed, the draft against v1.
    await review.getByRole('button', { name: 'See the changes on the canvas' }).click();
    const onCanvas = admin.getByRole('dialog', { name: 'v1 → the draft' });
    await onCanvas.getByRole('group', { name: /^Changed \(1 setting\): / }).waitFor();
    await admin.keyboard.press('Escape');
    await onCanvas.waitFor({ state: 'hidden' });
    await review.getByRole('button', { name: 'Approve and publish' }).click();
    await admin.locator('.editor-header__title').getByText('v2 (published)', { exact: true }).waitFor();

    await admin.getByRole('button', { name: 'History' }).click();
    const drawer = admin.getByRole('dialog', { name: 'Version history' });
    await drawer.getByText('v2 (published)').waitFor();
    await drawer.getByText(/by admin/).waitFor();
    await drawer.getByText(/asked by ana/).waitFor();
    await drawer.getByRole('button', { name: 'Roll back to v1' }).click();
    await admin.getByRole('dialog', { name: 'Roll back to v1?' }).getByRole('button', { name: 'Roll back' }).click();
    await drawer.getByText('v3 (published)').waitFor();

    // The analyst sees that it was published.
    await analyst.reload();
    await analyst.getByText('Published as v2').waitFor();
    const trail = (await api(`/api/audit?flowId=${flowId}`)) as { entries: Array<{ action: string; who?: string }> };
    expect(trail.entries.map((e) => `${e.action} ${e.who}`)).toEqual(expect.arrayContaining(['update ana', 'publish_requested ana', 'publish admin', 'rollback admin']));
    await analyst.context().close();
    await adminContext.close();
  });

  it('When an agent signs in, then they land on their own desk and see no other page', async () => {
    await api('/api/users', { method: 'POST', body: JSON.stringify({ name: 'ben', role: 'agent', agentId: 'ben-hughes', password: 'bens long password' }) });
    const agent = await signedInAs('ben', 'bens long password', '/agent');
    await agent.getByText('You are Ben Hughes').waitFor();
    expect(await agent.getByRole('navigation', { name: 'Pages' }).getByRole('link').allInnerTexts()).toEqual(['Agent desk']);
    // The flows list is not theirs: Baton takes them to the desk.
    await agent.goto(`${server.url}/`);
    await agent.waitForURL(`${server.url}/agent`);
    await agent.getByRole('button', { name: 'Sign out' }).click();
    await agent.getByRole('heading', { name: 'Sign in to Baton' }).waitFor();
    await agent.context().close();
  });
});
