import { startHaproxy } from '../../test/services/haproxy.ts';
import { forkBenchServer, load, turnsOfCalls } from './httpBench.ts';
import { median } from './median.ts';

const ROUNDS = 6;
const WARM_UP_SECONDS = 3;

/**
 * Turns per second through Debian's HAProxy in front of three instances sharing their calls through Redis, against
 * one instance on its own (the embedded default) under the same load, alternated round by round on this machine.
 */
export async function scaleOutBench(flowPath: string, seconds: number, redisUrl: string) {
  const one = await forkBenchServer(flowPath);
  const three = await Promise.all([0, 1, 2].map(() => forkBenchServer(flowPath, { BENCH_REDIS_URL: redisUrl })));
  const balancer = await startHaproxy(three.map((s) => Number(new URL(s.api).port)));
  try {
    const oneTurn = await turnsOfCalls(one.api);
    const threeTurn = await turnsOfCalls(balancer.url);
    await load(one.api, oneTurn, WARM_UP_SECONDS);
    await load(balancer.url, threeTurn, WARM_UP_SECONDS);
    const oneRuns: number[] = [];
    const threeRuns: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      oneRuns.push((await load(one.api, oneTurn, seconds / ROUNDS)).rps);
      threeRuns.push((await load(balancer.url, threeTurn, seconds / ROUNDS)).rps);
    }
    return {
      turn_http_rps_1_instance: Math.round(median(oneRuns)),
      turn_http_rps_3_instances: Math.round(median(threeRuns)),
      turn_http_rps_3_instances_vs_1: Number(median(threeRuns.map((r, i) => r / oneRuns[i])).toFixed(3)),
    };
  } finally {
    await balancer.stop();
    await Promise.all([one, ...three].map((s) => s.stop()));
  }
}
