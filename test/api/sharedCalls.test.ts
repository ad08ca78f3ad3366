import request from 'supertest';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RedisCalls } from '../../server/src/store/RedisCalls.ts';
import { startLoopbackServer } from '../../server/src/testing/loopbackServer.ts';
import { startRedis, type RunningRedis } from '../services/redis.ts';
import { openEventStream, type SseEvent } from './eventStream.ts';
import { readExample, seedOpenQueues } from './testServer.ts';

// Two Baton instances on one Redis (BATON_REDIS_URL), as behind a load balancer: any instance takes any turn.

type Instance = Awaited<ReturnType<typeof startLoopbackServer>> & { shared: RedisCalls };
let redis: RunningRedis;
let a: Instance;
let b: Instance;

beforeAll(async () => {
  redis = await startRedis();
}, 120_000);
afterAll(() => redis?.stop());

async function startInstance(): Promise<Instance> {
  const shared = await RedisCalls.connect(redis.url);
  const server = await startLoopbackServer({ sharedCalls: shared, seed: seedOpenQueues });
  await request(server.url).post('/api/flows').send(await readExample('billing-support')).expect(201);
  const stopServer = server.stop;
  return Object.assign(server, {
    shared,
    async stop() {
      await stopServer();
      await shared.close();
    },
  });
}

beforeEach(async () => {
  a = await startInstance();
  b = await startInstance();
});
const streams: AbortController[] = [];
afterEach(async () => {
  for (const s of streams.splice(0)) s.abort();
  await Promise.all([a.stop(), b.stop()]);
});

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const startCall = async (on: Instance) => (await request(on.url).post('/api/calls').send({ flowId: 'billing-support', version: 'draft' }).expect(201)).body.callId as string;
const turn = (on: Instance, callId: string, body: Json, key?: string) => {
  const req = request(on.url).post(`/api/calls/${callId}/turns`);
  return (key ? req.set('Idempotency-Key', key) : req).send(body);
};
/** What a call's stream update does, in order: the words said, then `(hangup)`. */
const heard = (u: SseEvent) => (u.data.actions as Array<{ type: string; text?: string }>).flatMap((x) => (x.type === 'say' ? [x.text] : x.type === 'hangup' ? ['(hangup)'] : []));
const said = (body: Json) => (body.actions as Array<{ type: string; text?: string }>).flatMap((x) => (x.type === 'say' ? [x.text] : []));
const callerLines = async (on: Instance, callId: string) =>
  ((await request(on.url).get(`/api/calls/${callId}`).expect(200)).body.transcript as Array<{ from: string; text: string }>).filter((t) => t.from === 'caller').map((t) => t.text);

describe('calls shared by several Baton instances (Redis)', () => {
  it('When a caller\'s turns land on two instances in turn, then the call goes on as on one server: each instance picks up where the other left off', async () => {
    const callId = await startCall(a);
    const asked = await turn(b, callId, { text: 'what is my balance' }).expect(200);
    expect(said(asked.body)).toEqual(['Sure. What is your 8 digit account number?']);
    const answered = await turn(a, callId, { text: '12345678' }).expect(200);
    expect(said(answered.body).join(' ')).toMatch(/balance/i);
    expect(await callerLines(a, callId)).toEqual(['what is my balance', '12345678']);
    expect(await callerLines(b, callId)).toEqual(['what is my balance', '12345678']);
    const bye = await turn(a, callId, { hangup: true }).expect(200);
    expect(bye.body.state.status).toBe('ended');
    // The call ended on A: B says so too, rather than 404.
    const late = await turn(b, callId, { text: 'hello?' }).expect(409);
    expect(late.body.error.code).toBe('call_ended');
  });

  it('When a turn is retried on the other instance with the same Idempotency-Key, then it is taken once and the retry gets the first answer', async () => {
    const callId = await startCall(a);
    const first = await turn(a, callId, { text: 'what is my balance' }, 'turn-1').expect(200);
    const retry = await turn(b, callId, { text: 'what is my balance' }, 'turn-1').expect(200);
    expect(retry.body).toEqual(first.body);
    await turn(b, callId, { hangup: true }, 'bye').expect(200);
    expect((await turn(a, callId, { hangup: true }, 'bye').expect(200)).body.state.status).toBe('ended');
    expect(await callerLines(b, callId)).toEqual(['what is my balance']);
  });

  it('When two instances get turns of the same call at the same moment, then both are taken, one after the other, and none is lost', async () => {
    const callId = await startCall(a);
    const lines = Array.from({ length: 12 }, (_, i) => `question number ${i + 1}`);
    const answers = await Promise.all(lines.map((text, i) => turn(i % 2 ? b : a, callId, { text })));
    // Each turn was taken exactly once, in some order: those answered are in the transcript once each. (A run of
    // questions the flow does not understand may end the call: the turns after that are told it ended.)
    const taken = lines.filter((_, i) => answers[i].status === 200);
    const toldEnded = answers.filter((r) => r.status === 409 && r.body.error.code === 'call_ended');
    expect(taken.length + toldEnded.length).toBe(lines.length);
    expect(taken.length).toBeGreaterThan(1);
    expect((await callerLines(b, callId)).sort()).toEqual([...taken].sort());
    expect(answers.filter((r) => r.status === 200 && r.body.state.status === 'ended').length).toBeLessThanOrEqual(1);
  });

  it('When the caller\'s stream is open on one instance and the agent takes the call on another, then the caller hears the agent there, and the agent\'s hang-up ends the call on both', async () => {
    // The agent's desk is on A (routing does not span instances yet: the handover goes to A's queue).
    await request(a.url).post('/api/desk/agents/amara-okafor/status').send({ status: 'available' }).expect(200);
    const desk = await openEventStream(`${a.url}/api/desk/agents/amara-okafor/events`, streams);
    const callId = await startCall(b);
    await turn(a, callId, { text: 'let me talk to a real person' }).expect(200);
    const caller = await openEventStream(`${b.url}/api/calls/${callId}/events`, streams);
    await request(a.url).post(`/api/desk/offers/${encodeURIComponent((await desk.next('offer_made')).data.offerId)}/accept`).expect(200);
    expect(heard(await caller.next('update')).join(' ')).toMatch(/Amara/);
    await request(a.url).post(`/api/desk/calls/${callId}/messages`).send({ agentId: 'amara-okafor', text: 'Hello Ada, how can I help?' }).expect(201);
    expect(heard(await caller.next('update'))).toEqual(['Hello Ada, how can I help?']);
    await request(a.url).post(`/api/desk/calls/${callId}/hang-up`).send({ agentId: 'amara-okafor' }).expect(200);
    const goodbye = await caller.next('update');
    expect(heard(goodbye)).toEqual(['Thanks for calling. Goodbye.', '(hangup)']);
    expect((await turn(b, callId, { text: 'hello?' }).expect(409)).body.error.code).toBe('call_ended');
  });

  it('When the instance that had a call dies in the middle of an event, then another instance takes the call over at once and the caller goes on', async () => {
    const callId = await startCall(a);
    await turn(a, callId, { text: 'what is my balance' }).expect(200);
    // A takes the call for an event and dies before letting it go: no save, no release, its heartbeat gone.
    expect(await a.shared.take(callId, undefined)).toBeDefined();
    const waited = Date.now();
    const stuck = turn(b, callId, { text: '12345678' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await a.stop();
    const answered = await stuck.expect(200);
    expect(Date.now() - waited).toBeLessThan(2_000);
    expect(said(answered.body).join(' ')).toMatch(/balance/i);
    expect(await callerLines(b, callId)).toEqual(['what is my balance', '12345678']);
    a = await startInstance();
  });
});
