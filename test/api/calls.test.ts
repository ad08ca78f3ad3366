import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readExample, seedOpenQueues, startTestServer } from './testServer.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeEach(async () => {
  server = await startTestServer(seedOpenQueues);
  await request(server.url).post('/api/flows').send(await readExample('billing-support'));
});
afterEach(() => server.stop());

const say = (callId: string, body: object) => request(server.url).post(`/api/calls/${callId}/turns`).send(body);

describe('calls API', () => {
  it('When a call starts, then the caller is greeted and asked how the AI can help', async () => {
    const res = await request(server.url).post('/api/calls').send({ flowId: 'billing-support', caller: { name: 'Ada', phone: '+15550100' } });
    expect(res.status).toBe(201);
    expect(res.body.state).toEqual({ nodeId: 'main', status: 'ai' });
    expect(res.body.actions.map((a: { type: string }) => a.type)).toEqual(['say', 'say', 'listen']);
    expect(res.body.actions[0].text).toMatch(/Northwind Energy/);
  });

  it("When the caller says 'let me talk to a real person', then the call is transferred with a full packet and the caller hears why first", async () => {
    await request(server.url).post('/api/desk/agents/amara-okafor/status').send({ status: 'available' });
    const { callId } = (await request(server.url).post('/api/calls').send({ flowId: 'billing-support', caller: { name: 'Ada' } })).body;
    await say(callId, { text: 'I want a refund' });
    await say(callId, { text: '40 dollars' });
    const res = await say(callId, { text: 'let me talk to a real person' });
    expect(res.status).toBe(200);
    expect(res.body.handoff).toMatchObject({ category: 'explicit_request', signal: 'explicit_request', triggerId: 'trigger_person' });
    const [tell, transfer] = res.body.actions;
    expect(tell).toMatchObject({ type: 'say', purpose: 'transparency' });
    expect(tell.text).toMatch(/billing team because you asked to speak with a person\. The wait is less than a minute\./);
    expect(transfer.type).toBe('transfer');
    expect(transfer.packet).toMatchObject({ callId, caller: { name: 'Ada' }, slots: { refund_amount: 40 }, reason: { category: 'explicit_request' } });
    expect(transfer.packet.summary.split('\n')).toHaveLength(3);
    expect(transfer.packet.transcript.length).toBeGreaterThan(4);
    expect(transfer.packet.sentimentTrend).toHaveLength(3);
    expect(res.body.state.status).toBe('queued');

    const call = (await request(server.url).get(`/api/calls/${callId}`)).body;
    expect(call.handoff.reason.category).toBe('explicit_request');
    expect(call.events.length).toBe(4);
  });

  it('When a channel asks for signals, then each turn says what was heard and why, with evidence', async () => {
    const { callId } = (await request(server.url).post('/api/calls').send({ flowId: 'billing-support' })).body;
    const plain = await say(callId, { text: 'what is my balance' });
    expect(plain.body.signals).toBeUndefined();
    const res = await request(server.url).post(`/api/calls/${callId}/turns?signals=true`).send({ text: 'this is useless and ridiculous' });
    expect(res.body.signals.sentiment.value).toBeLessThan(-0.5);
    expect(res.body.signals.sentiment.evidence.map((e: { words: string }) => e.words)).toEqual(['useless', 'ridiculous']);
    expect(res.body.signals.explicitRequest.requested).toBe(false);
  });

  it('When nobody is signed in to the queue, then the caller is never told a wait: they hear that nobody is free and are offered a call back at once, and the request waits for the queue\'s agents', async () => {
    const { callId } = (await request(server.url).post('/api/calls').send({ flowId: 'billing-support', caller: { name: 'Ada' } })).body;
    const offered = await say(callId, { dtmf: '0' });
    expect(offered.body.actions.map((a: { type: string }) => a.type)).toEqual(['say', 'transfer', 'say', 'listen']);
    const [told, , asked] = offered.body.actions as Array<{ text: string; purpose: string }>;
    expect(told).toMatchObject({ purpose: 'transparency', text: "I'd like to put you through to our billing team because you asked to speak with a person, but nobody there is free to take your call right now." });
    expect(told.text).not.toMatch(/wait|minute/);
    expect(asked.text).toMatch(/call you back/);
    // How the transfer went, for the call log, the agent and rules (`transfer.outcome`): nobody could take it.
    expect((await request(server.url).get(`/api/calls/${callId}`)).body.handoff.outcome).toBe('busy');
    expect(offered.body.state.status).toBe('ai');
    const booked = await say(callId, { text: 'call me on 555 010 2030' });
    expect(booked.body.state.status).toBe('ended');
    expect(booked.body.actions.map((a: { type: string }) => a.type)).toEqual(['say', 'callback', 'hangup']);
    expect(booked.body.actions[0].text).toMatch(/call you on 5550102030 between \d+:\d\d [ap]m and \d+:\d\d [ap]m/);
    const after = await say(callId, { text: 'hello?' });
    expect(after.status).toBe(409);

    await expect.poll(async () => (await request(server.url).get('/api/desk/agents/amara-okafor/state')).body.callbacks).toEqual([
      expect.objectContaining({ callId, queueId: 'billing', phone: '5550102030', callerName: 'Ada', reason: expect.stringMatching(/pressed 0|asked/) }),
    ]);
    const [callback] = (await request(server.url).get('/api/desk/agents/amara-okafor/state')).body.callbacks;
    const claimed = await request(server.url).post(`/api/desk/callbacks/${callback.id}/claim`).send({ agentId: 'amara-okafor' });
    expect(claimed.body.claimedBy.agentId).toBe('amara-okafor');
    expect((await request(server.url).post(`/api/desk/callbacks/${callback.id}/claim`).send({ agentId: 'grace-li' })).status).toBe(409);
  });

  it('When the queue is closed, then the caller hears that it is closed and when it opens again, never a wait, and is offered a call back', async () => {
    const queue = (await request(server.url).get('/api/queues/billing')).body;
    // Open only tomorrow, 9 to 5, in the queue's time zone.
    const days = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
    const today = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', weekday: 'short' }).format(new Date()).toLowerCase().slice(0, 3);
    const tomorrow = days[(days.indexOf(today) + 1) % 7];
    const weekly = Object.fromEntries(days.map((d) => [d, d === tomorrow ? [{ open: '09:00', close: '17:00' }] : []]));
    const { version, ...settings } = queue;
    await request(server.url).put('/api/queues/billing').set('If-Match', `"${version}"`).send({ ...settings, businessHours: { timeZone: 'Europe/London', weekly, holidays: [] } }).expect(200);
    await request(server.url).post('/api/desk/agents/amara-okafor/status').send({ status: 'available' }).expect(200);
    const { callId } = (await request(server.url).post('/api/calls').send({ flowId: 'billing-support' })).body;
    const res = await say(callId, { text: 'let me talk to a real person' });
    const [told, transfer, asked] = res.body.actions as Array<{ type: string; text: string; purpose: string }>;
    expect(told).toMatchObject({ purpose: 'transparency', text: "I'd like to put you through to our billing team because you asked to speak with a person, but they're closed right now. They open again tomorrow at 9:00 am." });
    expect(transfer.type).toBe('transfer');
    expect(asked.text).toMatch(/call you back/);
    expect(res.body.state.status).toBe('ai');
    // To the end: the call back is booked for when the team is open (tomorrow), and the call ends.
    const booked = await say(callId, { text: 'call me on 555 010 2030' });
    expect(booked.body.state.status).toBe('ended');
    expect(booked.body.actions[0].text).toMatch(/call you on 5550102030 tomorrow between 9:00 am and 9:30 am/);
  });

  it('When a channel reports that the person declined the transfer, then the flow takes its no-agent path and the call says it was declined', async () => {
    const { callId } = (await request(server.url).post('/api/calls').send({ flowId: 'billing-support', caller: { name: 'Ada' } })).body;
    await request(server.url).post('/api/desk/agents/amara-okafor/status').send({ status: 'available' }).expect(200);
    expect((await say(callId, { text: 'let me talk to a real person' })).body.state.status).toBe('queued');
    const declined = await say(callId, { transferOutcome: 'declined' });
    expect(declined.status).toBe(200);
    expect(declined.body.actions.find((a: { type: string }) => a.type === 'say').text).toMatch(/call you back/);
    const call = (await request(server.url).get(`/api/calls/${callId}`)).body;
    expect(call.handoff.outcome).toBe('declined');
    expect(call.events.at(-1)).toMatchObject({ event: { type: 'transfer_outcome', outcome: 'no_agent', result: 'declined' } });
    expect((await say(callId, { transferOutcome: 'maybe' })).body.error.message).toMatch(/transferOutcome must be one of connected, declined, no_answer, busy, failed or no_agent/);
  });

  it('When a call uses the published version, then later draft edits do not change it', async () => {
    await request(server.url).post('/api/flows/billing-support/publish');
    const flow = (await request(server.url).get('/api/flows/billing-support')).body;
    flow.nodes.find((n: { id: string }) => n.id === 'start').data.greeting = 'Draft greeting.';
    await request(server.url).put('/api/flows/billing-support').set('If-Match', '"1"').send(flow);
    const live = await request(server.url).post('/api/calls').send({ flowId: 'billing-support' });
    expect(live.body.flow.version).toBe(1);
    expect(live.body.actions[0].text).toMatch(/Northwind/);
    const draft = await request(server.url).post('/api/calls').send({ flowId: 'billing-support', version: 'draft' });
    expect(draft.body.actions[0].text).toBe('Draft greeting.');
  });
});
