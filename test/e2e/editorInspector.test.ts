import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browser, canvasNode, copyOfFlow, getFlowViaApi, openEditor, resultsDir, server, sourceHandle, useServerAndBrowser } from './editorHarness.ts';

describe('Flow editor inspector', () => {
  useServerAndBrowser();

  it('When an analyst tunes the frustration trigger, then the node shows the new threshold in words, and each field edit is one undo step', async () => {
    const flowId = await copyOfFlow(server, 'billing-support');
    const page = await openEditor(browser, server, flowId);
    const trigger = canvasNode(page, 'trigger_frustrated');
    await trigger.click();
    await page.getByRole('heading', { name: 'Handoff trigger', level: 2 }).waitFor();

    const frustration = page.getByRole('group', { name: 'Caller sounds frustrated' });
    // The recommended level comes from the server's evaluation of the detectors.
    await frustration.getByText(/Using the recommended \d+%/).waitFor();
    await frustration.getByLabel('Hand over when at least this sure (%)', { exact: true }).fill('70');
    await trigger.getByText('Caller sounds frustrated, over the last 2 turns (at 70% sure)').waitFor();

    const name = page.getByLabel('Name on the canvas');
    await name.click();
    await name.press('End');
    await name.pressSequentially(' now');
    await trigger.getByText('Caller is frustrated now').waitFor();

    await page.getByRole('combobox', { name: 'Add something to watch for' }).click();
    await page.getByRole('option', { name: 'Call gets long' }).click();
    await trigger.getByText('Call reaches 12 turns').waitFor();
    await page.screenshot({ path: join(resultsDir, 'editor-trigger-inspector.png') });

    await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
    await page.keyboard.press('Control+z');
    await trigger.getByText('Call reaches 12 turns').waitFor({ state: 'detached' });
    await page.keyboard.press('Control+z');
    await trigger.getByText('Caller is frustrated', { exact: true }).waitFor();
    expect(await trigger.innerText()).toContain('Caller sounds frustrated, over the last 2 turns (at 70% sure)');
    await page.keyboard.press('Control+z');
    await trigger.getByText('Caller sounds frustrated, over the last 2 turns', { exact: true }).waitFor();
    await page.context().close();
  });

  it('When an analyst makes the frustration trigger very sensitive and tries it on the flow\'s tests, then the tests it would break are listed, and back at the recommended level all pass', async () => {
    const flowId = await copyOfFlow(server, 'billing-support');
    const page = await openEditor(browser, server, flowId);
    await canvasNode(page, 'trigger_frustrated').click();
    const frustration = page.getByRole('group', { name: 'Caller sounds frustrated' });
    await frustration.getByLabel('Hand over when at least this sure (%)', { exact: true }).fill('5');
    await frustration.getByText(/More sensitive than recommended/).waitFor();
    await frustration.getByRole('button', { name: 'Try this level on the flow’s tests' }).click();
    await frustration.getByText(/\d+ of \d+ conversation tests would fail at this level/).waitFor();
    expect(await frustration.getByRole('listitem').count()).toBeGreaterThan(0);
    await frustration.getByRole('button', { name: 'Try this level on the flow’s tests' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(resultsDir, 'editor-threshold-check.png') });

    await frustration.getByRole('button', { name: 'Use recommended' }).click();
    await frustration.getByText(/Using the recommended \d+%/).waitFor();
    await frustration.getByRole('button', { name: 'Try this level on the flow’s tests' }).click();
    await frustration.getByText(/All \d+ conversation tests pass at this level/).waitFor();
    await page.context().close();
  });

  it('When an analyst moves the repeated-question slider, then the node shows the new threshold and one undo puts it back', async () => {
    const flowId = await copyOfFlow(server, 'billing-support');
    const page = await openEditor(browser, server, flowId);
    const trigger = canvasNode(page, 'trigger_frustrated');
    await trigger.click();
    await trigger.getByText('Caller repeats a question 2 times').waitFor();
    const slider = page.getByRole('slider', { name: 'Times the caller repeats (slider)' });
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    await trigger.getByText('Caller repeats a question 3 times').waitFor();
    expect(await page.getByLabel('Times the caller repeats', { exact: true }).inputValue()).toBe('3');
    await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
    await page.keyboard.press('Control+z');
    await trigger.getByText('Caller repeats a question 2 times').waitFor();
    await page.context().close();
  });

  it('When steps are copied, then Ctrl+V pastes them with their connection, also into another flow, and Ctrl+D duplicates', async () => {
    const flowId = await copyOfFlow(server, 'billing-support');
    const page = await openEditor(browser, server, flowId);
    await canvasNode(page, 'tell_handoff').click();
    await canvasNode(page, 'transfer_billing').click({ modifiers: ['Control'] });
    await page.keyboard.press('Control+c');
    await page.getByText('Copied 2 steps').waitFor();
    await page.keyboard.press('Control+v');
    await canvasNode(page, 'transparency_1').waitFor();
    await canvasNode(page, 'transfer_1').waitFor();
    await page.locator('[data-testid="rf__edge-transparency_1-next"]').waitFor();
    expect(await canvasNode(page, 'transfer_1').innerText()).toContain('Queue: billing team');

    await page.keyboard.press('Control+d');
    await canvasNode(page, 'transparency_2').waitFor();
    await page.locator('[data-testid="rf__edge-transparency_2-next"]').waitFor();

    const other = await page.context().newPage();
    await other.goto(`${server.url}/flows/${await copyOfFlow(server, 'card-services')}`);
    await other.locator('.react-flow[aria-busy="false"]').waitFor();
    await other.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
    await other.keyboard.press('Control+v');
    await canvasNode(other, 'transparency_1').waitFor();
    await other.locator('[data-testid="rf__edge-transparency_1-next"]').waitFor();
    await page.context().close();
  });

  it('When someone opens the shortcuts help, then every keyboard shortcut is listed in plain words', async () => {
    const flowId = await copyOfFlow(server, 'billing-support');
    const page = await openEditor(browser, server, flowId);
    await page.getByRole('button', { name: 'Shortcuts' }).click();
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    const text = await help.innerText();
    for (const line of ['Undo', 'Redo', 'Save', 'Duplicate the selected steps', 'Paste copied steps']) expect(text).toContain(line);
    await page.context().close();
  });

  it('When a decision’s condition is renamed and other steps are changed in the inspector, then connections stay, rules are checked as they are typed, and the saved flow has the changes', async () => {
    const flowId = await copyOfFlow(server, 'billing-support');
    const page = await openEditor(browser, server, flowId);
    const decide = canvasNode(page, 'refund_check');
    await decide.click();
    await page.getByLabel('Condition 1 output name').fill('over_100');
    await decide.getByText('over 100', { exact: true }).waitFor();
    await page.locator('.react-flow__edge[data-testid="rf__edge-refund_check-large"]').waitFor();
    expect(await page.locator('.react-flow__edge').count()).toBe(46);

    // The rule is checked as it is typed, beside the field.
    const rule = page.getByRole('textbox', { name: 'Rule' });
    await rule.fill('slots.refund_amount >');
    await page.getByText(/the rule "slots.refund_amount >" cannot be used/).first().waitFor();
    await rule.fill('slots.refund_amount > 100');
    await page.getByText(/cannot be used/).first().waitFor({ state: 'detached' });

    await canvasNode(page, 'ask_account').click();
    await page.getByLabel('Times to ask again').fill('3');
    await page.getByLabel('Keep the answer hidden').check();
    await canvasNode(page, 'end_resolved').click();
    await page.getByRole('combobox', { name: 'How the call ended (for reports)' }).click();
    await page.getByRole('option', { name: 'Something else' }).click();

    expect(await page.getByRole('region', { name: 'Issues' }).innerText()).toContain('No issues found');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('All changes saved', { exact: true }).waitFor();
    const saved = await getFlowViaApi(server, flowId);
    const node = (id: string) => saved.nodes.find((n) => n.id === id)?.data;
    expect(node('refund_check')?.conditions).toEqual([expect.objectContaining({ id: 'over_100' })]);
    expect(node('ask_account')?.retries).toBe(3);
    expect(node('ask_account')?.sensitive).toBe(true);
    expect(node('end_resolved')?.disposition).toBe('other');
    expect(saved.edges).toContainEqual(expect.objectContaining({ source: 'refund_check', sourcePort: 'over_100', target: 'tell_large_refund' }));
    await page.context().close();
  });

  it('When a variable is picked from the menu, then it is inserted where the cursor is, and the flow’s own values are offered too', async () => {
    const flowId = await copyOfFlow(server, 'billing-support');
    const page = await openEditor(browser, server, flowId);
    await canvasNode(page, 'say_rephrase').click();
    const text = page.getByRole('textbox', { name: 'What to say' });
    await text.fill('The wait is ');
    await page.getByRole('button', { name: 'Insert a variable into What to say' }).click();
    await page.getByRole('menuitem', { name: /\{\{slots\.account_number\}\}/ }).waitFor();
    await page.getByRole('menuitem', { name: /\{\{queue\.waitText\}\}/ }).click();
    await expect.poll(() => text.inputValue()).toBe('The wait is {{queue.waitText}}');
    await canvasNode(page, 'say_rephrase').getByText('The wait is {{queue.waitText}}').waitFor();
    // A plain message has no wait to tell: the caller could be promised one that is not true.
    await page.getByRole('region', { name: 'Issues' }).getByText(/speaks a wait \(\{\{queue\.waitText\}\}\) where none is known/).waitFor();
    await page.context().close();
  });

  it('When a "Tell the caller" step is opened, then it has one message for each thing routing can expect, and only the one for a call someone can take offers the wait', async () => {
    const flowId = await copyOfFlow(server, 'billing-support');
    const page = await openEditor(browser, server, flowId);
    await canvasNode(page, 'tell_handoff').click();
    const inspector = page.getByRole('region', { name: 'Tell the caller' });
    await inspector.getByRole('textbox', { name: 'When someone can take the call' }).waitFor();
    expect(await inspector.getByRole('textbox', { name: 'When nobody is free' }).inputValue()).toContain('nobody there is free to take your call right now');
    const closed = inspector.getByRole('textbox', { name: 'When the team is closed' });
    expect(await closed.inputValue()).toContain('{{queue.opensText}}');
    await page.screenshot({ path: join(resultsDir, 'transparency-inspector.png') });
    await page.getByRole('button', { name: 'Insert a variable into When the team is closed' }).click();
    await page.getByRole('menuitem', { name: /\{\{queue\.opensText\}\}/ }).waitFor();
    expect(await page.getByRole('menuitem', { name: /\{\{queue\.waitText\}\}/ }).count()).toBe(0);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Insert a variable into When someone can take the call' }).click();
    await page.getByRole('menuitem', { name: /\{\{queue\.waitText\}\}/ }).waitFor();
    await page.context().close();
  });

  it('When an intent is named in plain words ("Payment plan options"), then the step and its output show that name, its connection stays, and no issue appears', async () => {
    const flowId = await copyOfFlow(server, 'billing-support');
    const page = await openEditor(browser, server, flowId);
    const main = canvasNode(page, 'main');
    await main.click();
    const name = page.getByLabel('Intent 3 name');
    expect(await name.inputValue()).toBe('payment plan');
    await name.fill('Payment plan options');
    await main.getByText('Recognises: balance, refund, Payment plan options').waitFor();
    await main.locator('.flow-node__port', { hasText: 'Payment plan options' }).waitFor();
    await page.locator('[data-testid="rf__edge-main-payment_plan"]').waitFor();
    expect(await page.locator('.react-flow__edge').count()).toBe(46);
    const issues = page.getByRole('region', { name: 'Issues' });
    expect(await issues.innerText()).toContain('No issues found');
    expect(await page.getByText(/lower-case|not connected/).count()).toBe(0);

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('All changes saved', { exact: true }).waitFor();
    const saved = await getFlowViaApi(server, flowId);
    const intents = saved.nodes.find((n) => n.id === 'main')?.data.intents as Array<{ name: string; label?: string }>;
    expect(intents[2]).toMatchObject({ name: 'payment_plan_options', label: 'Payment plan options' });
    expect(saved.edges).toContainEqual(expect.objectContaining({ source: 'main', sourcePort: 'payment_plan_options' }));

    // The test console says what it understood by the intent's name too.
    await page.getByRole('tab', { name: 'Try it' }).click();
    await page.getByRole('button', { name: 'Start a test call' }).click();
    const transcript = page.getByRole('list', { name: 'The test call so far' });
    await transcript.getByText('How can I help with your bill today?').waitFor();
    await page.getByLabel('What the caller says').fill('set up a payment plan');
    await page.getByRole('button', { name: 'Say it' }).click();
    await transcript.getByText(/^Payment plan options \(\d+% sure\)$/).waitFor();
    await page.context().close();
  });
});

describe('Satisfaction survey in the editor', () => {
  useServerAndBrowser();

  it('When the admin opens the billing example\'s survey at 1024×768 and changes its question, then it is saved, and its score is offered to messages as a collected value', async () => {
    const flowId = await copyOfFlow(server, 'billing-support');
    const page = await openEditor(browser, server, flowId, { width: 1024, height: 768 });
    const survey = canvasNode(page, 'survey');
    await survey.click();
    const inspector = page.getByRole('region', { name: 'Satisfaction survey' });
    const question = inspector.getByRole('textbox', { name: 'The question' });
    await question.fill('How did we do today, from 1 to 5?');
    // Zoomed out to the whole flow, the step shows its name and its two outputs.
    await page.locator(sourceHandle('survey', 'answered')).waitFor({ state: 'attached' });
    await page.locator(sourceHandle('survey', 'no_answer')).waitFor({ state: 'attached' });
    await inspector.getByLabel('Ask again this many times').fill('2');
    await page.screenshot({ path: join(resultsDir, 'editor-survey.png') });

    // Elsewhere in the flow, the score is one of the values a message can use.
    await canvasNode(page, 'end_resolved').click();
    await page.getByRole('button', { name: 'Insert a variable into Goodbye message' }).click();
    await page.getByRole('menuitem', { name: /\{\{slots\.survey_score\}\}/ }).waitFor();
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('All changes saved', { exact: true }).waitFor();
    const saved = (await getFlowViaApi(server, flowId)).nodes.find((n) => n.id === 'survey')?.data;
    expect(saved).toMatchObject({ question: 'How did we do today, from 1 to 5?', retries: 2 });
    await page.context().close();
  });
});
