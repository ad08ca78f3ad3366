import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { debianProgram } from './debianProgram.ts';
import { freePort } from './haproxy.ts';

export interface RunningRedis {
  url: string;
  /** Empties it (FLUSHALL), so one test starts from nothing another left. */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

/** Debian's redis-server on loopback, in memory only (nothing saved to disk), for one test file. */
export async function startRedis(): Promise<RunningRedis> {
  const program = debianProgram('redis-server');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'baton-redis-'));
  const port = await freePort();
  const child = spawn(program, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 10_000;
  while (!(await answersPing(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
      throw new Error(`redis-server did not start on port ${port}:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    async flush() {
      if ((await command(port, 'FLUSHALL')) !== '+OK') throw new Error('FLUSHALL failed');
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

const answersPing = async (port: number) => (await command(port, 'PING')) === '+PONG';

/** One inline command's first line of answer ('' when Redis cannot be reached). */
function command(port: number, line: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('error', () => resolve(''));
    socket.once('connect', () => socket.write(`${line}\r\n`));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().split('\r\n')[0]);
    });
  });
}
