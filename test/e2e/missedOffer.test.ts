import { describe, it } from 'vitest';
import { alwaysOpen } from '../../server/src/routing/testRouting.ts';
import { browser, server, useServerAndBrowser } from './editorHarness.ts';

describe('A missed offer', () => {
  useServerAndBrowser();

  it('When an agent misses an offer and comes back, then the waiting caller is offered to them again and they can take it', async () => {
    // Billing open all day, giving agents 5 seconds to accept, and patient callers.
    const read = await fetch(`${server.url}/api/queues/billing`);
    const { version: _version, ...queue } = (await read.json()) as Record<string, unknown>;
    const saved = await fetch(`${server.url}/api/queues/billing`, {
      method: 'PUT', headers: { 'content-type': 'application/json', 'if-match': read.headers.get('etag') ?? '' },
      body: JSON.stringify({ ...queue, businessHours: { ...alwaysOpen, holidays: [] }, offerTimeoutSeconds: 5, maxWaitSecondsBeforeCallback: 3600 }),
    });
    if (!saved.ok) throw new Error(`queue: ${saved.status} ${await saved.text()}`);

    const page = await (await browser.newContext({ viewport: { width: 1024, height: 768 } })).newPage();
    await page.goto(`${server.url}/agent?agent=amara-okafor`);
    await page.locator('label', { hasText: /^Available$/ }).click();
    await page.getByRole('heading', { name: 'Waiting for a call' }).waitFor();
    const post = (path: string, body: unknown) => fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json() as Promise<Record<string, string>>);
    const { callId } = await post('/api/calls', { flowId: 'billing-support', version: 'draft', caller: { name: 'Ada' } });
    await post(`/api/calls/${callId}/turns`, { text: 'let me talk to a real person' });

    // The offer comes and goes unanswered: the desk says why the agent is Away now.
    const offer = page.getByRole('region', { name: /Incoming call from Ada/ });
    await offer.waitFor();
    await page.getByText("You missed a call offer, so we set you to Away. Set yourself Available when you're ready.").waitFor({ timeout: 15_000 });
    await offer.waitFor({ state: 'detached' });

    // Back: the caller who waited is offered again, and taken.
    await page.locator('label', { hasText: /^Available$/ }).click();
    await page.getByRole('region', { name: /Incoming call from Ada/ }).getByRole('button', { name: 'Accept' }).click();
    await page.getByRole('region', { name: 'On the call' }).waitFor();
    await page.context().close();
  });
});
