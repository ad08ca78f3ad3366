import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browser, canvasNode, copyOfFlow, openEditor, resultsDir, server, startBillingTestCall, useServerAndBrowser, publishInEditor } from './editorHarness.ts';
import { openAllDay } from './openAllDay.ts';

describe('Trying a flow before callers do', () => {
  useServerAndBrowser();

  it('When the caller asks for a person in the test console, then they hear why before the transfer, the agent briefing shows, and the call saved as a test stops a publish that breaks it', async () => {
    const { flowId, page, transcript } = await startBillingTestCall(browser, server);
    // The canvas shows where the call is.
    await expect.poll(() => canvasNode(page, 'main').locator('.flow-node.is-active').count()).toBe(1);

    // The first turn: picked from the AI step's examples rather than typed.
    await page.getByRole('button', { name: 'Pick an example' }).click();
    await page.getByRole('menuitem').first().click();
    await transcript.getByText('Understood', { exact: true }).first().waitFor();

    const say = page.getByLabel('What the caller says');
    await say.fill('this is useless, let me talk to a real person');
    await page.getByRole('button', { name: 'Say it' }).click();

    // What Baton noticed, and why it handed over.
    await transcript.getByText('Handoff: The caller asked for a person.').waitFor();
    await transcript.getByText(/sure: "let me talk to a real person"/).waitFor();
    // The caller hears why before the transfer, and the message is marked as the handoff message.
    const told = transcript.locator('.console-line--transparency');
    await expect.poll(() => told.textContent()).toContain("I'm connecting you to our billing team because you asked to speak with a person");
    const lines = await transcript.locator('li').allTextContents();
    const toldAt = lines.findIndex((l) => l.includes('Told about the handoff'));
    const transferAt = lines.findIndex((l) => l.includes('The call is transferred'));
    expect(toldAt).toBeGreaterThan(-1);
    expect(transferAt).toBeGreaterThan(toldAt);

    // The briefing as the agent will get it.
    const packet = page.getByRole('region', { name: 'What the agent will see' });
    await packet.getByText('The caller asked for a person').first().waitFor();
    await packet.getByText('Already tried').waitFor();
    await packet.getByText(/Transcript \(\d+ lines\)/).click();
    await packet.getByText('let me talk to a real person', { exact: false }).first().waitFor();
    // The way the call went is drawn on the canvas: the connection from the start is highlighted.
    const stroke = await page.locator('.react-flow__edge[data-id="start-next"] .react-flow__edge-path').evaluate((el) => el.ownerDocument.defaultView?.getComputedStyle(el).strokeWidth);
    expect(stroke).toBe('3px');
    await page.screenshot({ path: join(resultsDir, 'test-console.png') });

    // Save the call as a conversation test.
    await page.getByRole('button', { name: 'Save as a test' }).click();
    const dialog = page.getByRole('dialog', { name: 'Save this call as a test' });
    await dialog.getByLabel('Name of the test').fill('Asking for a person is heard and explained');
    await dialog.getByRole('button', { name: 'Save the test' }).click();
    await dialog.waitFor({ state: 'detached' });

    await page.getByRole('tab', { name: 'Tests' }).click();
    const test = page.getByRole('listitem', { name: 'Asking for a person is heard and explained' });
    await test.getByRole('button', { name: 'Run' }).click();
    await test.getByText('Passed').waitFor();

    // Change what the caller is told: the saved test no longer holds, so publishing is refused and says why.
    await page.getByRole('tab', { name: /Step and issues/ }).click();
    await canvasNode(page, 'tell_handoff').click();
    await page.getByRole('textbox', { name: 'When someone can take the call' }).fill('Please hold for the next available agent.');
    await publishInEditor(page);
    const refused = page.getByRole('dialog', { name: 'Conversation tests fail, so nothing was published' });
    await refused.locator('strong', { hasText: 'Asking for a person is heard and explained' }).waitFor();
    await refused.getByText(/never heard/).first().waitFor();
    await page.waitForTimeout(400); // the dialog fades in
    await page.screenshot({ path: join(resultsDir, 'publish-refused-by-test.png') });
    await refused.getByRole('button', { name: 'OK' }).click();
    const stored = (await (await fetch(`${server.url}/api/flows/${flowId}`)).json()) as { publishedVersion?: number | null };
    expect(stored.publishedVersion ?? null).toBeNull();

    // In the tests tab the same test now fails, with what went wrong.
    await page.getByRole('tab', { name: 'Tests' }).click();
    await page.getByRole('button', { name: 'Run all tests' }).click();
    await test.getByText('Failed').waitFor();
    await test.getByText(/never heard/).first().waitFor();
    await page.context().close();
  });

  it('When the caller answers the step\'s question with only the answer, then the console says so and the call goes on without a handoff', async () => {
    const { page, transcript } = await startBillingTestCall(browser, server);
    const say = async (text: string) => {
      await page.getByLabel('What the caller says').fill(text);
      await page.getByRole('button', { name: 'Say it' }).click();
      await transcript.getByText(text, { exact: true }).waitFor();
    };
    await say('can I set up a payment plan');
    await transcript.getByText(/how many months/i).first().waitFor();
    await say('about six months I think');
    await transcript.getByText('Answered the question', { exact: true }).waitFor();
    await transcript.getByText(/only the answer asked for, so the handoff triggers leave this turn be/).waitFor();
    await page.screenshot({ path: join(resultsDir, 'test-console-answer.png') });
    expect(await transcript.getByText(/^Handoff:/).count()).toBe(0);
    await page.context().close();
  });

  it('When the caller says hello in the test console, then the assistant asks how it can help again, and the console says the greeting was not counted as not understood', async () => {
    const { page, transcript } = await startBillingTestCall(browser, server);
    await page.getByLabel('What the caller says').fill('hi there');
    await page.getByRole('button', { name: 'Say it' }).click();
    await transcript.getByText('hi there', { exact: true }).waitFor();
    await transcript.getByText(/a greeting or thanks, so the question was asked again/).waitFor();
    await expect.poll(() => transcript.getByText('How can I help with your bill today?', { exact: true }).count()).toBe(2);
    expect(await transcript.getByText(/didn't catch that/).count()).toBe(0);
    expect(await transcript.getByText('Not understood', { exact: true }).count()).toBe(0);
    await page.screenshot({ path: join(resultsDir, 'test-console-greeting.png') });
    await page.context().close();
  });

  it('When the caller keys in an account number holding a 0, then the keys go as one answer and the balance is sent, not a transfer for pressing 0', async () => {
    const { page, transcript } = await startBillingTestCall(browser, server);
    await page.getByLabel('What the caller says').fill('what is my balance');
    await page.getByRole('button', { name: 'Say it' }).click();
    await transcript.getByText(/8 digit account number/).first().waitFor();
    await page.getByRole('button', { name: 'Keypad', exact: true }).click();
    for (const key of '10203040') await page.getByRole('button', { name: `Press ${key}`, exact: true }).click();
    await expect.poll(() => page.getByLabel('Keys pressed').inputValue()).toBe('10203040');
    await page.screenshot({ path: join(resultsDir, 'test-console-keypad.png') });
    await page.getByRole('button', { name: 'Send keys' }).click();
    await transcript.getByText('(presses 10203040)').waitFor();
    await transcript.getByText(/Thanks\. I've sent/).waitFor();
    expect(await transcript.getByText(/^Handoff:/).count()).toBe(0);
    await page.context().close();
  });

  it('When the caller speaks again after asking for a person, then the later turn shows only its own evidence, not the earlier turn\'s', async () => {
    // Handed to the real queue, where an agent is free: the caller can still speak while the offer rings.
    await openAllDay(server.url, 'billing');
    const available = await fetch(`${server.url}/api/desk/agents/amara-okafor/status`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ status: 'available' }) });
    expect(available.ok).toBe(true);
    const page = await openEditor(browser, server, await copyOfFlow(server, 'billing-support'));
    await page.getByRole('tab', { name: 'Try it' }).click();
    await page.getByLabel('Hand over to real agents').check();
    await page.getByRole('button', { name: 'Start a test call' }).click();
    const transcript = page.getByRole('list', { name: 'The test call so far' });
    await transcript.getByText('How can I help with your bill today?').waitFor();
    const say = async (text: string) => {
      await page.getByLabel('What the caller says').fill(text);
      await page.getByRole('button', { name: 'Say it' }).click();
      await transcript.getByText(text, { exact: true }).waitFor();
    };
    await say('this is useless, let me talk to a real person');
    await transcript.getByText(/sure: "let me talk to a real person"/).waitFor();
    await page.getByText('Waiting for an agent on the agent desk to take the call.').waitFor();
    await say('ok thanks, I will hold');
    // Each caller line is followed by what Baton noticed on that turn, if anything.
    const lines = await transcript.locator('li').allInnerTexts();
    const later = lines.slice(lines.findIndex((l) => l.includes('ok thanks, I will hold'))).join('\n');
    expect(later).not.toContain('asked for a person');
    expect(later).not.toContain('Asked for a person');
    expect(later).not.toContain('"useless"');
    expect(lines.join('\n').match(/sure: "let me talk to a real person"/g)).toHaveLength(1);
    await page.context().close();
  });
});
