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

const api = () => request(server.url);
const signIn = (agentId: string) => api().post(`/api/desk/agents/${agentId}/status`).send({ status: 'available' });

async function callAskingForAPerson(phone?: string) {
  const { callId } = (await api().post('/api/calls').send({ flowId: 'billing-support', version: 'draft', caller: { name: 'Ada Lovelace', phone } })).body;
  const turn = await api().post(`/api/calls/${callId}/turns`).send({ text: 'let me talk to a real person' });
  return { callId: callId as string, turn: turn.body };
}

/** The words a call's stream update says. */
const said = (update: { data: Record<string, any> }) => (update.data.actions as Array<{ type: string; text?: string }>).flatMap((a) => (a.type === 'say' ? [a.text] : [])); // eslint-disable-line @typescript-eslint/no-explicit-any

describe('Handing a call to a person', () => {
  it("When the agent accepts and types, then the caller hears who they are through to and the agent's words, and the agent sees the caller's reply live", async () => {
    await signIn('amara-okafor');
    const desk = await openEventStream(`${server.url}/api/desk/agents/amara-okafor/events`, streams);
    const { callId, turn } = await callAskingForAPerson();
    expect(turn.state.status).toBe('queued');
    expect(turn.actions[0].text).toMatch(/billing team because you asked to speak with a person\. The wait is less than a minute\./);
    const caller = await openEventStream(`${server.url}/api/calls/${callId}/events`, streams);

    const offer = (await desk.next('offer_made')).data;
    await api().post(`/api/desk/offers/${encodeURIComponent(offer.offerId)}/accept`).expect(200);
    const through = await caller.next('update');
    expect(said(through)).toEqual(["You're through to Amara, who has the details of your call."]);
    expect(through.data.state.status).toBe('agent');

    const sent = await api().post(`/api/desk/calls/${callId}/messages`).send({ agentId: 'amara-okafor', text: 'Hi Ada, I can see you want to talk about your bill.' });
    expect(sent.status).toBe(201);
    expect(said(await caller.next('update'))).toEqual(['Hi Ada, I can see you want to talk about your bill.']);
    expect((await desk.next('agent_said')).data).toMatchObject({ callId, text: 'Hi Ada, I can see you want to talk about your bill.' });

    const reply = await api().post(`/api/calls/${callId}/turns`).send({ text: 'Yes, it is twice what it should be' });
    expect(reply.body.actions).toEqual([]);
    expect((await desk.next('caller_said')).data).toMatchObject({ callId, agentId: 'amara-okafor', text: 'Yes, it is twice what it should be' });
    const state = (await api().get('/api/desk/agents/amara-okafor/state')).body;
    expect(state.calls[0].conversation.map((l: { from: string; text: string }) => `${l.from}: ${l.text}`)).toEqual([
      'agent: Hi Ada, I can see you want to talk about your bill.',
      'caller: Yes, it is twice what it should be',
    ]);

    await api().post(`/api/calls/${callId}/turns`).send({ hangup: true }).expect(200);
    expect((await desk.next('caller_hung_up')).data).toMatchObject({ callId });
    // Someone else cannot talk on the call.
    expect((await api().post(`/api/desk/calls/${callId}/messages`).send({ agentId: 'grace-li', text: 'hello' })).status).toBe(409);
  });

  it('When the caller waits, then they hear their place in line at the interval the flow sets', async () => {
    const flow = (await api().get('/api/flows/billing-support')).body;
    flow.nodes.find((n: { id: string }) => n.id === 'transfer_billing').data.updateEverySeconds = 1;
    await api().put('/api/flows/billing-support').set('If-Match', `"${flow.version}"`).send(flow).expect(200);
    await signIn('amara-okafor'); // offered the call, but does not answer yet
    const { callId } = await callAskingForAPerson();
    const caller = await openEventStream(`${server.url}/api/calls/${callId}/events`, streams);
    expect(said(await caller.next('update', 4000))).toEqual(["Thanks for waiting. You're number 1 in line, and the wait is less than a minute."]);
  });

  it('When the queue is closed, then the transfer takes the no-agent path at once and the caller is asked for a number to call back', async () => {
    const queue = (await api().get('/api/queues/billing')).body;
    await api().put('/api/queues/billing').set('If-Match', `"${queue.version}"`).send({ ...queue, businessHours: { ...queue.businessHours, weekly: { mon: [{ open: '09:00', close: '09:01' }] } } }).expect(200);
    await signIn('amara-okafor');
    const { callId, turn } = await callAskingForAPerson();
    expect(turn.state.status).toBe('ai');
    expect(turn.actions.map((a: { type: string }) => a.type)).toEqual(['say', 'transfer', 'say', 'listen']);
    expect(turn.actions[2].text).toMatch(/What number should we call you back on/);
    const events = (await api().get(`/api/calls/${callId}`)).body.events as Array<{ event: { type: string; outcome?: string; reason?: string } }>;
    expect(events.at(-1)!.event).toMatchObject({ type: 'transfer_outcome', outcome: 'no_agent', reason: expect.stringMatching(/Billing team is closed until/) });
  });

  it('When the transfer names a queue that does not exist, then it takes the failed path and the caller is told to call again', async () => {
    await api().delete('/api/queues/billing').expect(204);
    const { turn } = await callAskingForAPerson();
    expect(turn.state.status).toBe('ended');
    expect(turn.actions.at(-2).text).toMatch(/couldn't connect you/);
  });

  it('When someone who called earlier today waits beside a first-time caller, then the queue offers the repeat caller first', async () => {
    const queue = (await api().get('/api/queues/billing')).body;
    await api().put('/api/queues/billing').set('If-Match', `"${queue.version}"`).send({ ...queue, maxWaitSecondsBeforeCallback: 3600, priorityBoosts: { sensitive: 0, repeatCaller: 5 } }).expect(200);
    await api().post('/api/calls').send({ flowId: 'billing-support', version: 'draft', caller: { phone: '+442079460018' } }).expect(201);
    // Amara takes a first call, so the next two wait for her.
    await signIn('amara-okafor');
    const desk = await openEventStream(`${server.url}/api/desk/agents/amara-okafor/events`, streams);
    const first = await callAskingForAPerson('+442079460001');
    await api().post(`/api/desk/offers/${encodeURIComponent((await desk.next('offer_made')).data.offerId)}/accept`).expect(200);
    const newCaller = await callAskingForAPerson('+442079460002');
    const repeatCaller = await callAskingForAPerson('+442079460018');
    expect([newCaller.turn.state.status, repeatCaller.turn.state.status]).toEqual(['queued', 'queued']);
    await api().post(`/api/desk/calls/${first.callId}/wrap-up`).send({ agentId: 'amara-okafor', disposition: 'resolved', note: '', hadToAskAgain: false }).expect(201);
    expect((await desk.next('offer_made')).data.callId).toBe(repeatCaller.callId);
  });
});
