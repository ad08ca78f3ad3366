import { Redis } from 'ioredis';
import request from 'supertest';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RedisCalls } from '../../server/src/store/RedisCalls.ts';
import { PgCallLog } from '../../server/src/store/PgCallLog.ts';
import { PgStoreData } from '../../server/src/store/PgStoreData.ts';
import type { Store } from '../../server/src/store/types.ts';
import { RedisRoutingLog } from '../../server/src/store/RedisRoutingLog.ts';
import { startLoopbackServer, type LoopbackOptions } from '../../server/src/testing/loopbackServer.ts';
import { addTestUser } from '../../server/src/testing/testAccounts.ts';
import { startPostgres, type RunningPostgres } from '../services/postgres.ts';
import { startRedis, type RunningRedis } from '../services/redis.ts';
import { openEventStream, type SseEvent } from './eventStream.ts';
import { readExample, seedOpenQueues } from './testServer.ts';

// Two Baton instances on one Redis (BATON_REDIS_URL), as behind a load balancer: any instance takes any turn, and
// routing (queues, offers, agents) is the same on each.

type Instance = Awaited<ReturnType<typeof startLoopbackServer>> & { shared: RedisCalls };
let redis: RunningRedis;
let postgres: RunningPostgres;
let a: Instance;
let b: Instance;

beforeAll(async () => {
  [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
}, 180_000);
afterAll(() => Promise.all([redis?.stop(), postgres?.stop()]));

async function startInstance(options: Pick<LoopbackOptions, 'offerTimeoutSeconds' | 'routingSnapshotEvery' | 'callIdleSeconds'> = {}): Promise<Instance> {
  const shared = await RedisCalls.connect(redis.url);
  const routingLog = await RedisRoutingLog.connect(redis.url, shared.instanceId);
  // Flows, settings and the call log in PostgreSQL, shared by the instances: the first one seeds them.
  const callLog = await PgCallLog.connect(database);
  const storeData = await PgStoreData.connect(database);
  const seed = (store: Store) => store.alone(async () => (store.queues.isEmpty() ? seedOpenQueues(store) : undefined));
  const server = await startLoopbackServer({ sharedCalls: shared, routingLog, callLog, storeData, seed, ...options });
  if (!server.store.flows.get('billing-support')) await request(server.url).post('/api/flows').send(await readExample('billing-support')).expect(201);
  const stopServer = server.stop;
  return Object.assign(server, {
    shared,
    async stop() {
      await stopServer();
      await Promise.all([shared.close(), routingLog.close()]);
    },
  });
}

let database: string;
beforeEach(async () => {
  await redis.flush();
  database = await postgres.freshDatabase();
  a = await startInstance();
  b = await startInstance();
});
const streams: AbortController[] = [];
afterEach(async () => {
  for (const s of streams.splice(0)) s.abort();
  await Promise.all([a.stop(), b.stop()]);
});

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
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
  it('When an admin makes an access key and a person signs in on one instance, then both work on the other at once, a key revoked on one stops working on the other within a second, and guessing a password on one slows sign-in on both', async () => {
    const made = (await request(a.url).post('/api/tokens').send({ name: 'Chat', scope: 'calls' }).expect(201)).body as { token: { id: string }; secret: string };
    const asKey = (on: Instance) => request(on.url).post('/api/calls').set('authorization', `Bearer ${made.secret}`).send({ flowId: 'billing-support', version: 'draft' });
    expect((await asKey(b)).status).toBe(201);
    await addTestUser(a.store, { name: 'sam', role: 'supervisor', password: 'sams long password' });
    const signIn = await request(b.url).post('/api/session').set('authorization', '').send({ name: 'sam', password: 'sams long password' }).expect(200);
    const cookie = (signIn.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]).join('; ');
    expect((await request(a.url).get('/api/session').set('cookie', cookie)).body.user).toMatchObject({ name: 'sam', role: 'supervisor' });

    // B used the key a moment ago (it knows it); A revokes it.
    expect((await asKey(b)).status).toBe(201);
    await request(a.url).delete(`/api/tokens/${made.token.id}`).expect(200);
    const revokedAt = Date.now();
    await expect.poll(async () => (await asKey(b)).status, { timeout: 3000, interval: 100 }).toBe(401);
    expect(Date.now() - revokedAt).toBeLessThan(1500);

    // Guessing sam's password on one instance slows sign-in on the other too.
    for (let i = 0; i < 3; i++) await request(a.url).post('/api/session').set('authorization', '').send({ name: 'sam', password: `guess ${i}` }).expect(401);
    expect((await request(b.url).post('/api/session').set('authorization', '').send({ name: 'sam', password: 'guess 4' })).status).toBe(429);
  });

  it('When an admin edits and publishes a flow through one instance, then every instance serves that version at once: callers on the other one hear the new greeting', async () => {
    const draft = await request(a.url).get('/api/flows/billing-support').expect(200);
    const flow = draft.body as Json;
    const greeting = 'Welcome to the Northwind billing line. Ask for a person at any time.';
    flow.nodes = (flow.nodes as Json[]).map((n) => (n.data?.greeting ? { ...n, data: { ...n.data, greeting } } : n));
    // The other instance's copy is the one the version check runs on: a stale If-Match is refused there too.
    const saved = await request(a.url).put('/api/flows/billing-support').set('If-Match', draft.headers.etag).send(flow);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect((await request(b.url).put('/api/flows/billing-support').set('If-Match', draft.headers.etag).send(flow).expect(412)).body.error.code).toBe('version_mismatch');
    await request(a.url).post('/api/flows/billing-support/publish').expect(200);
    // Read straight after, through the other instance.
    expect((await request(b.url).get('/api/flows/billing-support').expect(200)).body).toMatchObject({ version: 2, publishedVersion: 1 });
    const started = await request(b.url).post('/api/calls').send({ flowId: 'billing-support' }).expect(201);
    expect(said(started.body)).toContain(greeting);
    // Settings too: a queue added through one instance is listed by the other.
    const billing = (await request(b.url).get('/api/queues/billing').expect(200)).body as Json;
    await request(b.url).post('/api/queues').send({ ...billing, version: undefined, id: 'moving-home', name: 'Moving home' }).expect(201);
    expect(((await request(a.url).get('/api/queues').expect(200)).body as Json[]).map((q) => q.id)).toContain('moving-home');
  });

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
    // The call log is whole on either instance: the events of the turns each of them took.
    for (const on of [a, b]) {
      const events = (await request(on.url).get(`/api/calls/${callId}`).expect(200)).body.events as Array<{ event?: { type: string } }>;
      expect(events.map((e) => e.event?.type).filter(Boolean)).toEqual(['start', 'utterance', 'utterance', 'hangup']);
    }
    // The call ended on A: B says so too, rather than 404.
    const late = await turn(b, callId, { text: 'hello?' }).expect(409);
    expect(late.body.error.code).toBe('call_ended');
  });

  it('When a caller\'s stream is connected to one instance and their call is handled on the other, then they hear the agent and the goodbye, and only the instance they are connected to is sent the call\'s updates', async () => {
    await request(a.url).post('/api/desk/agents/amara-okafor/status').send({ status: 'available' }).expect(200);
    const desk = await openEventStream(`${a.url}/api/desk/agents/amara-okafor/events`, streams);
    const callId = await startCall(a);
    const peek = new Redis(redis.url);
    const following = async () => ((await peek.pubsub('NUMSUB', `baton:call-updates:${callId}`)) as [string, number])[1];
    expect(await following()).toBe(0);
    const caller = await openEventStream(`${b.url}/api/calls/${callId}/events`, streams);
    expect(await following()).toBe(1);
    expect((await turn(a, callId, { text: 'let me talk to a real person' }).expect(200)).body.state.status).toBe('queued');
    const offer = await desk.next('offer_made');
    await request(a.url).post(`/api/desk/offers/${encodeURIComponent(offer.data.offerId)}/accept`).expect(200);
    expect(heard(await caller.next('update')).join(' ')).toMatch(/Amara/);
    await request(a.url).post(`/api/desk/calls/${callId}/messages`).send({ agentId: 'amara-okafor', text: 'Hello, how can I help?' }).expect(201);
    expect(heard(await caller.next('update'))).toEqual(['Hello, how can I help?']);
    await request(a.url).post(`/api/desk/calls/${callId}/hang-up`).send({ agentId: 'amara-okafor', wrapUp: { disposition: 'resolved', note: 'Answered.', hadToAskAgain: false } }).expect(200);
    expect(heard(await caller.next('update'))).toEqual(['Thanks for calling. Goodbye.', '(hangup)']);
    // The caller's stream (and the desk's) closes: no instance is sent this call's updates any more.
    for (const s of streams.splice(0)) s.abort();
    for (let i = 0; i < 50 && (await following()) > 0; i++) await sleep(20);
    expect(await following()).toBe(0);
    peek.disconnect();
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

  it('When the agent\'s desk is on one instance and the caller is handed over on another, then the offer reaches the desk, the caller hears the agent, and the agent\'s hang-up ends the call on both', async () => {
    await request(a.url).post('/api/desk/agents/amara-okafor/status').send({ status: 'available' }).expect(200);
    const desk = await openEventStream(`${a.url}/api/desk/agents/amara-okafor/events`, streams);
    const callId = await startCall(b);
    const handedOver = await turn(b, callId, { text: 'let me talk to a real person' }).expect(200);
    expect(handedOver.body.state.status).toBe('queued');
    const caller = await openEventStream(`${b.url}/api/calls/${callId}/events`, streams);
    const offer = await desk.next('offer_made');
    expect(offer.data).toMatchObject({ callId, agentId: 'amara-okafor', packet: { reason: { category: expect.any(String) } } });
    // Both instances see the same offer: the desk may accept it through either.
    expect((await request(b.url).get('/api/desk/agents/amara-okafor/state').expect(200)).body.offers).toEqual([expect.objectContaining({ offerId: offer.data.offerId, callId })]);
    await request(b.url).post(`/api/desk/offers/${encodeURIComponent(offer.data.offerId)}/accept`).expect(200);
    expect(heard(await caller.next('update')).join(' ')).toMatch(/Amara/);
    await request(a.url).post(`/api/desk/calls/${callId}/messages`).send({ agentId: 'amara-okafor', text: 'Hello Ada, how can I help?' }).expect(201);
    expect(heard(await caller.next('update'))).toEqual(['Hello Ada, how can I help?']);
    // The caller's words reach the desk on the other instance.
    await turn(b, callId, { text: 'I was charged twice' }).expect(200);
    expect((await desk.next('caller_said')).data).toMatchObject({ callId, text: 'I was charged twice' });
    await request(b.url).post(`/api/desk/calls/${callId}/hang-up`).send({ agentId: 'amara-okafor', wrapUp: { disposition: 'resolved', note: 'Refunded.', hadToAskAgain: false } }).expect(200);
    const goodbye = await caller.next('update');
    expect(heard(goodbye)).toEqual(['Thanks for calling. Goodbye.', '(hangup)']);
    expect((await turn(a, callId, { text: 'hello?' }).expect(409)).body.error.code).toBe('call_ended');
    for (const on of [a, b]) expect((await request(on.url).get('/api/desk/agents/amara-okafor/state').expect(200)).body).toMatchObject({ status: 'available', calls: [], offers: [] });
  });

  it('When an instance joins later, then it has the same queues, offers and agents\' statuses as the others (from the leader\'s last snapshot and what happened since), and goes on with them', async () => {
    await Promise.all([a.stop(), b.stop()]);
    // The leader saves a snapshot every third change, so the new instance starts from one and catches up after it.
    a = await startInstance({ routingSnapshotEvery: 3 });
    b = await startInstance({ routingSnapshotEvery: 3 });
    await request(a.url).post('/api/desk/agents/amara-okafor/status').send({ status: 'away' }).expect(200);
    await request(b.url).post('/api/desk/agents/amara-okafor/status').send({ status: 'available' }).expect(200);
    await request(a.url).post('/api/desk/agents/ben-hughes/status').send({ status: 'away' }).expect(200);
    const callId = await startCall(b);
    await turn(b, callId, { text: 'let me talk to a real person' }).expect(200);
    // The snapshot is there, and the log holds only what came after it.
    const peek = new Redis(redis.url);
    const snapshot = JSON.parse((await peek.get('baton:routing:snapshot'))!) as { id: string };
    const after = await peek.xrange('baton:routing:log', `(${snapshot.id}`, '+');
    expect(await peek.xlen('baton:routing:log')).toBeLessThanOrEqual(after.length + 1);
    peek.disconnect();
    const c = await startInstance();
    try {
      const state = (await request(c.url).get('/api/desk/agents/amara-okafor/state').expect(200)).body;
      expect(state).toMatchObject({ status: 'available', offers: [expect.objectContaining({ callId })] });
      expect((await request(c.url).get('/api/desk/agents/ben-hughes/state').expect(200)).body.status).toBe('away');
      await request(c.url).post(`/api/desk/offers/${encodeURIComponent(state.offers[0].offerId)}/accept`).expect(200);
      for (const on of [a, b, c]) expect((await request(on.url).get('/api/desk/agents/amara-okafor/state').expect(200)).body.calls).toEqual([expect.objectContaining({ callId })]);
      await turn(c, callId, { hangup: true }).expect(200);
    } finally {
      await c.stop();
    }
  });

  it('When an offer is not answered, then it expires once, by the leading instance\'s clock, and the agent is set away on every instance', async () => {
    await Promise.all([a.stop(), b.stop()]);
    a = await startInstance({ offerTimeoutSeconds: 1 });
    b = await startInstance({ offerTimeoutSeconds: 1 });
    await request(b.url).post('/api/desk/agents/amara-okafor/status').send({ status: 'available' }).expect(200);
    const desk = await openEventStream(`${b.url}/api/desk/agents/amara-okafor/events`, streams);
    const callId = await startCall(a);
    await turn(a, callId, { text: 'let me talk to a real person' }).expect(200);
    await desk.next('offer_made');
    expect((await desk.next('offer_expired')).data).toMatchObject({ callId, agentId: 'amara-okafor' });
    expect((await desk.next('agent_status_changed')).data).toMatchObject({ status: 'away', reason: 'missed_offer' });
    for (const on of [a, b]) expect((await request(on.url).get('/api/desk/agents/amara-okafor/state').expect(200)).body).toMatchObject({ status: 'away', offers: [] });
    await turn(b, callId, { hangup: true }).expect(200);
  });

  it('When callers go quiet without hanging up, then the leading instance ends those the AI was talking to as left, wherever their turns ran, and leaves callers waiting silently in a queue to wait', async () => {
    await Promise.all([a.stop(), b.stop()]);
    // A caller silent for a second counts as gone (30 minutes unless set).
    a = await startInstance({ callIdleSeconds: 1 });
    b = await startInstance({ callIdleSeconds: 1 });
    // The caller who asked for a person waits in the queue while an agent is offered the call, saying nothing, as callers on hold do.
    await request(a.url).post('/api/desk/agents/amara-okafor/status').send({ status: 'available' }).expect(200);
    const waiting = await startCall(a);
    expect((await turn(b, waiting, { text: 'let me talk to a real person' }).expect(200)).body.state.status).toBe('queued');
    const left = await startCall(b);
    await turn(a, left, { text: 'what is my balance' }).expect(200);
    // Only the call at an AI step is one the idle sweep looks at: queued callers cannot fill its page and hide the ones who
    // left. (Asked before the sweep can end it: "silent since a minute from now" is every call at an AI step.)
    expect(await a.shared.silentSince(Date.now() + 60_000, 100)).toEqual([left]);
    let status = '';
    for (let i = 0; i < 40 && status !== 'ended'; i++) {
      await sleep(250);
      status = (await request(b.url).get(`/api/calls/${left}`).expect(200)).body.state.status;
    }
    const record = (await request(a.url).get(`/api/calls/${left}`).expect(200)).body;
    expect(record).toMatchObject({ state: { status: 'ended' }, disposition: 'abandoned' });
    expect(record.events.at(-1)).toMatchObject({ event: { type: 'hangup', idle: true } });
    expect((await turn(b, left, { text: 'hello?' }).expect(409)).body.error.code).toBe('call_ended');
    // The caller on hold is still waiting, and still in the queue on both instances, until they hang up.
    for (const on of [a, b]) expect((await request(on.url).get(`/api/calls/${waiting}`).expect(200)).body.state.status).toBe('queued');
    expect(await a.shared.silentSince(Date.now() + 60_000, 100)).toEqual([]);
    expect((await turn(a, waiting, { hangup: true }).expect(200)).body.state.status).toBe('ended');
    expect(await a.shared.inProgress()).toBe(0);
  });

  it('When a call\'s saved state has expired (a day with nothing from it), then it leaves the calls in progress the first time any instance asks for it', async () => {
    const callId = await startCall(a);
    await turn(a, callId, { text: 'what is my balance' }).expect(200);
    expect(await a.shared.inProgress()).toBe(1);
    // What Redis's expiry does after a day: the call's keys are gone, its place in the sets is not.
    const peek = new Redis(redis.url);
    await peek.del(...['taken', 'version', 'lines', 'base'].map((k) => `baton:call:{${callId}}:${k}`));
    peek.disconnect();
    expect(await b.shared.silentSince(Date.now() + 60_000, 100)).toEqual([callId]);
    expect(await b.shared.take(callId, undefined)).toBeUndefined();
    expect(await b.shared.silentSince(Date.now() + 60_000, 100)).toEqual([]);
    expect(await a.shared.inProgress()).toBe(0);
  });

  it('When the leading instance dies just after an agent accepted through it, then the instance that leads next puts the caller through', async () => {
    await request(b.url).post('/api/desk/agents/amara-okafor/status').send({ status: 'available' }).expect(200);
    const desk = await openEventStream(`${b.url}/api/desk/agents/amara-okafor/events`, streams);
    const callId = await startCall(b);
    await turn(b, callId, { text: 'let me talk to a real person' }).expect(200);
    const caller = await openEventStream(`${b.url}/api/calls/${callId}/events`, streams);
    const offer = await desk.next('offer_made');
    // A dies (its lease still held, by the name it led under); the accept it took is in the shared log, but it never
    // put the caller through. B is not the leader yet: only once the lease lapses does it look over what was left.
    await a.stop();
    const peek = new Redis(redis.url);
    await peek.set('baton:routing:leader', 'a-dead-instance', 'PX', 2_000);
    await peek.xadd('baton:routing:log', '*', 'c', JSON.stringify({ op: 'accept', offerId: offer.data.offerId, at: Date.now(), origin: 'a-dead-instance', n: 1 }));
    peek.disconnect();
    expect((await desk.next('call_connected')).data).toMatchObject({ callId, agentId: 'amara-okafor' });
    expect(heard(await caller.next('update')).join(' ')).toMatch(/through to Amara/);
    expect((await request(b.url).get(`/api/calls/${callId}`).expect(200)).body.state.status).toBe('agent');
    await turn(b, callId, { hangup: true }).expect(200);
    a = await startInstance();
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
