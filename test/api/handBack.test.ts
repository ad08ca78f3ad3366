import { describe, expect, it } from 'vitest';
import { heard, openEventStream } from './eventStream.ts';
import { useBillingServer } from './testServer.ts';

// The agent hands the call back to the assistant from the desk; the flow goes on from the transfer step's "after the
// agent" output.

const billing = useBillingServer();
const { api, streams } = billing;
const amara = 'amara-okafor';

/** A caller asks for a person and Amara accepts; returns the call and the caller's own event stream. */
async function callWithAmara() {
  await api().post(`/api/desk/agents/${amara}/status`).send({ status: 'available' }).expect(200);
  const desk = await openEventStream(`${billing.server.url}/api/desk/agents/${amara}/events`, streams);
  const started = await api().post('/api/calls').send({ flowId: 'billing-support', caller: { name: 'Ada' } });
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  const { callId } = started.body;
  await api().post(`/api/calls/${callId}/turns`).send({ text: 'I want a refund' }).expect(200);
  await api().post(`/api/calls/${callId}/turns`).send({ text: 'let me talk to a real person' }).expect(200);
  const caller = await openEventStream(`${billing.server.url}/api/calls/${callId}/events`, streams);
  await api().post(`/api/desk/offers/${encodeURIComponent((await desk.next('offer_made')).data.offerId)}/accept`).expect(200);
  await caller.next('update'); // "You're through to Amara"
  return { callId: callId as string, caller };
}

/** What the caller hears in a turn's answer. */
const saidIn = (body: { actions: Array<{ type: string; text?: string }> }) => body.actions.flatMap((a) => (a.type === 'say' ? [a.text] : []));

describe('The agent hands the call back to the assistant', () => {
  it('When the agent hands the call back with a note and a value they found, then the assistant goes on without greeting again, uses them, and the agent wraps up', async () => {
    const { callId, caller } = await callWithAmara();
    expect((await api().get(`/api/desk/agents/${amara}/state`)).body.calls[0]).toMatchObject({ callId, canHandBack: true });
    await api().post(`/api/desk/calls/${callId}/messages`).send({ agentId: amara, text: 'I have refunded the 25 dollars.' }).expect(201);
    await caller.next('update');

    const back = await api().post(`/api/desk/calls/${callId}/hand-back`).send({ agentId: amara, note: 'Refunded 25 dollars to the card.', slots: { refund_amount: 25 } });
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ callId, handedBackAt: expect.any(String) });
    const update = await caller.next('update');
    expect(heard(update)).toEqual(['Thanks for holding on. Amara has passed you back to me.', 'Is there anything else I can help with?']);
    expect(update.data.state.status).toBe('ai');

    const call = (await api().get(`/api/calls/${callId}`)).body;
    expect(call).toMatchObject({ state: { status: 'ai', nodeId: 'anything_else' }, slots: { refund_amount: 25 }, handoff: { handedBack: { note: 'Refunded 25 dollars to the card.', agentId: amara } } });
    // The greeting is said once, at the start.
    expect(call.transcript.filter((t: { text: string }) => /Thanks for calling Northwind/.test(t.text))).toHaveLength(1);

    // The desk shows the call as handed back; what the caller says now is the assistant's.
    const desk = (await api().get(`/api/desk/agents/${amara}/state`)).body.calls[0];
    expect(desk).toMatchObject({ callId, canHandBack: false, handedBackAt: back.body.handedBackAt });
    const done = await api().post(`/api/calls/${callId}/turns`).send({ text: "no, that's all, thanks" }).expect(200);
    expect((await api().get(`/api/desk/agents/${amara}/state`)).body.calls[0].conversation.map((l: { text: string }) => l.text)).not.toContain("no, that's all, thanks");

    // The survey runs, and a low score is kept with the call, not taken as a complaint to hand over again.
    expect(done.body.state).toEqual({ nodeId: 'survey', status: 'ai' });
    expect(saidIn(done.body).join(' ')).toMatch(/how satisfied are you with this call/);
    const scored = await api().post(`/api/calls/${callId}/turns`).send({ text: 'two, it took far too long' }).expect(200);
    expect(scored.body.state.status).toBe('ended');
    expect(saidIn(scored.body)).toEqual(['Thank you for telling us.', 'Thanks for calling Northwind Energy. Goodbye.']);
    const ended = (await api().get(`/api/calls/${callId}`)).body;
    expect(ended.survey).toMatchObject({ score: 2, nodeId: 'survey' });
    expect(ended.slots.survey_score).toBe(2);
    expect(ended.events.some((e: { survey?: { score: number } }) => e.survey?.score === 2)).toBe(true);

    await api().post(`/api/desk/calls/${callId}/wrap-up`).send({ agentId: amara, disposition: 'resolved', note: '', hadToAskAgain: false }).expect(201);
    expect((await api().get(`/api/desk/agents/${amara}/state`)).body).toMatchObject({ status: 'available', calls: [] });
  });

  it('When the caller, back with the assistant, says they are in danger, then a person takes over again at once, told why, and the new handoff is not the old one', async () => {
    await api().post('/api/desk/agents/chloe-martin/status').send({ status: 'available' }).expect(200);
    const chloe = await openEventStream(`${billing.server.url}/api/desk/agents/chloe-martin/events`, streams);
    const { callId } = await callWithAmara();
    await api().post(`/api/desk/calls/${callId}/hand-back`).send({ agentId: amara, note: 'Refund done.' }).expect(200);
    const turn = await api().post(`/api/calls/${callId}/turns`).send({ text: "honestly I don't want to be alive anymore" }).expect(200);
    expect(turn.body.state.status).toBe('queued');
    expect(saidIn(turn.body).join(' ')).toMatch(/customer care specialists/);
    const call = (await api().get(`/api/calls/${callId}`)).body;
    expect(call.handoff).toMatchObject({ reason: { signal: 'safety', category: 'complex_or_sensitive' } });
    expect(call.handoff.handedBack).toBeUndefined();
    expect(call.handoff.turns).toBe(3);
    const offer = (await chloe.next('offer_made')).data;
    expect(offer).toMatchObject({ callId, queueId: 'care', packet: { reason: { signal: 'safety' } } });
    // To the end: Chloe takes the call and hangs up with her wrap-up; Amara wraps up hers; both are free again.
    await api().post(`/api/desk/offers/${encodeURIComponent(offer.offerId)}/accept`).expect(200);
    expect((await api().get(`/api/calls/${callId}`)).body).toMatchObject({ state: { status: 'agent' }, agent: { id: 'chloe-martin' } });
    await api().post(`/api/desk/calls/${callId}/hang-up`).send({ agentId: 'chloe-martin', wrapUp: { disposition: 'resolved', note: 'Talked it through; support line given.', hadToAskAgain: false } }).expect(200);
    await api().post(`/api/desk/calls/${callId}/wrap-up`).send({ agentId: amara, disposition: 'transferred', note: '', hadToAskAgain: false }).expect(201);
    expect((await api().get(`/api/calls/${callId}`)).body).toMatchObject({ state: { status: 'ended' } });
    for (const agentId of [amara, 'chloe-martin']) expect((await api().get(`/api/desk/agents/${agentId}/state`)).body).toMatchObject({ status: 'available', calls: [], offers: [] });
  });

  it('When the caller, back with the assistant, asks for a person again, then the call goes to a person again with that reason, and calm words before it do not', async () => {
    await api().post('/api/desk/agents/ben-hughes/status').send({ status: 'available' }).expect(200);
    const ben = await openEventStream(`${billing.server.url}/api/desk/agents/ben-hughes/events`, streams);
    const { callId } = await callWithAmara();
    await api().post(`/api/desk/calls/${callId}/hand-back`).send({ agentId: amara, note: 'Refund done.' }).expect(200);
    // What the caller said before the agent (a request for a person) does not send them straight back.
    expect((await api().post(`/api/calls/${callId}/turns`).send({ text: 'yes I have another question' }).expect(200)).body.state.status).toBe('ai');
    const again = await api().post(`/api/calls/${callId}/turns`).send({ text: 'actually can I speak to someone about my bill' }).expect(200);
    expect(again.body.state.status).toBe('queued');
    expect(saidIn(again.body).join(' ')).toMatch(/because you asked to speak with a person/);
    const offer = (await ben.next('offer_made')).data;
    expect(offer).toMatchObject({ callId, packet: { reason: { category: 'explicit_request' } } });
    await api().post(`/api/desk/offers/${encodeURIComponent(offer.offerId)}/accept`).expect(200);
    expect((await api().get(`/api/calls/${callId}`)).body).toMatchObject({ state: { status: 'agent' }, agent: { id: 'ben-hughes' } });
    // To the end: Amara wraps up her part without touching the call; Ben hangs up with his; both are free again.
    await api().post(`/api/desk/calls/${callId}/wrap-up`).send({ agentId: amara, disposition: 'resolved', note: 'Refund done.', hadToAskAgain: false }).expect(201);
    expect((await api().get(`/api/calls/${callId}`)).body).toMatchObject({ state: { status: 'agent' }, agent: { id: 'ben-hughes' } });
    await api().post(`/api/desk/calls/${callId}/hang-up`).send({ agentId: 'ben-hughes', wrapUp: { disposition: 'resolved', note: 'Explained the bill.', hadToAskAgain: false } }).expect(200);
    expect((await api().get(`/api/calls/${callId}`)).body).toMatchObject({ state: { status: 'ended' }, disposition: 'resolved' });
    for (const agentId of [amara, 'ben-hughes']) expect((await api().get(`/api/desk/agents/${agentId}/state`)).body).toMatchObject({ status: 'available', calls: [], offers: [] });
  });

  it('When a hand-back comes twice, from an agent who does not have the call, or after the call ended, then it is refused with 409 saying why, and nothing changes', async () => {
    const { callId } = await callWithAmara();
    const stranger = await api().post(`/api/desk/calls/${callId}/hand-back`).send({ agentId: 'ben-hughes', note: 'x' });
    expect(stranger.status).toBe(409);
    expect(stranger.body.error.code).toBe('not_your_call');
    await api().post(`/api/desk/calls/${callId}/hand-back`).send({ agentId: amara }).expect(200);
    const twice = await api().post(`/api/desk/calls/${callId}/hand-back`).send({ agentId: amara });
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toMatch(/not on this call/);
    await api().post(`/api/calls/${callId}/turns`).send({ hangup: true }).expect(200);
    expect((await api().post(`/api/desk/calls/${callId}/hand-back`).send({ agentId: amara })).status).toBe(409);
    const bad = await api().post(`/api/desk/calls/${callId}/hand-back`).send({ agentId: amara, slots: { 'not a name': 1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/slots/);
  });

  it('When the flow has no "after the agent" path, then the desk offers no hand-back and a hand-back is refused, the agent keeping the call', async () => {
    const flow = (await api().get('/api/flows/billing-support')).body;
    flow.nodes = flow.nodes.filter((n: { id: string }) => n.id !== 'say_back_from_agent');
    flow.edges = flow.edges.filter((e: { source: string; target: string }) => e.source !== 'say_back_from_agent' && e.target !== 'say_back_from_agent');
    await api().put('/api/flows/billing-support').set('If-Match', `"${flow.version}"`).send(flow).expect(200);
    const { callId, caller } = await callWithAmara();
    expect((await api().get(`/api/desk/agents/${amara}/state`)).body.calls[0]).toMatchObject({ callId, canHandBack: false });
    const refused = await api().post(`/api/desk/calls/${callId}/hand-back`).send({ agentId: amara, note: 'x' });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'no_way_back', message: expect.stringMatching(/after the agent/) });
    await api().post(`/api/desk/calls/${callId}/messages`).send({ agentId: amara, text: 'Still here.' }).expect(201);
    expect(heard(await caller.next('update'))).toEqual(['Still here.']);
  });
});

describe('The agent sends the call on to another team', () => {
  it('When the agent transfers the call to the fraud team with a note, then the caller hears where to and waits, the fraud agent is offered it with the note, and the first agent wraps up without touching the call', async () => {
    await api().post('/api/desk/agents/ellie-ward/status').send({ status: 'available' }).expect(200);
    const fraudDesk = await openEventStream(`${billing.server.url}/api/desk/agents/ellie-ward/events`, streams);
    const { callId, caller } = await callWithAmara();

    const sent = await api().post(`/api/desk/calls/${callId}/transfer`).send({ agentId: amara, queueId: 'fraud', note: 'Two payments she does not recognise.' });
    expect(sent.status).toBe(200);
    expect(heard(await caller.next('update'))).toEqual(["I'm transferring you to our Fraud team. They'll have the details of your call."]);
    const offer = (await fraudDesk.next('offer_made')).data;
    expect(offer).toMatchObject({ callId, queueId: 'fraud', packet: { transferredBy: { agentId: amara, agentName: 'Amara Okafor', fromQueue: 'billing', note: 'Two payments she does not recognise.' } } });
    // Amara's desk says where the call went, and she can no longer talk on it.
    expect((await api().get(`/api/desk/agents/${amara}/state`)).body.calls[0]).toMatchObject({ callId, transferredTo: 'Fraud team', canHandBack: false });
    expect((await api().post(`/api/desk/calls/${callId}/messages`).send({ agentId: amara, text: 'still here' })).status).toBe(409);

    await api().post(`/api/desk/offers/${encodeURIComponent(offer.offerId)}/accept`).expect(200);
    expect(heard(await caller.next('update'))).toEqual(["You're through to Ellie, who has the details of your call."]);
    // Amara's wrap-up frees her; the call stays with Ellie.
    await api().post(`/api/desk/calls/${callId}/wrap-up`).send({ agentId: amara, disposition: 'transferred', note: '', hadToAskAgain: false }).expect(201);
    expect((await api().get(`/api/calls/${callId}`)).body).toMatchObject({ state: { status: 'agent' }, agent: { id: 'ellie-ward' }, handoff: { queue: 'fraud' } });
    await api().post(`/api/desk/calls/${callId}/messages`).send({ agentId: 'ellie-ward', text: 'Hello, this is Ellie from fraud.' }).expect(201);
    expect(heard(await caller.next('update'))).toEqual(['Hello, this is Ellie from fraud.']);
    // To the end: Ellie hangs up with her wrap-up; the caller hears goodbye, and both agents are free again.
    await api().post(`/api/desk/calls/${callId}/hang-up`).send({ agentId: 'ellie-ward', wrapUp: { disposition: 'resolved', note: 'Card blocked.', hadToAskAgain: false } }).expect(200);
    expect(heard(await caller.next('update'))).toEqual(['Thanks for calling. Goodbye.', '(hangup)']);
    expect((await api().get(`/api/calls/${callId}`)).body).toMatchObject({ state: { status: 'ended' }, disposition: 'resolved' });
    for (const agentId of [amara, 'ellie-ward']) expect((await api().get(`/api/desk/agents/${agentId}/state`)).body).toMatchObject({ status: 'available', calls: [], offers: [] });
  });

  it('When the transfer names no known queue, the call\'s own queue, or comes from an agent not on the call, then it is refused and the call stays as it was', async () => {
    const { callId } = await callWithAmara();
    expect((await api().post(`/api/desk/calls/${callId}/transfer`).send({ agentId: amara, queueId: 'mars' })).status).toBe(404);
    expect((await api().post(`/api/desk/calls/${callId}/transfer`).send({ agentId: amara, queueId: 'billing' })).body.error.code).toBe('same_queue');
    expect((await api().post(`/api/desk/calls/${callId}/transfer`).send({ agentId: 'ben-hughes', queueId: 'fraud' })).status).toBe(409);
    expect((await api().post(`/api/desk/calls/${callId}/transfer`).send({ agentId: amara })).status).toBe(400);
    expect((await api().get(`/api/calls/${callId}`)).body).toMatchObject({ state: { status: 'agent' }, agent: { id: amara }, handoff: { queue: 'billing' } });
  });
});
