import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browser, openSettings, resultsDir, server, useServerAndBrowser } from './editorHarness.ts';

useServerAndBrowser();

describe('People and the audit trail', () => {
  it('When an admin adds an analyst and makes an access key, then the key is shown once and works, revoking it stops it, and the audit trail lists all of it, at 1024×768', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/settings/people`);
    await page.getByRole('heading', { name: 'People', level: 1 }).waitFor();

    await page.getByRole('button', { name: 'Add a person' }).click();
    const form = page.getByRole('dialog', { name: 'Add a person' });
    await form.getByLabel('Sign-in name').fill('priya');
    await form.getByLabel('Name', { exact: true }).fill('Priya Shah');
    await form.getByLabel('Role').selectOption('analyst');
    await form.locator('input[autocomplete="new-password"]').fill('priyas long password');
    await form.getByRole('button', { name: 'Add' }).click();
    const people = page.getByRole('table', { name: 'People who sign in' });
    await people.getByRole('row', { name: /Priya Shah/ }).getByText('Analyst').waitFor();

    await page.getByLabel('What uses it').fill('Website chat');
    await page.getByLabel('It may').selectOption('calls');
    await page.getByRole('button', { name: 'Make a key' }).click();
    const secret = (await page.getByTestId('new-key').innerText()).trim();
    expect(secret).toMatch(/^baton_/);
    await page.screenshot({ path: join(resultsDir, 'people.png'), animations: 'disabled' });
    const startCall = () => fetch(`${server.url}/api/calls`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` }, body: JSON.stringify({ flowId: 'billing-support', version: 'draft' }) });
    expect((await startCall()).status).toBe(201);

    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Revoke Website chat' }).click();
    await page.getByRole('table', { name: 'Access keys' }).getByText(/Revoked/).waitFor();
    expect((await startCall()).status).toBe(401);

    await openSettings(page, 'Audit');
    const trail = page.getByRole('table', { name: 'Audit trail' });
    await trail.getByRole('row', { name: /Added a person.*priya/ }).waitFor();
    await page.screenshot({ path: join(resultsDir, 'audit-header.png'), animations: 'disabled' });
    await trail.getByRole('row', { name: /Made an access key.*Website chat/ }).waitFor();
    await trail.getByRole('row', { name: /Revoked an access key.*Website chat/ }).waitFor();
    await page.getByLabel('What').selectOption('user_added');
    // The first admin (made by Baton at its first start) and Priya.
    await expect.poll(async () => trail.getByRole('row').count()).toBe(3);
    expect(await page.getByRole('link', { name: 'Download as CSV' }).getAttribute('href')).toBe('/api/audit?action=user_added&format=csv');
    await page.screenshot({ path: join(resultsDir, 'audit.png'), animations: 'disabled' });
    await context.close();
  });

  it('When the trail holds more than a page, then Older and Newer page through all of it, oldest entry included', async () => {
    // 120 changes to one agent, made by a program with an admin key.
    const agentUrl = `${server.url}/api/agents/ben-hughes`;
    for (let i = 0; i < 120; i++) {
      const agent = await fetch(agentUrl);
      const body = (await agent.json()) as { version: number; name: string };
      const saved = await fetch(agentUrl, { method: 'PUT', headers: { 'content-type': 'application/json', 'if-match': agent.headers.get('etag')! }, body: JSON.stringify({ ...body, version: undefined, name: `Ben Hughes ${i}` }) });
      expect(saved.status).toBe(200);
    }
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/settings/audit`);
    await page.getByLabel('What').selectOption('agent_changed');
    const status = page.getByRole('status').filter({ hasText: /newest first/ });
    await status.getByText('Entries 1–100 of 120, newest first').waitFor();
    const trail = page.getByRole('table', { name: 'Audit trail' });
    await trail.getByText('name: Ben Hughes 118 → Ben Hughes 119', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Older' }).click();
    await status.getByText('Entries 101–120 of 120, newest first').waitFor();
    await trail.getByText('name: Ben Hughes → Ben Hughes 0', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Older' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Newer' }).click();
    await status.getByText('Entries 1–100 of 120, newest first').waitFor();
    await context.close();
  });
});
