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
  // On a first start nobody has an account: Baton prints a one-time link that makes the newcomer its first admin.
  const { url, welcome } = await new Promise<{ url: string; welcome: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not print where it listens and the first admin's link.\n${output}`)), 60_000);
    npm.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /listening on (http:\/\/[^\s]+)/.exec(output);
      const link = /(http:\/\/\S+\/welcome\?code=\S+)/.exec(output);
      if (listening && link) {
        clearTimeout(timer);
        resolve({ url: listening[1], welcome: link[1] });
      }
    });
  });
  const port = Number(new URL(url).port);
  const code = new URL(welcome).searchParams.get('code');
  expect((await fetch(`${url}/api/flows`, { headers: { authorization: '' } })).status).toBe(401);
  const setUp = await fetch(`${url}/api/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, name: 'newcomer', password: 'a newcomer password' }) });
  expect(setUp.status).toBe(201);
  const cookie = setUp.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  expect((await fetch(`${url}/api/flows`, { headers: { cookie } })).status).toBe(200);
  // The link works once.
  expect((await fetch(`${url}/api/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, name: 'someone-else', password: 'another password' }) })).status).toBe(403);

  npm.kill(signal);
  await exited;
  // The server under npm stopped with it: the port and the data directory are free for the next start.
  expect(await portIsFree(port)).toBe(true);
  expect(existsSync(join(dataDir, 'baton.lock'))).toBe(false);
}

describe('npm start', () => {
  it('When a newcomer runs npm start and opens the link it prints, then they become the first admin (once), and SIGTERM from a process manager stops the server and frees the port and the data directory', async () => {
    await stopNpmStartWith('SIGTERM');
  });

  it('When someone presses Ctrl+C (SIGINT) on npm start, then the server stops and frees the port and the data directory', async () => {
    await stopNpmStartWith('SIGINT');
  });
});
