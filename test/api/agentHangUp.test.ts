import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEventStream, type SseEvent } from './eventStream.ts';
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
const wrapUp = (disposition: string) => ({ disposition, note: 'Refund approved.', hadToAskAgain: false });
/** What a call's stream update does, in order: the words said, then `(hangup)`. */
const heard = (u: SseEvent) => (u.data.actions as Array<{ type: string; text?: string }>).flatMap((a) => (a.type === 'say' ? [a.text] : a.type === 'hangup' ? ['(hangup)'] : []));

/** A caller asks for a person and Amara accepts; returns the call and the caller's own event stream. */
async function callWithAmara() {
  await api().post('/api/desk/agents/amara-okafor/status').send({ status: 'available' }).expect(200);
  const desk = await openEventStream(`${server.url}/api/desk/agents/amara-okafor/events`, streams);
  const { callId } = (await api().post('/api/calls').send({ flowId: 'billing-support', caller: { name: 'Ada' } })).body;
  await api().post(`/api/calls/${callId}/turns`).send({ text: 'let me talk to a real person' }).expect(200);
  const caller = await openEventStream(`${server.url}/api/calls/${callId}/events`, streams);
  await api().post(`/api/desk/offers/${encodeURIComponent((await desk.next('offer_made')).data.offerId)}/accept`).expect(200);
  await caller.next('update'); // "You're through to Amara"
  return { callId: callId as string, caller };
}

async function callLog(callId: string) {
  await server.store.calls.flush();
  return (await api().get(`/api/calls/${callId}`)).body as { state: { status: string }; disposition: string; events: Array<Record<string, any>> }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe('The agent ends the call', () => {
  it('When the agent hangs up with the wrap-up, then the caller hears goodbye and the line ends, later words get "call ended", and the log shows the end with the disposition', async () => {
    const { callId, caller } = await callWithAmara();
    const hungUp = await api().post(`/api/desk/calls/${callId}/hang-up`).send({ agentId: 'amara-okafor', wrapUp: wrapUp('resolved') });
    expect(hungUp.status).toBe(200);
    expect(hungUp.body).toMatchObject({ callId, endedAt: expect.any(String), wrapUp: { disposition: 'resolved' } });

    const goodbye = (await caller.next('update'));
    expect(heard(goodbye)).toEqual(['Thanks for calling. Goodbye.', '(hangup)']);
    expect(goodbye.data.state.status).toBe('ended');

    const late = await api().post(`/api/calls/${callId}/turns`).send({ text: 'hello? are you still there?' });
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({ code: 'call_ended', message: expect.stringMatching(/ended/) });

    const log = await callLog(callId);
    expect(log).toMatchObject({ state: { status: 'ended' }, disposition: 'resolved' });
    expect(log.events.find((e) => e.event?.type === 'agent_hangup')).toMatchObject({ state: { status: 'ended' }, disposition: 'resolved', endedAt: expect.any(String) });
    expect(log.events.find((e) => e.wrapUp)?.wrapUp).toMatchObject({ agentId: 'amara-okafor', disposition: 'resolved' });
    expect((await api().get('/api/desk/agents/amara-okafor/state')).body).toMatchObject({ status: 'available', calls: [] });
  });

  it('When the agent saves the wrap-up while the caller is still on the line, then the call ends with it and the caller hears goodbye', async () => {
    const { callId, caller } = await callWithAmara();
    await api().post(`/api/desk/calls/${callId}/wrap-up`).send({ agentId: 'amara-okafor', ...wrapUp('follow_up') }).expect(201);
    expect(heard((await caller.next('update')))).toEqual(['Thanks for calling. Goodbye.', '(hangup)']);
    expect((await api().post(`/api/calls/${callId}/turns`).send({ text: 'thanks, bye' })).status).toBe(409);
    expect(await callLog(callId)).toMatchObject({ state: { status: 'ended' }, disposition: 'follow_up' });
  });

  it('When the agent hangs up first and saves the wrap-up later, then the desk shows they ended the call until then, and the log takes the disposition', async () => {
    const { callId, caller } = await callWithAmara();
    await api().post(`/api/desk/calls/${callId}/hang-up`).send({ agentId: 'amara-okafor' }).expect(200);
    expect(heard((await caller.next('update')))).toEqual(['Thanks for calling. Goodbye.', '(hangup)']);
    const desk = (await api().get('/api/desk/agents/amara-okafor/state')).body;
    expect(desk.calls).toEqual([expect.objectContaining({ callId, agentHungUpAt: expect.any(String) })]);
    expect(desk.calls[0].callerHungUpAt).toBeUndefined();

    const again = await api().post(`/api/desk/calls/${callId}/hang-up`).send({ agentId: 'amara-okafor' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('call_ended');
    expect((await api().post(`/api/desk/calls/${callId}/messages`).send({ agentId: 'amara-okafor', text: 'one more thing' })).status).toBe(409);

    await api().post(`/api/desk/calls/${callId}/wrap-up`).send({ agentId: 'amara-okafor', ...wrapUp('transferred') }).expect(201);
    expect(await callLog(callId)).toMatchObject({ state: { status: 'ended' }, disposition: 'transferred' });
    expect((await api().get('/api/desk/agents/amara-okafor/state')).body).toMatchObject({ status: 'available', calls: [] });
  });

  it('When the agent\'s hang-up with the wrap-up is sent again after the call ended (the first answer was lost), then the wrap-up is saved and the agent is free', async () => {
    const { callId, caller } = await callWithAmara();
    const first = await api().post(`/api/desk/calls/${callId}/hang-up`).send({ agentId: 'amara-okafor' }).expect(200);
    expect(heard(await caller.next('update'))).toEqual(['Thanks for calling. Goodbye.', '(hangup)']);
    const again = await api().post(`/api/desk/calls/${callId}/hang-up`).send({ agentId: 'amara-okafor', wrapUp: wrapUp('resolved') }).expect(200);
    expect(again.body).toMatchObject({ callId, endedAt: first.body.endedAt, wrapUp: { disposition: 'resolved' } });
    expect(await callLog(callId)).toMatchObject({ state: { status: 'ended' }, disposition: 'resolved' });
    expect((await api().get('/api/desk/agents/amara-okafor/state')).body).toMatchObject({ status: 'available', calls: [] });
    // Once the agent is free, the call is theirs no more.
    expect((await api().post(`/api/desk/calls/${callId}/hang-up`).send({ agentId: 'amara-okafor', wrapUp: wrapUp('resolved') })).status).toBe(409);
  });

  it('When someone else or a bad body asks to hang up, then it is refused with the reason and the call goes on', async () => {
    const { callId } = await callWithAmara();
    expect((await api().post(`/api/desk/calls/${callId}/hang-up`).send({ agentId: 'grace-li' })).status).toBe(409);
    const bad = await api().post(`/api/desk/calls/${callId}/hang-up`).send({ agentId: 'amara-okafor', wrapUp: { disposition: 'gone' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i: { path: string }) => i.path)).toContain('wrapUp.disposition');
    expect((await api().post('/api/desk/calls/no-such-call/hang-up').send({ agentId: 'amara-okafor' })).status).toBe(404);
    expect((await api().get(`/api/calls/${callId}`)).body.state.status).toBe('agent');
  });
});
