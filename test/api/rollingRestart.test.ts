import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../e2e/startServer.ts';
import { freePort, startHaproxy, type RunningBalancer } from '../services/haproxy.ts';

const instances: RunningServer[] = [];
const dirs: string[] = [];
let balancer: RunningBalancer | undefined;
afterEach(async () => {
  await balancer?.stop();
  balancer = undefined;
  await Promise.all(instances.splice(0).map((s) => s.stop()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

const startOn = (port: number, dataDir: string) => startServer({ dataDir, env: { PORT: String(port) } });

describe('behind a load balancer', () => {
  it('When three Baton servers behind HAProxy are restarted one after another, then every request through the balancer is answered: a stopping server finishes what it has, leaves the rotation, and the balancer sends the rest to the others', { timeout: 300_000 }, async () => {
    const ports = await Promise.all([freePort(), freePort(), freePort()]);
    for (const port of ports) {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'baton-lb-'));
      dirs.push(dir);
      instances.push(await startOn(port, dir));
    }
    balancer = await startHaproxy(ports);
    const url = balancer.url;

    // Callers of the API keep asking through the balancer the whole time.
    let running = true;
    const failures: string[] = [];
    let answered = 0;
    const client = async () => {
      while (running) {
        try {
          const res = await fetch(`${url}/api/flows`);
          const body = (await res.json()) as unknown[];
          if (res.status !== 200 || !Array.isArray(body) || body.length === 0) failures.push(`${res.status} ${JSON.stringify(body).slice(0, 200)}`);
          else answered++;
        } catch (error) {
          failures.push((error as Error).message);
        }
      }
    };
    const clients = Array.from({ length: 8 }, client);

    for (let i = 0; i < instances.length; i++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const before = answered;
      await instances[i].stop();
      instances[i] = await startOn(ports[i], dirs[i]);
      // Back in the rotation once two readiness checks in a row pass.
      await new Promise((resolve) => setTimeout(resolve, 700));
      expect(answered).toBeGreaterThan(before);
    }
    running = false;
    await Promise.all(clients);
    expect(failures).toEqual([]);
    expect(answered).toBeGreaterThan(100);
  });
});
