import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startServer, type RunningServer } from '../e2e/startServer.ts';
import { freePort, startHaproxy, type RunningBalancer } from './haproxy.ts';
import { copyFile } from 'node:fs/promises';
import { openStore } from '../../server/src/store/openStore.ts';
import { addTestTokens } from '../../server/src/testing/testAccounts.ts';
import { forgetCredentials, registerCredentials } from '../../server/src/testing/credentials.ts';

/** Writes one admin access key into the first data directory and copies its store to the others. */
async function keyInEvery(dirs: string[]): Promise<string> {
  const store = await openStore(dirs[0]);
  const { admin } = await addTestTokens(store);
  await store.close();
  for (const dir of dirs.slice(1)) await copyFile(path.join(dirs[0], 'baton.json'), path.join(dir, 'baton.json'));
  return admin;
}

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
    if (balancer) forgetCredentials(balancer.url);
    await balancer?.stop();
    await Promise.all(instances.map((s) => s.stop()));
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  };
  try {
    for (let i = 0; i < count; i++) dirs.push(await mkdtemp(path.join(os.tmpdir(), 'baton-cluster-')));
    // Instances that share no store still share the harness's access key: each data directory starts with it.
    const ownStores = !env.BATON_DATABASE_URL;
    const sharedKey = ownStores ? await keyInEvery(dirs) : undefined;
    for (let i = 0; i < count; i++) instances.push(await startOn(i));
    balancer = await startHaproxy(ports);
    registerCredentials(balancer.url, sharedKey ?? instances[0].token);
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
