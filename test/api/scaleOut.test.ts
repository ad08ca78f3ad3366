import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type RunningCluster } from '../services/cluster.ts';
import { alwaysOpen } from '../../server/src/routing/testRouting.ts';
import { startPostgres, type RunningPostgres } from '../services/postgres.ts';
import { startRedis, type RunningRedis } from '../services/redis.ts';

// Three Baton processes on one Redis behind Debian's HAProxy (round-robin, no stickiness), as a contact center runs
// Baton past one machine: every turn may land on any instance, and one instance dies in the middle.

let redis: RunningRedis;
let postgres: RunningPostgres;
let cluster: RunningCluster | undefined;
beforeAll(async () => {
  [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
}, 180_000);
afterAll(() => Promise.all([redis?.stop(), postgres?.stop()]));
const shared = () => ({ BATON_REDIS_URL: redis.url, BATON_DATABASE_URL: postgres.url });
afterEach(async () => {
  await cluster?.stop();
  cluster = undefined;
  await redis.flush();
});

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A caller's client as one should be written against several instances: a request that fails on the way (the
 * instance died, or is stopping) is sent again, with the same idempotency key for a turn, so it is applied once.
 */
async function send(url: string, method: string, p: string, body: unknown, key?: string): Promise<{ status: number; body: Json; retried: boolean; ms: number }> {
  const started = Date.now();
  let lastError = '';
  for (let attempt = 0; attempt < 40; attempt++) {
    try {
      const res = await fetch(`${url}${p}`, { method, headers: { 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      if (res.status < 500) return { status: res.status, body: text ? (JSON.parse(text) as Json) : {}, retried: attempt > 0, ms: Date.now() - started };
      lastError = `${res.status} ${text.slice(0, 200)}`;
    } catch (error) {
      lastError = (error as Error).message;
    }
    await pause(100);
  }
  throw new Error(`${method} ${p} failed 40 times; last: ${lastError}`);
}

const CALLER_LINES = ['what is my balance', '12345678'];

/** One caller: starts a call, says their lines a moment apart, hangs up; returns what went wrong, if anything. */
async function caller(url: string, n: number, slowTurns: number[]): Promise<string | undefined> {
  const started = await send(url, 'POST', '/api/calls', { flowId: 'billing-support', caller: { name: `Caller ${n}` } });
  if (started.status !== 201) return `call ${n}: start answered ${started.status} ${JSON.stringify(started.body)}`;
  const callId = started.body.callId as string;
  const turns: Json[] = [...CALLER_LINES.map((text) => ({ text })), { hangup: true }];
  for (const [i, turn] of turns.entries()) {
    await pause(50 + ((n * 37 + i * 101) % 400));
    const answer = await send(url, 'POST', `/api/calls/${callId}/turns`, turn, `${callId}-${i}`);
    if (answer.retried || answer.ms > 1000) slowTurns.push(answer.ms);
    if (answer.status !== 200) return `call ${n}, turn ${i}: ${answer.status} ${JSON.stringify(answer.body)}`;
  }
  const record = await send(url, 'GET', `/api/calls/${callId}`, undefined);
  const said = (record.body.transcript as Array<{ from: string; text: string }>).filter((t) => t.from === 'caller').map((t) => t.text);
  if (record.body.state?.status !== 'ended') return `call ${n}: ended as ${JSON.stringify(record.body.state)}`;
  if (JSON.stringify(said) !== JSON.stringify(CALLER_LINES)) return `call ${n}: the caller's lines are ${JSON.stringify(said)}`;
  // The call log (PostgreSQL) is whole, whichever instances took the turns.
  const logged = (record.body.events as Array<{ event?: { type: string } }>).map((e) => e.event?.type).filter(Boolean);
  if (JSON.stringify(logged) !== JSON.stringify(['start', 'utterance', 'utterance', 'hangup'])) return `call ${n}: the call log has ${JSON.stringify(logged)}`;
  return undefined;
}

describe('several Baton instances on Redis behind HAProxy', () => {
  it('When 200 callers talk at once through the balancer and one instance is killed (kill -9) in the middle, then every call goes on to its end with each turn taken once', { timeout: 300_000 }, async () => {
    cluster = await startCluster(3, shared());
    const url = cluster.url;
    const slowTurns: number[] = [];
    const calls = Array.from({ length: 200 }, (_, n) => pause(n * 5).then(() => caller(url, n, slowTurns)));
    await pause(900);
    await cluster.instances[1].crash();
    const problems = (await Promise.all(calls)).filter(Boolean);
    expect(problems).toEqual([]);
    // The turns caught by the crash were answered once retried, or once the dead instance's hold on the call lapsed
    // (1.5 s); a caller is never left waiting long.
    expect(Math.max(0, ...slowTurns)).toBeLessThan(10_000);
  });

  it('When the three instances are restarted one after another while callers talk, then no call is dropped', { timeout: 300_000 }, async () => {
    cluster = await startCluster(3, shared());
    const url = cluster.url;
    let calling = true;
    const problems: string[] = [];
    let finished = 0;
    const slowTurns: number[] = [];
    const line = async (n: number) => {
      for (let k = 0; calling; k++) {
        const problem = await caller(url, n * 1000 + k, slowTurns);
        if (problem) problems.push(problem);
        else finished++;
      }
    };
    const lines = Array.from({ length: 12 }, (_, n) => line(n));
    for (let i = 0; i < cluster.instances.length; i++) {
      await pause(800);
      await cluster.restart(i);
    }
    await pause(800);
    calling = false;
    await Promise.all(lines);
    expect(problems).toEqual([]);
    expect(finished).toBeGreaterThan(12);
  });

  it('When callers ask for a person through the balancer and agents work their desks through it, and the leading instance is killed in the middle, then each call is offered once, no agent is offered more than they can take, and every caller reaches an agent', { timeout: 300_000 }, async () => {
    cluster = await startCluster(3, shared());
    const url = cluster.url;
    // The billing queue open around the clock, with room for everyone's wait (one instance takes the change; every
    // instance's routing applies it). The database is shared by this file's tests: the queue may be open already.
    const current = await send(url, 'GET', '/api/queues/billing', undefined);
    const { version: _v, ...queue } = current.body;
    const etag = (await fetch(`${url}/api/queues/billing`)).headers.get('etag')!;
    const put = await fetch(`${url}/api/queues/billing`, { method: 'PUT', headers: { 'content-type': 'application/json', 'if-match': etag }, body: JSON.stringify({ ...queue, businessHours: alwaysOpen, maxWaitSecondsBeforeCallback: 3600 }) });
    expect(put.status).toBe(200);
    // The settings are PostgreSQL's: whichever instance the balancer picks shows the change.
    for (let i = 0; i < 3; i++) expect((await send(url, 'GET', '/api/queues/billing', undefined)).body).toMatchObject({ version: current.body.version + 1, maxWaitSecondsBeforeCallback: 3600 });
    const agents = ['amara-okafor', 'ben-hughes'];
    for (const agentId of agents) expect((await send(url, 'POST', `/api/desk/agents/${agentId}/status`, { status: 'available' })).status).toBe(200);

    // Each agent's desk, through the balancer: takes each offer, talks briefly, hangs up with the wrap-up.
    const offersOfCall = new Map<string, Set<string>>();
    const overCapacity: string[] = [];
    let working = true;
    const desk = async (agentId: string) => {
      const connectedAt = new Map<string, number>();
      while (working) {
        const state = await send(url, 'GET', `/api/desk/agents/${agentId}/state`, undefined);
        const { offers, calls } = state.body as { offers: Json[]; calls: Json[] };
        if (offers.length + calls.length > 1) overCapacity.push(`${agentId}: ${offers.length} offers and ${calls.length} calls`);
        for (const offer of offers) {
          offersOfCall.set(offer.callId, (offersOfCall.get(offer.callId) ?? new Set()).add(offer.offerId));
          await send(url, 'POST', `/api/desk/offers/${encodeURIComponent(offer.offerId)}/accept`, undefined);
        }
        for (const call of calls) {
          if (!connectedAt.has(call.callId)) connectedAt.set(call.callId, Date.now());
          if (Date.now() - connectedAt.get(call.callId)! < 300) continue;
          await send(url, 'POST', `/api/desk/calls/${call.callId}/hang-up`, { agentId, wrapUp: { disposition: 'resolved', note: 'Done.', hadToAskAgain: false } });
        }
        await pause(150);
      }
    };
    const desks = agents.map(desk);

    const callers = Array.from({ length: 6 }, async (_, n): Promise<string | undefined> => {
      await pause(n * 200);
      const started = await send(url, 'POST', '/api/calls', { flowId: 'billing-support', caller: { name: `Caller ${n}` } });
      const callId = started.body.callId as string;
      const asked = await send(url, 'POST', `/api/calls/${callId}/turns`, { text: 'let me talk to a real person' }, `${callId}-ask`);
      if (asked.body.state?.status !== 'queued') return `caller ${n} was not queued: ${JSON.stringify(asked.body.state)}`;
      const deadline = Date.now() + 60_000;
      for (;;) {
        const record = await send(url, 'GET', `/api/calls/${callId}`, undefined);
        if (record.body.state?.status === 'ended') return record.body.agent ? undefined : `caller ${n} ended without an agent`;
        if (Date.now() > deadline) return `caller ${n} is still ${JSON.stringify(record.body.state)} after a minute`;
        await pause(200);
      }
    });
    await pause(1_500);
    // The first instance started first and leads (ticks, snapshots); another takes over within 3 s.
    await cluster.instances[0].crash();
    const problems = (await Promise.all(callers)).filter(Boolean);
    working = false;
    await Promise.all(desks);
    expect(problems).toEqual([]);
    expect(overCapacity).toEqual([]);
    expect(offersOfCall.size).toBe(6);
    for (const [callId, offerIds] of offersOfCall) expect({ callId, offers: offerIds.size }).toEqual({ callId, offers: 1 });
  });
});
