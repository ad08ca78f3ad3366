import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browser, copyOfFlow, openEditor, resultsDir, server, useServerAndBrowser } from './editorHarness.ts';
import { openAllDay } from './openAllDay.ts';

/** The agent desk of one agent, in its own browser context (another person's screen). */
async function openDesk(agentId: string, status: 'Available' | 'Away'): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 1000 } })).newPage();
  await page.goto(`${server.url}/agent?agent=${agentId}`);
  await page.getByRole('heading', { name: 'Agent desk', level: 1 }).waitFor();
  await page.locator('label', { hasText: new RegExp(`^${status}$`) }).click();
  return page;
}

/** The editor's test console with handoffs going to the real queues, and a call started. */
async function callFromConsole(): Promise<Page> {
  const page = await openEditor(browser, server, await copyOfFlow(server, 'billing-support'));
  await page.getByRole('tab', { name: 'Try it' }).click();
  await page.getByLabel('Hand over to real agents').check();
  await page.getByRole('button', { name: 'Start a test call' }).click();
  await page.getByRole('list', { name: 'The test call so far' }).getByText('How can I help with your bill today?').waitFor();
  return page;
}

async function callerSays(page: Page, text: string) {
  await page.getByLabel('What the caller says').fill(text);
  await page.getByRole('button', { name: 'Say it' }).click();
}

describe('Handing a call to a person', () => {
  useServerAndBrowser();

  it("When a caller asks for a person and the agent accepts, then the caller hears who they are through to, and caller and agent talk until the wrap-up", async () => {
    await openAllDay(server.url, 'billing');
    const desk = await openDesk('amara-okafor', 'Available');
    await desk.getByRole('heading', { name: 'Waiting for a call' }).waitFor();
    const caller = await callFromConsole();
    const transcript = caller.getByRole('list', { name: 'The test call so far' });
    await callerSays(caller, 'let me talk to a real person');
    await transcript.getByText(/connecting you to our billing team because you asked to speak with a person/).waitFor();
    await caller.getByRole('status').getByText(/Waiting for an agent on the agent desk/).waitFor();

    // The agent reads the briefing before saying hello: who, from which queue, why, and what the caller was told.
    const offer = desk.getByRole('region', { name: /Incoming call/ });
    await offer.getByText('The caller asked for a person', { exact: false }).first().waitFor();
    await offer.getByText(/Queue: Billing team\./).waitFor();
    await offer.getByText(/^“I'm connecting you to our billing team because you asked to speak with a person\. The wait is less than a minute\.”$/).waitFor();
    await desk.screenshot({ path: join(resultsDir, 'briefing-offer.png'), fullPage: true });
    await offer.getByRole('button', { name: 'Accept' }).click();
    const onCall = desk.getByRole('region', { name: 'On the call' });
    await onCall.waitFor();

    await transcript.getByText("You're through to Amara, who has the details of your call.").waitFor();
    await onCall.getByLabel('Message to the caller').fill('Hi, this is Amara from billing. I can see you asked for a person. How can I help?');
    await onCall.getByRole('button', { name: 'Send' }).click();
    const agentLine = transcript.locator('.console-line--agent');
    await expect.poll(() => agentLine.textContent()).toContain('Hi, this is Amara from billing.');

    await callerSays(caller, 'My last bill was twice what it should be');
    await onCall.getByRole('log', { name: 'Conversation with the caller' }).getByText('My last bill was twice what it should be').waitFor();
    await caller.screenshot({ path: join(resultsDir, 'handover-caller.png'), fullPage: true });
    await desk.screenshot({ path: join(resultsDir, 'handover-agent.png'), fullPage: true });

    const wrapUp = onCall.getByRole('form', { name: 'Wrap-up' });
    await wrapUp.getByLabel('Resolved').check();
    await wrapUp.getByLabel('Note').fill('Meter reading was estimated; corrected and re-billed.');
    // The caller is still on the line: saving the wrap-up hangs up, and the caller hears goodbye.
    await wrapUp.getByRole('button', { name: 'Hang up and save wrap-up' }).click();
    await desk.getByRole('heading', { name: 'Waiting for a call' }).waitFor();
    await transcript.getByText('Thanks for calling. Goodbye.').waitFor();
    await transcript.getByText('The call has ended.').waitFor();
    await caller.context().close();
    await desk.context().close();
  });

  it('When the agent hands the call back with a note, then the assistant goes on without greeting again, the agent wraps up and the survey runs', async () => {
    await openAllDay(server.url, 'billing');
    const desk = await openDesk('amara-okafor', 'Available');
    await desk.getByRole('heading', { name: 'Waiting for a call' }).waitFor();
    const caller = await callFromConsole();
    const transcript = caller.getByRole('list', { name: 'The test call so far' });
    await callerSays(caller, 'I want a refund');
    await transcript.getByText(/How much/).first().waitFor();
    await callerSays(caller, 'let me talk to a real person');
    const offer = desk.getByRole('region', { name: /Incoming call/ });
    await offer.getByRole('button', { name: 'Accept' }).click();
    const onCall = desk.getByRole('region', { name: 'On the call' });
    await transcript.getByText("You're through to Amara, who has the details of your call.").waitFor();

    await onCall.getByRole('button', { name: 'Back to the assistant' }).click();
    const form = desk.getByRole('form', { name: 'Back to the assistant' });
    await form.getByLabel('Note for the assistant').fill('Refund of 25 dollars approved.');
    await desk.screenshot({ path: join(resultsDir, 'hand-back-form.png'), fullPage: true });
    await form.getByRole('button', { name: 'Hand back' }).click();
    await onCall.getByText('You handed the call back to the assistant. Finish the wrap-up.').waitFor();
    await transcript.getByText('Thanks for holding on. Amara has passed you back to me.').waitFor();
    await transcript.getByText('Is there anything else I can help with?').last().waitFor();
    expect(await transcript.getByText(/Thanks for calling Northwind/).count()).toBe(1);

    const wrapUp = onCall.getByRole('form', { name: 'Wrap-up' });
    await wrapUp.getByLabel('Resolved').check();
    await wrapUp.getByRole('button', { name: 'Save wrap-up' }).click();
    await desk.getByRole('heading', { name: 'Waiting for a call' }).waitFor();
    // The caller is still with the assistant, which asks for their score before saying goodbye.
    await callerSays(caller, "no, that's all");
    await transcript.getByText(/how satisfied are you with this call/).waitFor();
    await callerSays(caller, 'four');
    await transcript.getByText('Thank you for telling us.').waitFor();
    await transcript.getByText('The call has ended.').waitFor();
    await caller.context().close();
    await desk.context().close();
  });

  it('When the agent transfers the call to another team with a note, then that team\'s agent is offered it with the briefing and the note, and the first agent wraps up', async () => {
    await openAllDay(server.url, 'billing');
    await openAllDay(server.url, 'fraud');
    const desk = await openDesk('amara-okafor', 'Available');
    const fraudDesk = await openDesk('ellie-ward', 'Available');
    const caller = await callFromConsole();
    const transcript = caller.getByRole('list', { name: 'The test call so far' });
    await callerSays(caller, 'let me talk to a real person');
    await desk.getByRole('region', { name: /Incoming call/ }).getByRole('button', { name: 'Accept' }).click();
    const onCall = desk.getByRole('region', { name: 'On the call' });
    await onCall.getByRole('button', { name: 'Transfer', exact: true }).click();
    const form = desk.getByRole('form', { name: 'Transfer the call' });
    await form.getByRole('combobox', { name: 'Team' }).click();
    await desk.getByRole('option', { name: 'Fraud team' }).click();
    await form.getByLabel('Note for the next agent').fill('Two card payments she does not recognise.');
    await form.getByRole('button', { name: 'Transfer' }).click();
    await onCall.getByText('You transferred the call to Fraud team. Finish the wrap-up.').waitFor();
    await transcript.getByText("I'm transferring you to our Fraud team. They'll have the details of your call.").waitFor();

    const offer = fraudDesk.getByRole('region', { name: /Incoming call/ });
    await offer.getByText('Queue: Fraud team.', { exact: false }).waitFor();
    await offer.getByText('Amara Okafor: “Two card payments she does not recognise.”').waitFor();
    await offer.getByText("“I'm transferring you to our Fraud team. They'll have the details of your call.”").waitFor();
    await fraudDesk.screenshot({ path: join(resultsDir, 'transfer-offer.png'), fullPage: true });
    await offer.getByRole('button', { name: 'Accept' }).click();
    await transcript.getByText("You're through to Ellie, who has the details of your call.").waitFor();

    const wrapUp = onCall.getByRole('form', { name: 'Wrap-up' });
    await wrapUp.getByLabel('Transferred').check();
    await wrapUp.getByRole('button', { name: 'Save wrap-up' }).click();
    await desk.getByRole('heading', { name: 'Waiting for a call' }).waitFor();
    await fraudDesk.getByRole('region', { name: 'On the call' }).waitFor();
    await caller.context().close();
    await desk.context().close();
    await fraudDesk.context().close();
  });

  it('When no agent is signed in, then the caller is never told a wait and is offered a call back, and the request shows on the desk where an agent claims it', async () => {
    await openAllDay(server.url, 'billing');
    const agents = (await (await fetch(`${server.url}/api/agents`)).json()) as Array<{ id: string }>;
    for (const { id } of agents) {
      await fetch(`${server.url}/api/desk/agents/${id}/status`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ status: 'offline' }) });
    }
    const caller = await callFromConsole();
    const transcript = caller.getByRole('list', { name: 'The test call so far' });
    await callerSays(caller, 'I want to speak to an agent');
    // Told why and that nobody is free — routing knew before anything was said — never a wait.
    await transcript.getByText("I'd like to put you through to our billing team because you asked to speak with a person, but nobody there is free to take your call right now.").waitFor();
    await transcript.getByText('Nobody is free to take your call just now. What number should we call you back on?').waitFor();
    expect(await transcript.textContent()).not.toMatch(/the wait is/i);
    await callerSays(caller, 'it is 020 7946 0018');
    await transcript.getByText(/Someone from the billing team will call you on .+ between \d+:\d\d [ap]m and \d+:\d\d [ap]m\. Goodbye\./).waitFor();
    await transcript.getByText(/A call back to .+ is booked/).waitFor();

    const desk = await openDesk('grace-li', 'Away');
    const request = desk.getByRole('region', { name: 'Callback requests' }).getByRole('listitem', { name: 'Callback to Test caller' });
    await request.getByText('Billing team').first().waitFor();
    await desk.screenshot({ path: join(resultsDir, 'callback-request.png'), fullPage: true });
    await request.getByRole('button', { name: 'Claim' }).click();
    await request.getByText(/Yours — call by/).waitFor();
    await caller.context().close();
    await desk.context().close();
  });
});
