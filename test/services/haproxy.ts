import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { debianProgram } from './debianProgram.ts';

/** A free loopback port (taken and released at once). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface RunningBalancer {
  url: string;
  stop(): Promise<void>;
}

/**
 * Debian's HAProxy on loopback in front of Baton instances: round-robin, no stickiness, an instance in rotation only
 * while its `GET /readyz` answers 200 (checked every 200 ms), and a request whose instance refuses the connection sent
 * to another, as a production balancer is set up.
 */
export async function startHaproxy(backendPorts: number[]): Promise<RunningBalancer> {
  const haproxy = debianProgram('haproxy');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'baton-haproxy-'));
  const port = await freePort();
  const config = [
    'global',
    '  maxconn 4096',
    'defaults',
    '  mode http',
    '  timeout connect 2s',
    '  timeout client 30s',
    '  timeout server 30s',
    '  timeout check 1s',
    '  retries 3',
    '  option redispatch',
    '  retry-on conn-failure empty-response response-timeout',
    'frontend baton',
    `  bind 127.0.0.1:${port}`,
    '  default_backend instances',
    'backend instances',
    '  balance roundrobin',
    '  option httpchk GET /readyz',
    '  http-check expect status 200',
    '  default-server inter 200ms fall 1 rise 2',
    ...backendPorts.map((p, i) => `  server baton${i + 1} 127.0.0.1:${p} check`),
    '',
  ].join('\n');
  const file = path.join(dir, 'haproxy.cfg');
  await writeFile(file, config);
  const child = spawn(haproxy, ['-f', file, '-db'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  // Ready once it answers through the frontend.
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`HAProxy stopped at start:\n${output}`);
    const ok = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    if (ok) break;
    if (i > 100) throw new Error(`HAProxy did not answer within 10 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
