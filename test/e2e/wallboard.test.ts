import { join } from 'node:path';
import { describe, it } from 'vitest';
import { alwaysOpen } from '../../server/src/routing/testRouting.ts';
import { browser, resultsDir, server, useServerAndBrowser } from './editorHarness.ts';

const api = async (path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) => {
  const res = await fetch(`${server.url}${path}`, { method: init.method ?? 'GET', headers: { 'content-type': 'application/json', ...init.headers }, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return { body: (await res.json()) as Record<string, any>, etag: res.headers.get('etag') ?? '' }; // eslint-disable-line @typescript-eslint/no-explicit-any
};

describe('Supervisor wallboard', () => {
  useServerAndBrowser();

  it('When a caller waits longer than the queue\'s goal, then the wallboard flags the queue, lists the call, and the supervisor can watch its conversation', async () => {
    // Billing open all day, a 1-second answer goal, and callers never sent to a call back.
    const billing = await api('/api/queues/billing');
    const { version: _version, ...queue } = billing.body;
    await api('/api/queues/billing', { method: 'PUT', headers: { 'if-match': billing.etag }, body: { ...queue, businessHours: { ...alwaysOpen, holidays: [] }, maxWaitSecondsBeforeCallback: 3600, serviceLevel: { answerWithinSeconds: 1, targetShare: 0.8 } } });
    await api('/api/desk/agents/amara-okafor/status', { method: 'POST', body: { status: 'available' } });
    const call = async (name: string) => {
      const { callId } = (await api('/api/calls', { method: 'POST', body: { flowId: 'billing-support', version: 'draft', caller: { name } } })).body;
      await api(`/api/calls/${callId}/turns`, { method: 'POST', body: { text: 'let me talk to a real person' } });
      return callId as string;
    };
    await call('Ada');
    const offers = async () => (await api('/api/desk/agents/amara-okafor/state')).body.offers as Array<{ offerId: string }>;
    for (let i = 0; i < 50 && (await offers()).length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    await api(`/api/desk/offers/${encodeURIComponent((await offers())[0].offerId)}/accept`, { method: 'POST' });
    await call('Ben');

    const page = await (await browser.newContext({ viewport: { width: 1024, height: 768 } })).newPage();
    await page.goto(`${server.url}/supervisor`);
    await page.getByRole('heading', { name: 'Wallboard', level: 1 }).waitFor();
    const tile = page.getByRole('region', { name: 'Billing team' });
    await tile.getByText('1 waiting').waitFor();
    await tile.getByRole('alert').getByText(/over the 1 s goal/).waitFor({ timeout: 15_000 });
    await tile.getByText(/Today: 1 answered, 100% within 1 s \(goal 80%\), 0 hung up waiting/).waitFor();
    await page.getByRole('region', { name: 'On calls: 1' }).getByText('Amara Okafor').waitFor();
    const calls = page.getByRole('table', { name: 'Calls with people' });
    await calls.getByRole('row', { name: /Ben Billing team Waiting/ }).waitFor();
    await calls.getByRole('row', { name: /Ada Billing team With Amara Okafor/ }).waitFor();

    await page.getByRole('button', { name: 'Watch the call of Ben' }).click();
    const watched = page.getByRole('region', { name: 'Watching a call' });
    await watched.getByRole('list', { name: 'Conversation' }).getByText('let me talk to a real person').waitFor();
    await watched.getByText(/Assistant: I'm connecting you to our billing team/).waitFor();
    await page.screenshot({ path: join(resultsDir, 'wallboard.png'), fullPage: true });
    await page.context().close();
  });
});
