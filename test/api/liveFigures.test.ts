import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import pino from 'pino';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LiveFigures, QueueSettings, Versioned, WebhookDelivery } from '@baton/shared';
import { seedStaffing } from '../../server/src/seedStaffing.ts';
import { flowsDir, readExample, startTestServer } from './testServer.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
const api = () => request(server.url);

const allDay = [{ open: '00:00', close: '24:00' }];
const alwaysOpen = { timeZone: 'UTC', weekly: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay }, holidays: [] };

beforeEach(async () => {
  server = await startTestServer((store) => seedStaffing(store, path.join(flowsDir, 'staffing'), pino({ level: 'silent' })));
  await api().post('/api/flows').send(await readExample('billing-support'));
  // Open around the clock, and patient enough that a second caller still joins the queue behind a busy agent.
  const billing = (await api().get('/api/queues/billing')).body as Versioned<QueueSettings>;
  expect((await api().put('/api/queues/billing').set('If-Match', `"${billing.version}"`).send({ ...billing, businessHours: alwaysOpen, maxWaitSecondsBeforeCallback: 3600 })).status).toBe(200);
});
afterEach(async () => {
  await server.stop();
});

async function callAskingForAPerson() {
  const { callId } = (await api().post('/api/calls').send({ flowId: 'billing-support', caller: { name: 'Ada' } })).body;
  const res = await api().post(`/api/calls/${callId}/turns`).send({ text: 'let me talk to a real person' });
  expect(res.body.state.status).toBe('queued');
  return callId as string;
}

const live = async () => (await api().get('/api/routing/live')).body as LiveFigures;
const billingNow = async () => (await live()).queues.find((q) => q.queueId === 'billing')!;

/** Polls until `check` passes or 4 s are up; routing offers calls on its own timer. */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 4000;
  for (;;) {
    const value = await read();
    if (check(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('live figures API', () => {
  it('When nobody is signed in, then every stored queue and agent is listed, queues empty and agents signed out', async () => {
    const figures = await live();
    expect(Date.parse(figures.at)).not.toBeNaN();
    expect(figures.queues.map((q) => q.queueId)).toEqual((await api().get('/api/queues')).body.map((q: QueueSettings) => q.id));
    expect(figures.queues.find((q) => q.queueId === 'billing')).toEqual({
      queueId: 'billing', name: 'Billing team', open: true, waiting: 0, longestWaitSeconds: 0, agentsAvailable: 0, agentsSignedIn: 0,
      estimatedWaitSeconds: null, serviceLevel: { answerWithinSeconds: 20, targetShare: 0.8 }, today: { answered: 0, answeredWithinGoal: 0, abandoned: 0 },
    });
    expect(figures.calls).toEqual([]);
    expect(figures.agents.length).toBeGreaterThan(0);
    expect(figures.agents.every((a) => a.status === 'offline' && a.calls === 0)).toBe(true);
  });

  it('When the only billing agent is on a call and a second caller is handed over, then billing shows one caller waiting and the agent busy', async () => {
    await api().post('/api/desk/agents/amara-okafor/status').send({ status: 'available' });
    expect(await billingNow()).toMatchObject({ agentsAvailable: 1, agentsSignedIn: 1, estimatedWaitSeconds: 0 });
    await callAskingForAPerson();
    const state = await eventually(async () => (await api().get('/api/desk/agents/amara-okafor/state')).body, (s) => s.offers.length === 1);
    expect((await api().post(`/api/desk/offers/${encodeURIComponent(state.offers[0].offerId)}/accept`)).status).toBe(200);

    await callAskingForAPerson();
    const billing = await billingNow();
    expect(billing).toMatchObject({ open: true, waiting: 1, agentsAvailable: 0, agentsSignedIn: 1 });
    expect(billing.longestWaitSeconds).toBeGreaterThanOrEqual(0);
    // One caller ahead, one agent: a new caller waits two handle times.
    expect(billing.estimatedWaitSeconds).toBeGreaterThan(0);
    const amara = (await live()).agents.find((a) => a.agentId === 'amara-okafor')!;
    expect(amara).toMatchObject({ status: 'busy', calls: 1 });
    expect(Date.parse(amara.since!)).not.toBeNaN();
  });

  it('When one caller is with an agent, one waits and one hangs up waiting, then the wallboard lists the calls with people and today counts the answer and the caller who gave up', async () => {
    await api().post('/api/desk/agents/amara-okafor/status').send({ status: 'available' });
    const first = await callAskingForAPerson();
    const state = await eventually(async () => (await api().get('/api/desk/agents/amara-okafor/state')).body, (s) => s.offers.length === 1);
    await api().post(`/api/desk/offers/${encodeURIComponent(state.offers[0].offerId)}/accept`).expect(200);
    const second = await callAskingForAPerson();
    const third = await callAskingForAPerson();
    await api().post(`/api/calls/${third}/turns`).send({ hangup: true }).expect(200);

    const figures = await eventually(live, (f) => f.queues.find((q) => q.queueId === 'billing')!.today.abandoned === 1);
    expect(figures.queues.find((q) => q.queueId === 'billing')!.today).toEqual({ answered: 1, answeredWithinGoal: 1, abandoned: 1 });
    expect(figures.calls).toEqual([
      expect.objectContaining({ callId: second, queueName: 'Billing team', callerName: 'Ada', status: 'waiting', reasonCategory: 'explicit_request' }),
      expect.objectContaining({ callId: first, queueName: 'Billing team', callerName: 'Ada', status: 'with_agent', agentName: 'Amara Okafor' }),
    ]);
  });

  it('When a handoff webhook points at a closed port, then its delivery is listed for the queue with the reason it did not arrive', async () => {
    // A port that was just free: nothing listens there.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const closedUrl = `http://127.0.0.1:${(probe.address() as AddressInfo).port}/handoff`;
    await new Promise((resolve) => probe.close(resolve));
    expect((await api().put('/api/queues/billing/webhook').send({ url: closedUrl, secret: 'a-long-shared-secret-for-tests', allowPrivateNetwork: true })).status).toBe(200);
    expect((await api().get('/api/queues/billing/webhook/deliveries')).body).toEqual([]);

    await api().post('/api/desk/agents/amara-okafor/status').send({ status: 'available' });
    const callId = await callAskingForAPerson();
    const [first] = (await api().get('/api/queues/billing/webhook/deliveries')).body as WebhookDelivery[];
    expect(first).toMatchObject({ queueId: 'billing', callId });
    const [latest] = await eventually(
      async () => (await api().get('/api/queues/billing/webhook/deliveries')).body as WebhookDelivery[],
      ([d]) => d?.lastError !== undefined,
    );
    expect(latest.lastError).toMatchObject({ code: 'webhook_network_error' });
    expect(latest.attempts).toBeGreaterThanOrEqual(1);
  });

  it('When the deliveries of an unknown queue are asked for, then the answer is 404', async () => {
    expect((await api().get('/api/queues/no-such-queue/webhook/deliveries')).status).toBe(404);
  });
});
