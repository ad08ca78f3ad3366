import { fork } from 'node:child_process';
import path from 'node:path';
import autocannon from 'autocannon';
import { billingScript } from './script.ts';

const CALLS = 400;

async function load(url: string, requestFor: () => { path: string; body: string }, seconds: number): Promise<number> {
  const result = await autocannon({
    url,
    connections: 16,
    duration: seconds,
    requests: [{ method: 'POST', headers: { 'content-type': 'application/json' }, setupRequest: (req) => ({ ...req, ...requestFor() }) }],
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx responses and ${result.errors} errors`);
  return result.requests.average;
}

/** Requests per second on the turn endpoint against a bare Express endpoint, measured in the same run. */
export async function httpBench(flowPath: string, seconds: number) {
  const child = fork(path.join(import.meta.dirname, 'benchServer.ts'), [flowPath], { execArgv: ['--import', 'tsx', ...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.BENCH_PROFILE] : [])], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  try {
    const ports = await new Promise<{ api: number; bare: number }>((resolve, reject) => {
      child.once('message', (m) => resolve(m as { api: number; bare: number }));
      child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
    });
    const api = `http://127.0.0.1:${ports.api}`;
    // Many calls in progress, each walking the script, so turns do real work at every node.
    const calls: Array<{ id: string; turn: number }> = [];
    const startCall = async () => {
      const res = await fetch(`${api}/api/calls`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ flowId: 'billing-support', version: 'draft' }) });
      return { id: ((await res.json()) as { callId: string }).callId, turn: 0 };
    };
    for (let i = 0; i < CALLS; i++) calls.push(await startCall());
    let next = 0;
    const turn = () => {
      const call = calls[next++ % CALLS];
      const text = billingScript[call.turn++ % billingScript.length];
      return { path: `/api/calls/${call.id}/turns`, body: JSON.stringify({ text }) };
    };
    await load(api, turn, 1); // warm up both, so neither pays for JIT in the measured run
    await load(`http://127.0.0.1:${ports.bare}`, () => ({ path: '/turn', body: JSON.stringify({ text: billingScript[next++ % billingScript.length] }) }), 1);
    const turnRps = await load(api, turn, seconds);
    const bareRps = await load(`http://127.0.0.1:${ports.bare}`, () => ({ path: '/turn', body: JSON.stringify({ text: billingScript[next++ % billingScript.length] }) }), seconds);
    return { turn_http_rps: Math.round(turnRps), bare_express_rps: Math.round(bareRps), turn_http_vs_express_ratio: Number((turnRps / bareRps).toFixed(3)) };
  } finally {
    child.kill('SIGINT');
    await new Promise((r) => child.once('exit', r));
  }
}
