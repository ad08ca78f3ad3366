import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot } from './builtClient.ts';

// `npm start` is what a newcomer, a process manager or a container runs; it builds the client, so it lives with the
// browser tests, which run one file at a time after the build.
const dataDirs: string[] = [];
afterEach(async () => {
  await Promise.all(dataDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

async function stopNpmStartWith(signal: NodeJS.Signals) {
  const dataDir = await mkdtemp(join(tmpdir(), 'baton-npm-start-'));
  dataDirs.push(dataDir);
  const npm = spawn('npm', ['start'], {
    cwd: repoRoot,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', BATON_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  npm.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => npm.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not say it was listening.\n${output}`)), 60_000);
    npm.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  });
  const port = Number(new URL(url).port);
  expect((await fetch(`${url}/api/flows`)).status).toBe(200);

  npm.kill(signal);
  await exited;
  // The server under npm stopped with it: the port and the data directory are free for the next start.
  expect(await portIsFree(port)).toBe(true);
  expect(existsSync(join(dataDir, 'baton.lock'))).toBe(false);
}

describe('npm start', () => {
  it('When a process manager sends SIGTERM to npm start, then the server stops and frees the port and the data directory', async () => {
    await stopNpmStartWith('SIGTERM');
  });

  it('When someone presses Ctrl+C (SIGINT) on npm start, then the server stops and frees the port and the data directory', async () => {
    await stopNpmStartWith('SIGINT');
  });
});
