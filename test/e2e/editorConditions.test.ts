import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browser, canvasNode, copyOfFlow, getFlowViaApi, openEditor, resultsDir, server, useServerAndBrowser } from './editorHarness.ts';

describe('Flow editor condition builder', () => {
  useServerAndBrowser();

  it('When an analyst builds a condition "sentiment below -0.5 and repeats at least 2" in a Decide node, then the rule text reads it, the issues panel is clean, and after saving and reloading the condition is still there', async () => {
    const flowId = await copyOfFlow(server, 'billing-support');
    const page = await openEditor(browser, server, flowId);
    await canvasNode(page, 'refund_check').click();
    const condition = page.getByRole('group', { name: 'When condition 1 holds' });
    const rule = condition.getByRole('textbox', { name: 'Rule' });
    // The example's rule uses has(), which the builder cannot show: the text counts, and says so.
    await condition.getByText(/Edited as text/).waitFor();
    await condition.getByRole('button', { name: 'Clear and use the builder' }).click();
    await expect.poll(() => rule.inputValue()).toBe('');

    await condition.getByRole('button', { name: 'Add a comparison' }).click();
    await condition.getByRole('combobox', { name: 'What to check' }).nth(0).selectOption({ label: 'Sentiment of the latest turn' });
    await condition.getByRole('combobox', { name: 'Comparison' }).nth(0).selectOption({ label: 'is below' });
    await condition.getByRole('spinbutton', { name: 'Value' }).nth(0).fill('-0.5');
    await condition.getByRole('button', { name: 'Add a comparison' }).click();
    await condition.getByRole('combobox', { name: 'What to check' }).nth(1).selectOption({ label: 'Times the latest turn repeats earlier ones' });
    await condition.getByRole('combobox', { name: 'Comparison' }).nth(1).selectOption({ label: 'is at least' });
    await condition.getByRole('spinbutton', { name: 'Value' }).nth(1).fill('2');

    await expect.poll(() => rule.inputValue()).toBe('sentiment < -0.5 && repeats >= 2');
    await condition.getByText('The rule checks out.').waitFor();
    expect(await condition.getByText(/Edited as text/).count()).toBe(0);
    await page.getByRole('region', { name: 'Issues' }).getByText('No issues found').waitFor();
    await page.screenshot({ path: join(resultsDir, 'editor-condition-builder.png') });

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('All changes saved', { exact: true }).waitFor();
    const saved = await getFlowViaApi(server, flowId);
    expect(saved.nodes.find((n) => n.id === 'refund_check')?.data.conditions).toEqual([expect.objectContaining({ id: 'large', rule: 'sentiment < -0.5 && repeats >= 2' })]);

    await page.reload();
    await canvasNode(page, 'refund_check').click();
    const again = page.getByRole('group', { name: 'When condition 1 holds' });
    expect(await again.getByRole('textbox', { name: 'Rule' }).inputValue()).toBe('sentiment < -0.5 && repeats >= 2');
    // The builder shows it again, value by value.
    await expect.poll(() => again.getByRole('spinbutton', { name: 'Value' }).nth(0).inputValue()).toBe('-0.5');
    expect(await again.getByRole('spinbutton', { name: 'Value' }).nth(1).inputValue()).toBe('2');
    expect(await again.getByRole('combobox', { name: 'What to check' }).nth(0).inputValue()).toBe('sentiment');
    await page.context().close();
  });

  it('When the rule text is edited by hand into something invalid, then the error says what is wrong, and fixing it clears the error', async () => {
    const flowId = await copyOfFlow(server, 'billing-support');
    const page = await openEditor(browser, server, flowId);
    await canvasNode(page, 'trigger_frustrated').click();
    const extra = page.getByRole('group', { name: 'Extra condition (optional)' });
    const rule = extra.getByRole('textbox', { name: 'Rule' });

    await rule.fill('intent = "billing"');
    await extra.getByText('"=" is not allowed there: to compare, write == (two equal signs).').waitFor();
    await extra.getByText(/Edited as text/).waitFor();

    await rule.fill('sentiment < "low"');
    await extra.getByText(/A number cannot be compared with a text using "<"/).waitFor();

    await rule.fill('sentiment < -0.3 && "fraud" in topics');
    await extra.getByText('The rule checks out.').waitFor();
    expect(await extra.getByText(/cannot be compared|not allowed/).count()).toBe(0);
    // Text the builder can show is shown in the builder again, topics included.
    await extra.getByText(/Edited as text/).waitFor({ state: 'detached' });
    expect(await extra.getByRole('textbox', { name: 'Value', exact: true }).inputValue()).toBe('fraud');
    await page.getByRole('region', { name: 'Issues' }).getByText('No issues found').waitFor();
    await page.context().close();
  });

  it('When an analyst writes a rule that checks lists inside lists, then the field names the costly part in plain words and the flow is not saved with it', async () => {
    const page = await openEditor(browser, server, 'billing-support');
    await canvasNode(page, 'trigger_frustrated').click();
    const extra = page.getByRole('group', { name: 'Extra condition (optional)' });
    const list = `[${Array.from({ length: 25 }, (_, i) => i).join(',')}]`;
    await extra.getByRole('textbox', { name: 'Rule' }).fill(`${list}.all(a, ${list}.all(b, ${list}.all(c, ${list}.all(d, a + b + c + d >= 0))))`);
    await extra.getByText(/could take too long on each caller turn: it goes through .* up to 25 items/).waitFor();
    await page.screenshot({ path: join(resultsDir, 'editor-rule-too-costly.png') });
    await page.setViewportSize({ width: 1024, height: 768 });
    await extra.getByText(/could take too long/).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(resultsDir, 'editor-rule-too-costly-1024.png') });
    // Autosave waits for the errors to be fixed, and says so.
    await page.getByTitle('Changes are saved on their own once the errors in the issues panel are fixed.').getByText('Unsaved changes').waitFor();
    expect((await getFlowViaApi(server, 'billing-support')).nodes.find((n) => n.id === 'trigger_frustrated')?.data.rule ?? '').not.toMatch(/all\(/);
    await page.context().close();
  });
});
