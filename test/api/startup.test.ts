import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../e2e/startServer.ts';

const running: RunningServer[] = [];
let dataDir: string;
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
  await rm(dataDir, { recursive: true, force: true });
});

const start = async () => {
  const server = await startServer({ dataDir });
  running.push(server);
  return server;
};

describe('starting the server', () => {
  it('When Baton starts on an empty data directory, then the example flows are loaded once, and edits survive a restart', async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'baton-start-'));
    const first = await start();
    const flows = (await (await fetch(`${first.url}/api/flows`)).json()) as Array<{ id: string }>;
    expect(flows.map((f) => f.id).sort()).toEqual(['billing-support', 'card-services', 'tech-support']);
    expect((await fetch(`${first.url}/api/flows/tech-support`, { method: 'DELETE' })).status).toBe(204);
    await running.pop()!.stop();

    const second = await start();
    const after = (await (await fetch(`${second.url}/api/flows`)).json()) as Array<{ id: string }>;
    expect(after.map((f) => f.id).sort()).toEqual(['billing-support', 'card-services']);
  });

  it('When a second server starts on the same data directory, then it refuses and says what to do', async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'baton-start-'));
    await start();
    const refused = await startServer({ dataDir }).then(
      () => 'started',
      (error: Error) => error.message,
    );
    expect(refused).toMatch(/stopped before listening/);
    expect(refused).toMatch(/Another Baton server is already using the data directory/);
    expect(refused).toMatch(/BATON_DATA_DIR/);
  });
});
