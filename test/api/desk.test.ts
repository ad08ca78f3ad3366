import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEventStream } from './eventStream.ts';
import { readExample, seedOpenQueues, startTestServer } from './testServer.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
const streams: AbortController[] = [];
beforeEach(async () => {
  server = await startTestServer(seedOpenQueues);
  await request(server.url).post('/api/flows').send(await readExample('billing-support'));
});
afterEach(async () => {
  for (const s of streams.splice(0)) s.abort();
  await server.stop();
});

/** Opens an agent's desk event stream. */
const openDesk = (agentId: string) => openEventStream(`${server.url}/api/desk/agents/${agentId}/events`, streams);

const api = () => request(server.url);

async function callAskingForAPerson() {
  const { callId } = (await api().post('/api/calls').send({ flowId: 'billing-support', caller: { name: 'Ada' } })).body;
  const res = await api().post(`/api/calls/${callId}/turns`).send({ text: 'let me talk to a real person' });
  expect(res.body.actions.find((a: { type: string }) => a.type === 'transfer')).toMatchObject({ queue: 'billing' });
  expect(res.body.state.status).toBe('queued');
  return callId as string;
}

describe('agent desk API', () => {
  it('When an available agent is offered a handed-over call and accepts, then the call is with the agent and the wrap-up is stored', async () => {
    expect((await api().post('/api/desk/agents/amara-okafor/status').send({ status: 'available' })).body.status).toBe('available');
    const desk = await openDesk('amara-okafor');
    const callId = await callAskingForAPerson();

    const offer = (await desk.next('offer_made')).data;
    expect(offer).toMatchObject({ callId, queueId: 'billing', agentId: 'amara-okafor', summary: { callerName: 'Ada', reasonCategory: 'explicit_request' } });
    expect(offer.packet).toMatchObject({ callId, caller: { name: 'Ada' }, reason: { category: 'explicit_request' } });
    expect(offer.packet.reason.explanation.length).toBeGreaterThan(0);

    const state = (await api().get('/api/desk/agents/amara-okafor/state')).body;
    expect(state.offers).toEqual([expect.objectContaining({ offerId: offer.offerId, callId, packet: expect.objectContaining({ callId }) })]);

    const accepted = await api().post(`/api/desk/offers/${encodeURIComponent(offer.offerId)}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'connected', callId, agentId: 'amara-okafor' });
    expect((await desk.next('call_connected')).data).toMatchObject({ callId, agentId: 'amara-okafor' });
    expect((await api().get(`/api/calls/${callId}`)).body.state.status).toBe('agent');
    expect((await api().get('/api/desk/agents/amara-okafor/state')).body).toMatchObject({ status: 'busy', offers: [], calls: [expect.objectContaining({ callId })] });

    const wrapUp = { agentId: 'amara-okafor', disposition: 'resolved', note: 'Refund of 40 dollars approved.', hadToAskAgain: false };
    expect((await api().post(`/api/desk/calls/${callId}/wrap-up`).send(wrapUp)).status).toBe(201);
    await server.store.calls.flush();
    const events = (await api().get(`/api/calls/${callId}`)).body.events as Array<{ wrapUp?: unknown }>;
    expect(events.find((e) => e.wrapUp)?.wrapUp).toMatchObject({ agentId: 'amara-okafor', disposition: 'resolved', hadToAskAgain: false });
    expect((await api().get('/api/desk/agents/amara-okafor/state')).body).toMatchObject({ status: 'available', calls: [] });
  });

  it('When the agent declines, then the offer goes to the next available agent with the skill', async () => {
    await api().post('/api/desk/agents/amara-okafor/status').send({ status: 'available' });
    await api().post('/api/desk/agents/grace-li/status').send({ status: 'available' });
    const amara = await openDesk('amara-okafor');
    const grace = await openDesk('grace-li');
    const callId = await callAskingForAPerson();
    const first = (await amara.next('offer_made')).data;
    expect((await api().post(`/api/desk/offers/${encodeURIComponent(first.offerId)}/decline`)).body).toEqual({ status: 'declined' });
    expect((await amara.next('offer_declined')).data.callId).toBe(callId);
    expect((await grace.next('offer_made')).data).toMatchObject({ callId, agentId: 'grace-li' });
    expect((await api().post(`/api/desk/offers/${encodeURIComponent(first.offerId)}/accept`)).status).toBe(404);
  });

  it('When an agent, offer or body is wrong, then the answer is 404 or 400 naming the field', async () => {
    expect((await api().post('/api/desk/agents/nobody/status').send({ status: 'available' })).status).toBe(404);
    expect((await api().get('/api/desk/agents/nobody/state')).status).toBe(404);
    expect((await api().get('/api/desk/agents/nobody/events')).status).toBe(404);
    expect((await api().post('/api/desk/offers/no-such-offer/accept')).status).toBe(404);
    expect((await api().post('/api/desk/offers/no-such-offer/decline')).status).toBe(404);
    const busy = await api().post('/api/desk/agents/amara-okafor/status').send({ status: 'busy' });
    expect(busy.status).toBe(400);
    expect(busy.body.error.issues[0].path).toBe('status');
    const noFlag = await api().post('/api/desk/calls/some-call/wrap-up').send({ agentId: 'amara-okafor', disposition: 'resolved', note: '' });
    expect(noFlag.status).toBe(400);
    expect(noFlag.body.error.issues[0].path).toBe('hadToAskAgain');
    const noCall = await api().post('/api/desk/calls/some-call/wrap-up').send({ agentId: 'amara-okafor', disposition: 'resolved', note: '', hadToAskAgain: true });
    expect(noCall.status).toBe(404);
  });

  it('When a new agent is added in the settings, then they can go available at once', async () => {
    await api().post('/api/agents').send({ id: 'new-starter', name: 'New Starter', skills: [{ skill: 'billing', proficiency: 2 }] });
    expect((await api().post('/api/desk/agents/new-starter/status').send({ status: 'available' })).body).toMatchObject({ status: 'available', offers: [], calls: [] });
  });
});
