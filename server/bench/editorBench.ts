// The editor in headless Chromium: load time against a bare React Flow page, and frame times while dragging.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../../test/e2e/browser.ts';
import { startServer } from '../../test/e2e/startServer.ts';
import { generatedFlow } from './compileBench.ts';
import { median } from './median.ts';

const NODES = 1000;
const EDGES = 1200;
const LOADS = Number(process.env.BENCH_EDITOR_LOADS ?? 5);
const DRAG_MOVES = 60;
const root = path.resolve(import.meta.dirname, '../..');

// The flow's main path (what every call can follow) is kept first; the extra routes fill up to EDGES.
const MAIN_PORTS = new Set(['next', 'refund', 'filled', 'else', 'fired', 'no_agent', 'failed']);

type Row = { id: string; kind: string; position: { x: number; y: number }; data: Record<string, unknown> };
type Link = { id: string; source: string; sourcePort: string; target: string };

/** A 1,000-node, 1,200-edge flow laid out in a grid of groups (AI menu, question, decision, message), as a person would. */
export function benchFlow() {
  const flow = generatedFlow(NODES);
  const nodes = flow.nodes as Row[];
  const edges = flow.edges as Link[];
  // generatedFlow grows in groups of four; a few goodbyes make up the round number (the extra routes lead to them).
  for (let n = 0; nodes.length < NODES; n++) nodes.push({ id: `bye${n}`, kind: 'end', position: { x: 0, y: 0 }, data: { message: 'Thanks for calling.' } });
  let group = 0;
  for (const node of nodes) {
    const match = /^(ai|ask|decide|say)(\d+)$/.exec(node.id);
    if (!match) {
      node.position = { x: -300, y: group++ * 160 };
      continue;
    }
    const i = Number(match[2]);
    const row = ['ai', 'ask', 'decide', 'say'].indexOf(match[1]);
    node.position = { x: (i % 25) * 260, y: (Math.floor(i / 25) * 4 + row) * 170 };
  }
  const main = edges.filter((e) => MAIN_PORTS.has(e.sourcePort));
  const extra = edges.filter((e) => !MAIN_PORTS.has(e.sourcePort));
  const goodbyes = nodes.filter((n) => /^bye\d/.test(n.id));
  extra.forEach((e, i) => {
    if (i < goodbyes.length) e.target = goodbyes[i].id;
  });
  const kept = [...main, ...extra].slice(0, EDGES);
  if (nodes.length !== NODES || kept.length !== EDGES) throw new Error(`bench flow has ${nodes.length} nodes and ${kept.length} edges`);
  return { ...flow, id: 'bench-1000', name: 'Bench 1000', nodes, edges: kept };
}

/** Navigates and returns the page's own time (ms since navigation) at which every node and edge is on the canvas. */
async function loadTime(page: Page, url: string): Promise<number> {
  await page.goto(url);
  // Runs in the page (the server's types have no DOM, hence the cast). Nodes stay hidden until React Flow has measured them.
  const handle = await page.waitForFunction(
    ({ nodes, edges }) => {
      const g = globalThis as unknown as {
        document: { querySelectorAll(selector: string): { length: number }; querySelector(selector: string): object | null };
        getComputedStyle(element: object): { visibility: string };
      };
      const shown = g.document.querySelectorAll('.react-flow__node').length === nodes && g.document.querySelectorAll('.react-flow__edge').length === edges;
      const first = g.document.querySelector('.react-flow__node');
      // The editor's canvas says it is busy until the flow is fitted into view (the bare page fits before showing).
      const settled = !g.document.querySelector('.react-flow[aria-busy="true"]');
      return shown && settled && first && g.getComputedStyle(first).visibility !== 'hidden' ? performance.now() : false;
    },
    { nodes: NODES, edges: EDGES },
    { polling: 'raf', timeout: 120_000 },
  );
  return (await handle.jsonValue()) as number;
}

const round = (value: number, digits = 1) => Number(value.toFixed(digits));

export async function editorBench(): Promise<Record<string, number>> {
  if (!existsSync(path.join(root, 'client/dist/bench-bare.html'))) execSync('npm run build', { cwd: root, stdio: 'ignore' });
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const flow = benchFlow();
    const created = await fetch(`${server.url}/api/flows`, { method: 'POST', headers: { 'Content-Type': 'application/json', authorization: `Bearer ${server.token}` }, body: JSON.stringify(flow) });
    if (created.status !== 201) throw new Error(`could not create the bench flow: ${created.status} ${await created.text()}`);
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const editorUrl = `${server.url}/flows/${flow.id}`;
    const bareUrl = `${server.url}/bench-bare.html?flow=${flow.id}`;
    // One warm-up of each, so neither pays for the first compile of the scripts alone.
    const warm = [await loadTime(page, bareUrl), await loadTime(page, editorUrl)];
    if (process.env.BENCH_VERBOSE) console.error('warm-up', warm);
    const editor: number[] = [];
    const bare: number[] = [];
    for (let n = 0; n < LOADS; n++) {
      bare.push(await loadTime(page, bareUrl));
      editor.push(await loadTime(page, editorUrl));
      if (process.env.BENCH_VERBOSE) console.error('load', n, bare.at(-1), editor.at(-1));
    }
    const editorMs = median(editor);
    const bareMs = median(bare);

    // Drag one node in the editor (which the last load left open) and time the frames meanwhile.
    await page.waitForTimeout(500);
    const box = await page.locator('.react-flow__node[data-id="say100"]').boundingBox();
    if (!box) throw new Error('the node to drag is not on screen');
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    // As a string: tsx would wrap a named inner function in a helper the page does not have.
    await page.evaluate(`(() => {
      window.__frames = [];
      window.__framing = true;
      const tick = (t) => { window.__frames.push(t); if (window.__framing) requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
    })()`);
    await page.mouse.move(x, y);
    await page.mouse.down();
    for (let step = 1; step <= DRAG_MOVES; step++) {
      await page.mouse.move(x + step * 2, y + step);
      await page.waitForTimeout(8);
    }
    await page.mouse.up();
    await page.waitForTimeout(100);
    const frames = (await page.evaluate(`(() => { window.__framing = false; return window.__frames; })()`)) as number[];
    const intervals = frames.slice(1).map((t, i) => t - frames[i]).sort((a, b) => a - b);
    const p95 = intervals[Math.min(intervals.length - 1, Math.ceil(intervals.length * 0.95) - 1)];
    return {
      editor_load_1000_nodes_ms: round(editorMs, 0),
      bare_reactflow_load_1000_nodes_ms: round(bareMs, 0),
      editor_load_1000_nodes_ratio: round(editorMs / bareMs, 2),
      editor_drag_frame_ms_p95_1000_nodes: round(p95),
    };
  } finally {
    await browser.close();
    await server.stop();
  }
}
