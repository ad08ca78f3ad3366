import { afterEach, describe, expect, it } from 'vitest';
import { startCluster, type RunningCluster } from '../services/cluster.ts';

let cluster: RunningCluster | undefined;
afterEach(async () => {
  await cluster?.stop();
  cluster = undefined;
});

describe('behind a load balancer', () => {
  it('When three Baton servers behind HAProxy are restarted one after another, then every request through the balancer is answered: a stopping server finishes what it has, leaves the rotation, and the balancer sends the rest to the others', { timeout: 300_000 }, async () => {
    cluster = await startCluster(3);
    const url = cluster.url;

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

    for (let i = 0; i < cluster.instances.length; i++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const before = answered;
      await cluster.restart(i);
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
