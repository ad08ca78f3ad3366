import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browser, resultsDir, server, useServerAndBrowser } from './editorHarness.ts';
import { openAllDay } from './openAllDay.ts';

let records: Server;
let recordsUrl: string;
beforeAll(async () => {
  // The contact center's own records: what they know of a number.
  records = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ account: 'AC-1001', tier: 'gold' })));
  });
  await new Promise<void>((resolve) => records.listen(0, '127.0.0.1', () => resolve()));
  recordsUrl = `http://127.0.0.1:${(records.address() as { port: number }).port}`;
});
afterAll(async () => {
  records.closeAllConnections();
  await new Promise((resolve) => records.close(resolve));
});

describe('Caller lookup', () => {
  useServerAndBrowser();

  it('When an admin sets a caller lookup on the queue, then the agent offered a call sees what the records know of the caller, and how their earlier call went', async () => {
    await openAllDay(server.url, 'billing');
    const settings = await (await browser.newContext({ viewport: { width: 1024, height: 768 } })).newPage();
    await settings.goto(`${server.url}/settings/queues`);
    await settings.getByRole('navigation', { name: 'Queues' }).getByText('Billing team').click();
    const form = settings.getByRole('form', { name: 'Handoff webhook of Billing team' });
    await form.getByLabel('Web address').fill(`${recordsUrl}/handoff`);
    await form.getByLabel('Look up the caller (optional)').fill(`${recordsUrl}/lookup`);
    await form.getByLabel('Secret', { exact: true }).fill('a-long-shared-secret-for-tests');
    await form.getByLabel('Allow private network addresses').check();
    await form.getByRole('button', { name: 'Save webhook' }).click();
    await form.getByText('Webhook saved.').waitFor();
    await settings.screenshot({ path: join(resultsDir, 'caller-lookup-settings.png'), fullPage: true });
    await settings.context().close();

    // Ada called earlier today: the assistant helped her and she scored the call 2 of 5.
    const post = async (path: string, body: unknown) => (await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json() as Promise<{ callId: string; state: { status: string } }>;
    const earlier = await post('/api/calls', { flowId: 'billing-support', caller: { name: 'Ada', phone: '+447700900123' } });
    for (const turn of [{ text: 'what is my balance' }, { text: '1234 5678' }, { text: 'no thanks' }]) await post(`/api/calls/${earlier.callId}/turns`, turn);
    expect((await post(`/api/calls/${earlier.callId}/turns`, { dtmf: '2' })).state.status).toBe('ended');

    const desk = await (await browser.newContext({ viewport: { width: 1440, height: 1000 } })).newPage();
    await desk.goto(`${server.url}/agent?agent=amara-okafor`);
    await desk.locator('label', { hasText: /^Available$/ }).click();
    await desk.getByRole('heading', { name: 'Waiting for a call' }).waitFor();
    const call = await (await fetch(`${server.url}/api/calls`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ flowId: 'billing-support', version: 'draft', caller: { name: 'Ada', phone: '+447700900123' } }) })).json() as { callId: string };
    await fetch(`${server.url}/api/calls/${call.callId}/turns`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'let me talk to a real person' }) });
    const offer = desk.getByRole('region', { name: /Incoming call/ });
    await offer.getByText('Account: AC-1001; Tier: gold').waitFor();
    await offer.getByText('Ada, +447700900123').waitFor();
    await offer.getByText(/the assistant only; resolved; scored the call 2 of 5/).waitFor();
    await desk.screenshot({ path: join(resultsDir, 'caller-lookup.png'), fullPage: true });
    await desk.context().close();
  });
});
