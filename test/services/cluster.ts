import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startServer, type RunningServer } from '../e2e/startServer.ts';
import { freePort, startHaproxy, type RunningBalancer } from './haproxy.ts';

export interface RunningCluster {
  /** The balancer's URL: where clients send everything. */
  url: string;
  instances: RunningServer[];
  /** Stops instance `i` (SIGTERM: it drains) and starts it again on its port and data directory. */
  restart(i: number): Promise<void>;
  stop(): Promise<void>;
}

/** Baton servers (each with its own data directory) behind Debian's HAProxy on loopback. `env`: e.g. BATON_REDIS_URL. */
export async function startCluster(count: number, env: Record<string, string> = {}): Promise<RunningCluster> {
  const ports = await Promise.all(Array.from({ length: count }, freePort));
  const dirs: string[] = [];
  const instances: RunningServer[] = [];
  const startOn = (i: number) => startServer({ dataDir: dirs[i], env: { ...env, PORT: String(ports[i]) } });
  let balancer: RunningBalancer | undefined;
  const stop = async () => {
    await balancer?.stop();
    await Promise.all(instances.map((s) => s.stop()));
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  };
  try {
    for (let i = 0; i < count; i++) {
      dirs.push(await mkdtemp(path.join(os.tmpdir(), 'baton-cluster-')));
      instances.push(await startOn(i));
    }
    balancer = await startHaproxy(ports);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url: balancer.url,
    instances,
    async restart(i: number) {
      await instances[i].stop();
      instances[i] = await startOn(i);
    },
    stop,
  };
}
