import { describe, expect, it } from 'vitest';
import { openEventStream } from './eventStream.ts';
import { useBillingServer } from './testServer.ts';

// Analytics of real calls: calls run through the API are counted, by how they ended and why they went to a person.

const billing = useBillingServer();
const { api, streams } = billing;
const amara = 'amara-okafor';

async function turn(callId: string, body: Record<string, unknown>) {
  return (await api().post(`/api/calls/${callId}/turns`).send(body).expect(200)).body;
}
const start = async () => (await api().post('/api/calls').send({ flowId: 'billing-support' }).expect(201)).body.callId as string;

describe('Analytics of real calls', () => {
  it('When one call is contained and scored 4, and another asks for a person, is answered and wrapped up as not needing a person, then the summary counts both, the wait, the score and the agent\'s word on the trigger, also as CSV', async () => {
    const contained = await start();
    for (const words of ['what is my balance', '1234 5678', 'no thanks']) await turn(contained, { text: words });
    await turn(contained, { dtmf: '4' });

    await api().post(`/api/desk/agents/${amara}/status`).send({ status: 'available' }).expect(200);
    const desk = await openEventStream(`${billing.server.url}/api/desk/agents/${amara}/events`, streams);
    const handed = await start();
    await turn(handed, { text: 'let me talk to a real person' });
    const offer = (await desk.next('offer_made')).data;
    await api().post(`/api/desk/offers/${offer.offerId}/accept`).send({ agentId: amara }).expect(200);
    const unclear = await api().post(`/api/desk/calls/${handed}/wrap-up`).send({ agentId: amara, disposition: 'resolved', note: '', hadToAskAgain: true, handoffFeedback: 'maybe' }).expect(400);
    expect(unclear.body.error.message).toMatch(/handoffFeedback must be one of needed, not_needed or sooner/);
    await api().post(`/api/desk/calls/${handed}/wrap-up`).send({ agentId: amara, disposition: 'resolved', note: '', hadToAskAgain: true, handoffFeedback: 'not_needed' }).expect(201);

    const summary = (await api().get('/api/analytics/summary').query({ flowId: 'billing-support' }).expect(200)).body;
    expect(summary).toMatchObject({ flowId: 'billing-support', calls: 2, contained: 1, handedOver: 1, connected: 1, withinServiceLevel: 1, wrappedUp: 1, resolvedByAgent: 1, hadToRepeat: 1, surveyed: 1, satisfactionMean: 4 });
    expect(summary.byCategory).toEqual([{ category: 'explicit_request', calls: 1 }]);
    expect(summary.byTrigger).toEqual([{ triggerId: 'trigger_person', signal: 'explicit_request', fromNodeId: 'main', calls: 1, notNeeded: 1, sooner: 0 }]);
    expect(summary.waitMeanSeconds).toBeLessThan(20);

    // The calls agents judged are found by what they said, to tune the rules with.
    const judged = (await api().get('/api/analytics/calls').query({ feedback: 'not_needed' }).expect(200)).body;
    expect(judged.calls).toEqual([expect.objectContaining({ callId: handed, handoffFeedback: 'not_needed' })]);
    expect((await api().get('/api/analytics/calls').query({ feedback: 'sooner' }).expect(200)).body.total).toBe(0);
    expect((await api().get('/api/analytics/calls').query({ feedback: 'never' }).expect(400)).body.error.message).toMatch(/"feedback" must be one of needed, not_needed, sooner/);

    const csv = await api().get('/api/analytics/summary').query({ flowId: 'billing-support', format: 'csv' }).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text).toContain('handed to a person,1,0\n');
    expect(csv.text).toContain('satisfaction (mean of 1-5),4,\n');
    expect(csv.text).toContain('billing-support version draft: calls,2,\n');
  });

  it('When calls are searched by the caller\'s words, number, reason and score, then only the calls that match are listed, newest first, also as CSV', async () => {
    const call = async (phone: string, words: string[]) => {
      const callId = (await api().post('/api/calls').send({ flowId: 'billing-support', caller: { phone } }).expect(201)).body.callId as string;
      for (const text of words) await turn(callId, { text });
      return callId;
    };
    const balance = await call('+447700900701', ['what is my balance', '1234 5678', 'no thanks', 'four']);
    const refund = await call('+447700900702', ['I was charged twice for my refund', 'forty dollars', "that's all", 'five']);
    // Nobody is signed in: the caller hears so and hangs up.
    const person = await call('+447700900703', ['let me talk to a real person']);
    await turn(person, { hangup: true });

    const find = async (query: Record<string, string>) => (await api().get('/api/analytics/calls').query(query).expect(200)).body as { total: number; calls: Array<{ callId: string; snippet: string }> };
    expect((await find({})).calls.map((c) => c.callId)).toEqual([person, refund, balance]);
    expect((await find({ q: 'Charged TWICE' })).calls.map((c) => c.callId)).toEqual([refund]);
    expect((await find({ q: 'charged balance' })).total).toBe(0);
    expect((await find({ category: 'none' })).calls.map((c) => c.callId)).toEqual([refund, balance]);
    expect((await find({ category: 'any' })).calls.map((c) => c.callId)).toEqual([person]);
    expect((await find({ category: 'explicit_request' })).calls).toEqual([expect.objectContaining({ callId: person, handoff: expect.objectContaining({ fromNodeId: 'main' }) })]);
    expect((await find({ phone: '+447700900701' })).calls.map((c) => c.callId)).toEqual([balance]);
    expect((await find({ score: '5' })).calls.map((c) => c.callId)).toEqual([refund]);
    expect((await find({ limit: '1', offset: '1' })).calls.map((c) => c.callId)).toEqual([refund]);
    expect((await find({ q: 'balance' })).calls[0].snippet).toBe('what is my balance / 1234 5678 / no thanks / four');
    const csv = await api().get('/api/analytics/calls').query({ q: 'refund', format: 'csv' }).expect(200);
    expect(csv.text.split('\n')[1]).toContain(refund);

    expect((await api().get('/api/analytics/calls').query({ score: '9' })).body.error.message).toMatch(/"score" must be a whole number from 1 to 5/);
    expect((await api().get('/api/analytics/calls').query({ limit: 'all' })).status).toBe(400);
  });

  it('When three callers get angry at the account number question, then the steps of the flow count them there: passed, left for a person, and the trigger that fired', async () => {
    for (let i = 0; i < 3; i++) {
      const callId = await start();
      await turn(callId, { text: 'what is my balance' });
      const angry = await turn(callId, { text: 'this is absolutely ridiculous, I am sick and tired of this useless rubbish service' });
      expect(angry.handoff).toMatchObject({ category: 'frustration' });
      await turn(callId, { hangup: true });
    }
    const contained = await start();
    for (const words of ['what is my balance', '1234 5678', 'no thanks', 'four']) await turn(contained, { text: words });
    const { calls, steps } = (await api().get('/api/analytics/flows/billing-support/steps').expect(200)).body;
    expect(calls).toBe(4);
    expect(steps.ask_account).toEqual({ passed: 4, handedOver: 3, hungUp: 0, fired: 0, notNeeded: 0 });
    expect(steps.trigger_frustrated).toMatchObject({ fired: 3 });
    expect(steps.survey).toMatchObject({ passed: 1 });
    expect(steps.main).toMatchObject({ passed: 4, handedOver: 0 });
    expect((await api().get('/api/analytics/flows/billing-support/steps').query({ version: 'x' })).status).toBe(400);
  });

  it('When the agent asks the caller for the account number the assistant already collected, then the call counts as "had to repeat", without a wrap-up flag', async () => {
    await api().post(`/api/desk/agents/${amara}/status`).send({ status: 'available' }).expect(200);
    const desk = await openEventStream(`${billing.server.url}/api/desk/agents/${amara}/events`, streams);
    const callId = await start();
    for (const text of ['what is my balance', '1234 5678', 'let me talk to a real person']) await turn(callId, { text });
    const offer = (await desk.next('offer_made')).data;
    await api().post(`/api/desk/offers/${offer.offerId}/accept`).send({ agentId: amara }).expect(200);
    await api().post(`/api/desk/calls/${callId}/messages`).send({ agentId: amara, text: "Hi, I'm Amara. Can you give me your account number?" }).expect(201);
    await api().post(`/api/desk/calls/${callId}/wrap-up`).send({ agentId: amara, disposition: 'resolved', note: '', hadToAskAgain: false }).expect(201);

    const summary = (await api().get('/api/analytics/summary').query({ flowId: 'billing-support' }).expect(200)).body;
    expect(summary).toMatchObject({ calls: 1, wrappedUp: 1, hadToRepeat: 1, askedAgain: 1 });
  });

  it('When real callers asked for their balance in their own words, then those words come back as phrasing for simulated callers, most said first, without numbers that could be an account', async () => {
    for (const words of [['what is my balance', 'no'], ['How much do I owe?', 'no'], ['how much do I  owe?', 'no'], ['what do I owe on account 1234 5678', 'no']]) {
      const callId = await start();
      for (const text of words) await turn(callId, { text });
      await turn(callId, { hangup: true });
    }
    const { phrases } = (await api().get('/api/analytics/phrases').query({ intent: 'balance', flowId: 'billing-support' }).expect(200)).body;
    expect(phrases[0]).toEqual({ text: 'how much do i owe?', calls: 2 });
    expect(phrases.map((p: { text: string }) => p.text)).toContain('what is my balance');
    expect(phrases.some((p: { text: string }) => /1234/.test(p.text))).toBe(false);
    expect((await api().get('/api/analytics/phrases').expect(400)).body.error.message).toMatch(/"intent" must name an intent/);
  });

  it('When a finished call is opened, then each caller turn comes with what Baton noticed and the trigger that fired, and the way the call went', async () => {
    const callId = await start();
    await turn(callId, { text: 'what is my balance' });
    await turn(callId, { text: 'this is ridiculous, just let me talk to a real person' });
    await turn(callId, { hangup: true });
    const reading = (await api().get(`/api/analytics/calls/${callId}`).expect(200)).body;
    expect(reading).toMatchObject({ callId, flowId: 'billing-support', flowVersion: 'draft', reproduced: true });
    expect(reading.path.slice(0, 2)).toEqual(['start', 'main']);
    expect(reading.turns.map((t: { text: string }) => t.text)).toEqual(['what is my balance', 'this is ridiculous, just let me talk to a real person']);
    expect(reading.turns[0]).toMatchObject({ nodeId: 'main', handoff: null, signals: { explicitRequest: { requested: false } } });
    expect(reading.turns[1]).toMatchObject({ handoff: { category: 'explicit_request' }, signals: { explicitRequest: { requested: true } } });
    const unknown = await api().get('/api/analytics/calls/no-such-call').expect(404);
    expect(unknown.body.error.message).toMatch(/no-such-call/);
  });

  it('When the period is not a date, is the wrong way round or too long, then it is refused with 400 saying what to send', async () => {
    const bad = await api().get('/api/analytics/summary').query({ from: 'last tuesday' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/"from" must be a date/);
    expect((await api().get('/api/analytics/summary').query({ from: '2026-12-02', to: '2026-12-01' })).status).toBe(400);
    expect((await api().get('/api/analytics/summary').query({ from: '2020-01-01', to: '2026-12-01' })).body.error.message).toMatch(/at most 366 days/);
    const empty = (await api().get('/api/analytics/summary').query({ from: '2020-01-01', to: '2020-01-02' }).expect(200)).body;
    expect(empty).toMatchObject({ calls: 0, trend: { points: [] }, byVersion: [] });
  });
});
