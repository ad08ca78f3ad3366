import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browser, resultsDir, server, useServerAndBrowser } from './editorHarness.ts';

async function openQueues(): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 1000 } })).newPage();
  await page.goto(server.url);
  await page.getByRole('link', { name: 'Queues' }).click();
  await page.getByRole('heading', { name: 'Queues', level: 1 }).waitFor();
  return page;
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
});
