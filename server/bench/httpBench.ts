import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { billingScript } from './script.ts';
import { median } from './median.ts';

const CALLS = 400;
/** Enough fresh calls for the whole run at this machine's rates; if it runs out, calls are replayed from the start of the pool. */
const POOL = 6000;
/** Ten 1-second rounds a side, alternated: 5 rounds of 2 s spread 0.60–0.71 over runs, these 0.64–0.67. */
const ROUNDS = 10;
const WARM_UP_SECONDS = 3;

/** The access key every bench server of this run accepts (see benchServer.ts). */
export const BENCH_TOKEN = `baton_bench_${randomBytes(18).toString('base64url')}`;
const signed = { 'content-type': 'application/json', authorization: `Bearer ${BENCH_TOKEN}` };

interface Measured {
  rps: number;
  cpuMicrosPerRequest: number;
}

export async function load(url: string, requestFor: () => { path: string; body: string }, seconds: number, cpu?: () => Promise<number>): Promise<Measured> {
  const before = cpu ? await cpu() : 0;
  const result = await autocannon({
    url,
    connections: 16,
    duration: Math.max(1, Math.round(seconds)),
    requests: [{ method: 'POST', headers: signed, setupRequest: (req) => ({ ...req, ...requestFor() }) }],
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx responses and ${result.errors} errors`);
  const after = cpu ? await cpu() : 0;
  return { rps: result.requests.average, cpuMicrosPerRequest: (after - before) / Math.max(1, result.requests.total) };
}

export interface BenchServer {
  api: string;
  bare: string;
  /** The server's CPU time so far (µs). */
  cpu(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * The app in a child process, so the load tool and the server do not share one event loop. `env`: e.g.
 * BENCH_REDIS_URL for calls shared through Redis, PORT for a fixed port.
 */
export async function forkBenchServer(flowPath: string, env: Record<string, string> = {}): Promise<BenchServer> {
  // BENCH_NODE_FLAGS passes flags to the server under test, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it.
  const execArgv = ['--import', 'tsx', ...(process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? [])];
  const child: ChildProcess = fork(path.join(import.meta.dirname, 'benchServer.ts'), [flowPath], { execArgv, env: { ...process.env, BENCH_TOKEN, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ports = await new Promise<{ api: number; bare: number }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as { api: number; bare: number }));
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return {
    api: `http://127.0.0.1:${ports.api}`,
    bare: `http://127.0.0.1:${ports.bare}`,
    cpu: () =>
      new Promise<number>((resolve) => {
        child.once('message', (m) => resolve((m as { cpuMicros: number }).cpuMicros));
        child.send('cpu');
      }),
    async stop() {
      child.kill('SIGINT');
      if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
    },
  };
}

/**
 * Turns as a busy contact center sends them: 400 calls in progress at once; each plays the script once (a long,
 * 18-turn call) and then makes way for a new caller, so the server holds what a busy contact center holds, not
 * ever-growing calls. The calls are started through `api` beforehand.
 */
export async function turnsOfCalls(api: string): Promise<() => { path: string; body: string }> {
  const startCall = async () => {
    const res = await fetch(`${api}/api/calls`, { method: 'POST', headers: signed, body: JSON.stringify({ flowId: 'billing-support', version: 'draft' }) });
    return ((await res.json()) as { callId: string }).callId;
  };
  const pool: string[] = [];
  for (let batch = 0; batch < POOL / 20; batch++) pool.push(...(await Promise.all(Array.from({ length: 20 }, startCall))));
  let nextFromPool = 0;
  const active = Array.from({ length: CALLS }, () => ({ id: pool[nextFromPool++], turn: 0 }));
  let next = 0;
  return () => {
    const slot = next++ % CALLS;
    if (active[slot].turn === billingScript.length) active[slot] = { id: pool[nextFromPool++ % POOL], turn: 0 };
    const call = active[slot];
    const text = billingScript[call.turn++];
    return { path: `/api/calls/${call.id}/turns`, body: JSON.stringify({ text }) };
  };
}

/**
 * Requests per second on the turn endpoint against a bare Express endpoint, measured in the same run. `redisUrl`:
 * the server shares its calls through Redis (figures named `…_redis`).
 */
export async function httpBench(flowPath: string, seconds: number, redisUrl?: string) {
  const server = await forkBenchServer(flowPath, redisUrl ? { BENCH_REDIS_URL: redisUrl } : {});
  try {
    const turn = await turnsOfCalls(server.api);
    let next = 0;
    const bare = () => ({ path: '/api/calls/bare/turns', body: JSON.stringify({ text: billingScript[next++ % billingScript.length] }) });
    // Warm up both until the JIT has settled: the turn path is a lot more code than the bare one,
    // and its first seconds run measurably slower.
    await load(server.api, turn, WARM_UP_SECONDS);
    await load(server.bare, bare, WARM_UP_SECONDS);
    // Alternate short rounds and take medians, so drift on a shared machine hits both sides alike.
    const turnRuns: Measured[] = [];
    const bareRuns: Measured[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      turnRuns.push(await load(server.api, turn, seconds / ROUNDS, server.cpu));
      bareRuns.push(await load(server.bare, bare, seconds / ROUNDS, server.cpu));
    }
    const ratios = turnRuns.map((t, i) => t.rps / bareRuns[i].rps);
    const suffix = redisUrl ? '_redis' : '';
    return {
      [`turn_http_rps${suffix}`]: Math.round(median(turnRuns.map((r) => r.rps))),
      [`bare_express_rps${suffix}`]: Math.round(median(bareRuns.map((r) => r.rps))),
      [`turn_http_vs_express_ratio${suffix}`]: Number(median(ratios).toFixed(3)),
      [`turn_server_cpu_us_per_request${suffix}`]: Math.round(median(turnRuns.map((r) => r.cpuMicrosPerRequest))),
      [`bare_server_cpu_us_per_request${suffix}`]: Math.round(median(bareRuns.map((r) => r.cpuMicrosPerRequest))),
    };
  } finally {
    await server.stop();
  }
}
