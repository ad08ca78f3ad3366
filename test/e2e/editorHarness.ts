import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { launchBrowser } from './browser.ts';
import { repoRoot, requireBuiltClient } from './builtClient.ts';
import { startServer, type RunningServer } from './startServer.ts';

export const resultsDir = join(repoRoot, 'test-results');

/** The real server (fresh data directory) and the browser of the current test file: live bindings, read them inside tests. */
export let server: RunningServer;
export let browser: Browser;

/** Starts the server and a browser before the file's tests and stops both after them. */
export function useServerAndBrowser(): void {
  beforeAll(async () => {
    requireBuiltClient();
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
}

/** Opens a flow's editor in a fresh browser context (1440×900 unless told) and waits until its canvas shows nodes. */
export async function openEditor(browser: Browser, server: RunningServer, flowId: string, viewport = { width: 1440, height: 900 }): Promise<Page> {
  await mkdir(resultsDir, { recursive: true });
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(`${server.url}/flows/${encodeURIComponent(flowId)}`);
  // The canvas is busy until the whole flow is measured and fitted into view; nodes move until then.
  await page.locator('.react-flow[aria-busy="false"]').waitFor();
  return page;
}

/** A copy of the billing example open in the editor with a test call started in the console; its transcript list. */
export async function startBillingTestCall(browser: Browser, server: RunningServer) {
  const flowId = await copyOfFlow(server, 'billing-support');
  const page = await openEditor(browser, server, flowId);
  await page.getByRole('tab', { name: 'Try it' }).click();
  await page.getByRole('button', { name: 'Start a test call' }).click();
  const transcript = page.getByRole('list', { name: 'The test call so far' });
  await transcript.getByText('How can I help with your bill today?').waitFor();
  return { flowId, page, transcript };
}

/** Stores a flow through the API, as another tool or person would; returns the id the server stored it under. */
export async function createFlowViaApi(server: RunningServer, flow: unknown): Promise<string> {
  const response = await fetch(`${server.url}/api/flows`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(flow),
  });
  if (response.status !== 201) throw new Error(`Could not create the test flow: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

let copies = 0;

/**
 * A fresh copy of a stored flow (an example, usually) for one test alone. Tests share the server of their file, and
 * the editor saves on its own a few seconds after a change: a test that edits the example itself leaves its changes
 * (or saves them late, while the next test runs) for whichever test comes next. Each test on its own copy sees the
 * flow as seeded, whatever ran before it and however long that took.
 */
export async function copyOfFlow(server: RunningServer, flowId: string): Promise<string> {
  const { version: _version, ...flow } = await getFlowViaApi(server, flowId);
  copies += 1;
  const copyId = await createFlowViaApi(server, { ...flow, id: `${flowId}-test-${copies}` });
  // Its conversation tests come along, as they belong to the flow.
  const tests = (await (await fetch(`${server.url}/api/flows/${encodeURIComponent(flowId)}/tests`)).json()) as unknown[];
  for (const test of tests) {
    const response = await fetch(`${server.url}/api/flows/${encodeURIComponent(copyId)}/tests`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(test) });
    if (response.status !== 201) throw new Error(`Could not copy a conversation test: ${response.status} ${await response.text()}`);
  }
  return copyId;
}

/** Reads a flow as the server has it now. */
export async function getFlowViaApi(server: RunningServer, flowId: string): Promise<{ version: number; name: string; nodes: { id: string; data: Record<string, unknown> }[]; edges: { id: string }[] }> {
  const response = await fetch(`${server.url}/api/flows/${encodeURIComponent(flowId)}`);
  if (!response.ok) throw new Error(`Could not read flow ${flowId}: ${response.status}`);
  return response.json() as never;
}

/** The canvas node with this id. */
export const canvasNode = (page: Page, nodeId: string) => page.locator(`.react-flow__node[data-id="${nodeId}"]`);

/** Drags from one handle to another with real mouse moves, as a person connects two steps. */
export async function connectHandles(page: Page, from: string, to: string): Promise<void> {
  const a = await page.locator(from).boundingBox();
  const b = await page.locator(to).boundingBox();
  if (!a || !b) throw new Error(`Handle not on screen: ${!a ? from : to}`);
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
  await page.mouse.up();
}

export const sourceHandle = (nodeId: string, port: string) => `.react-flow__node[data-id="${nodeId}"] .react-flow__handle.source[data-handleid="${port}"]`;
export const targetHandle = (nodeId: string) => `.react-flow__node[data-id="${nodeId}"] .react-flow__handle.target`;

/** Closes every message at the bottom of the page, as a person would before carrying on. */
export async function dismissMessages(page: Page): Promise<void> {
  const close = page.getByRole('button', { name: 'Dismiss message' });
  for (let open = await close.count(); open > 0; open = await close.count()) {
    await close.first().click();
    await expect.poll(() => close.count()).toBeLessThan(open);
  }
}

/** Publishes from the editor as an admin does: Publish, a note for the history if given, Publish now. */
export async function publishInEditor(page: Page, note?: string): Promise<void> {
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Publish the draft' });
  if (note) await dialog.getByRole('textbox', { name: 'Note for the history (optional)' }).fill(note);
  await dialog.getByRole('button', { name: 'Publish now' }).click();
}

/** Goes to one of the settings pages as an admin does: the header's Settings menu, then the page. */
export async function openSettings(page: Page, name: 'Queues' | 'Agents' | 'Phone numbers' | 'People' | 'Audit'): Promise<void> {
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('menuitem', { name }).click();
}
