import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../e2e/builtClient.ts';
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

/** Runs the server on `dataDir` with these settings until it exits by itself (it is expected to refuse to start). */
async function runUntilExit(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, HOST: '127.0.0.1', BATON_DATA_DIR: path.join(dataDir, 'data'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, output };
}

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

  it('When the port is already in use, then Baton says only that, and writes nothing to its data directory', async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'baton-start-'));
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const { code, output } = await runUntilExit({ PORT: String(port) });
      expect(code).toBe(1);
      expect(output).toContain(`Baton could not listen on port ${port}`);
      expect(output).toContain('EADDRINUSE');
      expect(output).not.toContain('listening on');
      expect(output).not.toContain('example flows loaded');
      expect(await readdir(dataDir)).toEqual([]);
    } finally {
      taken.close();
    }
  });

  it('When Baton crashes and its supervisor restarts it at once, then the restart takes over the data directory, says so, and the edits are kept', async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'baton-start-'));
    const first = await start();
    expect((await fetch(`${first.url}/api/flows/tech-support`, { method: 'DELETE' })).status).toBe(204);
    await first.crash();

    const second = await start();
    // Taken over because its owner is gone, not after the ~10 s that a lock nobody refreshes needs to go stale.
    expect(second.output()).toContain('took over the data directory from a Baton server that is no longer running');
    const after = (await (await fetch(`${second.url}/api/flows`)).json()) as Array<{ id: string }>;
    expect(after.map((f) => f.id).sort()).toEqual(['billing-support', 'card-services']);
  });

  for (const [what, content] of [
    ['missing', null],
    ['damaged', 'baton-handoff-signals\n{"format":1}\nnot a model'],
  ] as const) {
    it(`When the handoff-signals model file is ${what}, then Baton stops at start, naming the file and how to rebuild it`, async () => {
      dataDir = await mkdtemp(path.join(os.tmpdir(), 'baton-start-'));
      const modelFile = path.join(dataDir, 'handoff-signals.model');
      if (content !== null) await writeFile(modelFile, content);
      const { code, output } = await runUntilExit({ PORT: '0', BATON_SIGNALS_MODEL: modelFile });
      expect(code).toBe(1);
      expect(output).toContain(`The handoff-signals model ${path.relative(repoRoot, modelFile)}`);
      expect(output).toContain(what === 'missing' ? 'is missing' : 'cannot be used');
      expect(output).toContain('npm run train:signals');
      expect(output).not.toContain('listening on');
    });
  }
});
