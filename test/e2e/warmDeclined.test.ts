import { join } from 'node:path';
import { describe, it } from 'vitest';
import { browser, resultsDir, server, startBillingTestCall, useServerAndBrowser } from './editorHarness.ts';

describe('A declined transfer in the test console', () => {
  useServerAndBrowser();

  it('When a warm transfer is declined, then the flow takes its no-agent path: the caller is offered a call back', async () => {
    const { page, transcript } = await startBillingTestCall(browser, server);
    await page.getByLabel('What the caller says').fill('let me talk to a real person');
    await page.getByRole('button', { name: 'Say it' }).click();
    await page.getByRole('button', { name: 'The agent declines' }).click();
    await transcript.getByText('(the agent declines)').waitFor();
    await transcript.getByText('Nobody is free to take your call just now. What number should we call you back on?').waitFor();
    await page.screenshot({ path: join(resultsDir, 'console-declined.png') });
    await page.context().close();
  });
});
