import { mkdir } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browser, openSettings, resultsDir, server, useServerAndBrowser } from './editorHarness.ts';

async function openQueues(): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 1000 } })).newPage();
  await page.goto(server.url);
  await openSettings(page, 'Queues');
  await page.getByRole('heading', { name: 'Queues', level: 1 }).waitFor();
  return page;
}

async function send<T>(path: string, method: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const response = await fetch(`${server.url}${path}`, { method, headers: { 'Content-Type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<T>;
}

/** An address on this machine where nothing listens: a port that was free a moment ago. */
async function closedPortUrl(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return `http://127.0.0.1:${port}/handoff`;
}

/** A caller of the billing-support flow asks for a person and is handed to the billing queue. */
async function callerAsksForAPerson(): Promise<string> {
  const { callId } = await send<{ callId: string }>('/api/calls', 'POST', { flowId: 'billing-support', version: 'draft' });
  const turn = await send<{ state: { status: string } }>(`/api/calls/${callId}/turns`, 'POST', { text: 'let me talk to a real person' });
  expect(turn.state.status).toBe('queued');
  return callId;
}

describe('Queues and agents settings', () => {
  useServerAndBrowser();

  it('When an admin adds a skill and a Saturday opening to a queue and saves, then both are there after a reload', async () => {
    await mkdir(resultsDir, { recursive: true });
    const page = await openQueues();
    await page.getByRole('navigation', { name: 'Queues' }).getByText('Billing team').click();
    const form = page.getByRole('form', { name: 'Edit Billing team' });
    const skills = form.getByLabel('Skills required');
    await skills.fill('payment-plans');
    await skills.press('Enter');
    await form.getByRole('button', { name: 'Add hours on Saturday' }).click();
    await form.getByLabel('Saturday, opening 2, opens').fill('14:00');
    await form.getByLabel('Saturday, opening 2, closes').fill('16:30');
    await page.screenshot({ path: join(resultsDir, 'staffing-queues.png'), fullPage: true });
    await form.getByRole('button', { name: 'Save Billing team' }).click();
    await form.getByText('Saved. New calls use these settings from now on.').waitFor();

    await page.reload();
    await page.getByRole('navigation', { name: 'Queues' }).getByText('Billing team').click();
    const again = page.getByRole('form', { name: 'Edit Billing team' });
    await again.getByText('payment-plans').waitFor();
    expect(await again.getByLabel('Saturday, opening 1, opens').inputValue()).toBe('09:00');
    expect(await again.getByLabel('Saturday, opening 2, closes').inputValue()).toBe('16:30');
    const stored = (await (await fetch(`${server.url}/api/queues/billing`)).json()) as { requiredSkills: string[]; businessHours: { weekly: { sat: unknown[] } } };
    expect(stored.requiredSkills).toEqual(['billing', 'payment-plans']);
    expect(stored.businessHours.weekly.sat).toEqual([{ open: '09:00', close: '13:00' }, { open: '14:00', close: '16:30' }]);
    await page.context().close();
  });

  it('When an admin gives an agent a new skill at level 4 and saves, then it is kept', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await page.goto(`${server.url}/settings/agents`);
    await page.getByRole('navigation', { name: 'Agents' }).getByText('Ben Hughes').click();
    const form = page.getByRole('form', { name: 'Edit Ben Hughes' });
    await form.getByRole('button', { name: 'Add a skill' }).click();
    await form.getByLabel('Skill 3', { exact: true }).fill('fraud');
    await form.getByLabel('How good at skill 3 (1 to 5)').selectOption('4');
    await page.screenshot({ path: join(resultsDir, 'staffing-agents.png') });
    await form.getByRole('button', { name: 'Save Ben Hughes' }).click();
    await form.getByText('Saved. Calls are routed with these skills from now on.').waitFor();

    await page.reload();
    await page.getByRole('navigation', { name: 'Agents' }).getByText('Ben Hughes').click();
    expect(await page.getByRole('form', { name: 'Edit Ben Hughes' }).getByLabel('Skill 3', { exact: true }).inputValue()).toBe('fraud');
    const stored = (await (await fetch(`${server.url}/api/agents/ben-hughes`)).json()) as { skills: unknown[] };
    expect(stored.skills).toContainEqual({ skill: 'fraud', proficiency: 4 });
    await page.context().close();
  });

  it('When a webhook address is on this server and private addresses are not allowed, then saving is refused saying why', async () => {
    const page = await openQueues();
    await page.getByRole('navigation', { name: 'Queues' }).getByText('Fraud team').click();
    const form = page.getByRole('form', { name: 'Handoff webhook of Fraud team' });
    await form.getByLabel('Web address').fill('http://127.0.0.1:8080/hook');
    await form.getByLabel('Secret', { exact: true }).fill('a-secret-of-32-letters-and-digits');
    await form.getByRole('button', { name: 'Save webhook' }).click();
    await form.getByText(/leads to this server itself \(loopback\)/).waitFor();
    expect(await form.getByLabel('Web address').getAttribute('aria-invalid')).toBe('true');
    await page.screenshot({ path: join(resultsDir, 'staffing-webhook.png'), fullPage: true });
    expect((await fetch(`${server.url}/api/queues/fraud/webhook`)).status).toBe(404);
    await page.context().close();
  });

  it("When someone changes a webhook's address without typing the secret again, then saving is refused by the Secret box, and handovers still go where they went", async () => {
    await send('/api/queues/cards/webhook', 'PUT', { url: 'https://crm.example.com/baton/handoff', secret: 'a-secret-of-32-letters-and-digits' });
    const page = await openQueues();
    await page.getByRole('navigation', { name: 'Queues' }).getByText('Card team').click();
    const form = page.getByRole('form', { name: 'Handoff webhook of Card team' });
    await form.getByLabel('Web address').fill('https://elsewhere.example.net/collect');
    await form.getByText(/The address changed: type the secret again/).waitFor();
    await form.getByRole('button', { name: 'Save webhook' }).click();
    await form.getByText(/Type the secret again: the address changed/).waitFor();
    await page.screenshot({ path: join(resultsDir, 'staffing-webhook-moved.png'), fullPage: true });
    expect(await send<{ url: string }>('/api/queues/cards/webhook', 'GET')).toMatchObject({ url: 'https://crm.example.com/baton/handoff' });
    await page.context().close();
  });

  it('When an admin adds a queue with a bad code, then the reason shows by the code, and once fixed the queue is listed', async () => {
    const page = await openQueues();
    await page.getByRole('button', { name: 'Add a queue' }).click();
    const form = page.getByRole('form', { name: 'New queue' });
    await form.getByLabel('Name', { exact: true }).fill('Collections');
    await form.getByLabel('Queue code').fill('Collections Team');
    await form.getByRole('button', { name: 'Save Collections' }).click();
    await form.getByText('use lowercase letters, digits and dashes, e.g. "billing-support"').waitFor();
    await page.screenshot({ path: join(resultsDir, 'staffing-new-queue.png') });
    await form.getByLabel('Queue code').fill('collections');
    await form.getByRole('button', { name: 'Save Collections' }).click();
    await page.getByRole('status').getByText('Collections is added.').waitFor();
    await page.getByRole('navigation', { name: 'Queues' }).getByText('Collections').waitFor();
    expect((await fetch(`${server.url}/api/queues/collections`)).status).toBe(200);
    await page.context().close();
  });

  it('When a caller waits behind a busy agent and the webhook cannot be reached, then the Queues page shows the caller waiting and the failed handover, and the Agents page who is free', async () => {
    await mkdir(resultsDir, { recursive: true });
    // Billing open around the clock and patient enough that a second caller queues behind the one agent (and
    // without the skill the first test added, which nobody has).
    const allDay = [{ open: '00:00', close: '24:00' }];
    const billing = await send<Record<string, unknown>>('/api/queues/billing', 'GET');
    await send(
      '/api/queues/billing',
      'PUT',
      {
        ...billing,
        requiredSkills: ['billing'],
        maxWaitSecondsBeforeCallback: 3600,
        businessHours: { timeZone: 'UTC', weekly: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay }, holidays: [] },
      },
      { 'If-Match': `"${String(billing.version)}"` },
    );
    await send('/api/queues/billing/webhook', 'PUT', { url: await closedPortUrl(), secret: 'a-secret-of-32-letters-and-digits', allowPrivateNetwork: true });
    await send('/api/desk/agents/amara-okafor/status', 'POST', { status: 'available' });
    await send('/api/desk/agents/dev-patel/status', 'POST', { status: 'available' });

    // Amara takes the first caller; the second waits.
    await callerAsksForAPerson();
    let offers: Array<{ offerId: string }> = [];
    for (let i = 0; i < 50 && offers.length === 0; i++) {
      offers = (await send<{ offers: Array<{ offerId: string }> }>('/api/desk/agents/amara-okafor/state', 'GET')).offers;
      if (offers.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await send(`/api/desk/offers/${encodeURIComponent(offers[0]!.offerId)}/accept`, 'POST');
    await callerAsksForAPerson();

    const page = await openQueues();
    await page.getByRole('navigation', { name: 'Queues' }).getByText('Billing team').click();
    const now = page.getByRole('region', { name: 'Right now' });
    await now.getByText('1 caller waiting').waitFor();
    await now.getByText('0 of 1 agent free').waitFor();
    await now.getByText('Open now').waitFor();
    // The retries back off over about 15 s before the delivery counts as failed; the page refreshes every 5 s.
    const handovers = page.getByRole('table', { name: 'Recent handovers sent' });
    await handovers.getByText('Failed', { exact: true }).first().waitFor({ timeout: 40_000 });
    await handovers.getByText(/Nothing answered at this address/).first().waitFor();
    await page.getByText('Recent handovers sent', { exact: true }).first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(resultsDir, 'staffing-live-queue.png'), fullPage: true });

    await openSettings(page, 'Agents');
    const agents = page.getByRole('navigation', { name: 'Agents' });
    await agents.locator('.mantine-NavLink-root', { hasText: 'Dev Patel' }).getByText('Available', { exact: true }).waitFor();
    await agents.locator('.mantine-NavLink-root', { hasText: 'Amara Okafor' }).getByText('On a call', { exact: true }).waitFor();
    await page.screenshot({ path: join(resultsDir, 'staffing-live-agents.png') });
    await page.context().close();
  }, 60_000);
});
