import { describe, expect, it } from 'vitest';
import { useBillingServer } from './testServer.ts';

// Last week's real calls replayed through a draft: each caller's own words (and voice) through the draft and the
// published version, to see which calls would end differently, and to check that the replay reproduces what happened.

const billing = useBillingServer();
const { api } = billing;

async function call(turns: Array<Record<string, unknown>>) {
  const callId = (await api().post('/api/calls').send({ flowId: 'billing-support', version: 'published' }).expect(201)).body.callId as string;
  for (const body of turns) await api().post(`/api/calls/${callId}/turns`).send(body).expect(200);
  return callId;
}

describe('Replaying real calls through a draft', () => {
  it('When the analyst makes the raised-voice detector more sensitive, then the replay of real calls shows the call whose caller grew 8 dB louder now goes to a person, and the published version ends every call as it really ended', async () => {
    await api().post('/api/flows/billing-support/publish').expect(200);
    // Three real calls on version 1: one stays with the assistant (the caller grows louder, under the 12 dB of the
    // published trigger), one asks for a person, one hangs up. (The louder turn is not the account number: a turn that
    // is only the answer to the step's question is not acted on by the triggers.)
    const louder = await call([
      { text: 'what is my balance', loudnessDb: 20 },
      { text: '1234 5678', loudnessDb: 20 },
      { text: 'no thanks', loudnessDb: 28 },
      { dtmf: '4' },
    ]);
    const person = await call([{ text: 'let me talk to a real person' }, { hangup: true }]);
    const hungUp = await call([{ text: 'what is my balance' }, { hangup: true }]);

    const flow = await api().get('/api/flows/billing-support').expect(200);
    const draft = flow.body;
    const frustrated = draft.nodes.find((n: { id: string }) => n.id === 'trigger_frustrated');
    frustrated.data.detectors = frustrated.data.detectors.map((d: { signal: string }) => (d.signal === 'raised_voice' ? { ...d, deltaDb: 6 } : d));
    await api().put('/api/flows/billing-support').set('If-Match', flow.headers.etag).send(draft).expect(200);

    const run = (await api().post('/api/simulations').send({ flowId: 'billing-support', version: 'draft', compareWith: 'published', calls: 100, seed: 7, realCalls: { days: 7 } }).expect(200)).body;
    expect(run.status).toBe('done');
    expect(run.report.calls).toBe(3);
    expect(run.replay).toMatchObject({ found: 3, reproduction: { checked: 3, same: 3, differed: [] } });
    expect(run.comparison.baseline).toMatchObject({ containment: { count: 1 }, handoff: { count: 1 }, hungUp: { count: 1 } });
    expect(run.report).toMatchObject({ containment: { count: 0 }, handoff: { count: 2 }, hungUp: { count: 1 } });
    expect(run.comparison.changedCalls).toEqual({
      count: 1,
      byChange: { newly_handed_over: 1, no_longer_handed_over: 0, other_reason: 0, earlier: 0, later: 0, other_ending: 0 },
      calls: [
        {
          index: 0,
          persona: 'real_caller',
          realCall: { callId: louder, startedAt: expect.any(String) },
          change: 'newly_handed_over',
          before: { outcome: 'contained', category: null, turns: 4 },
          after: { outcome: 'handoff', category: 'frustration', signal: 'raised_voice', turns: 3 },
        },
      ],
    });

    // Opened, the changed call reads as it went on both versions, with how it really ended.
    const opened = (await api().get(`/api/simulations/${run.id}/calls/0`).expect(200)).body;
    expect(opened.call.realCall).toMatchObject({ callId: louder, flowVersion: '1', happened: { outcome: 'contained', category: null } });
    expect(opened.call.result).toMatchObject({ outcome: 'handoff', handoff: { category: 'frustration', signal: 'raised_voice' } });
    expect(opened.call.transcript.filter((t: { from: string }) => t.from === 'caller').map((t: { text: string }) => t.text)).toEqual(['what is my balance', '1234 5678', 'no thanks']);
    expect(opened.baseline.result.outcome).toBe('contained');
    const second = (await api().get(`/api/simulations/${run.id}/calls/1`).expect(200)).body;
    expect(second.call.realCall).toMatchObject({ callId: person, happened: { outcome: 'handoff', category: 'explicit_request' } });
    const third = (await api().get(`/api/simulations/${run.id}/calls/2`).expect(200)).body;
    expect(third.call.realCall).toMatchObject({ callId: hungUp, happened: { outcome: 'hung_up' } });
  });

  it('When there are no real calls in the period, or real calls are asked for with personas, then the replay is refused saying what to do', async () => {
    const none = await api().post('/api/simulations').send({ flowId: 'billing-support', calls: 10, seed: 1, realCalls: { days: 7 } }).expect(422);
    expect(none.body.error.message).toMatch(/no finished calls in the last 7 days to replay/);
    const both = await api().post('/api/simulations').send({ flowId: 'billing-support', calls: 10, seed: 1, realCalls: { days: 7 }, personas: ['calm-balance'] }).expect(400);
    expect(both.body.error.message).toMatch(/send "realCalls" or "personas", not both/);
    const long = await api().post('/api/simulations').send({ flowId: 'billing-support', calls: 10, seed: 1, realCalls: { days: 365 } }).expect(400);
    expect(long.body.error.message).toMatch(/days must be 1 to 90/);
  });

  it('When simulated callers use real callers\' words, then callers say the balance the way real callers did, and the run says how many phrases it took', async () => {
    await api().post('/api/flows/billing-support/publish').expect(200);
    for (const words of ['How much do I owe?', 'how much do I owe?', 'whats left to pay on my bill']) await call([{ text: words }, { hangup: true }]);
    const persona = {
      id: 'plain-balance',
      name: 'Plain balance caller',
      wants: [{ intent: 'balance', utterances: ['what is my balance'] }],
      patienceTurns: 3,
      asksForPersonProbability: 0,
      personPhrases: ['a person please'],
      loudness: { baseDb: 20, perFailedTurnDb: 0 },
      escalation: [],
      rephrasings: [],
      weight: 1,
    };
    const request = { flowId: 'billing-support', version: 'draft', calls: 40, seed: 3, personas: [persona] };
    const own = (await api().post('/api/simulations').send(request).expect(200)).body;
    expect(own.realPhrasing).toBeUndefined();

    const run = (await api().post('/api/simulations').send({ ...request, realPhrasing: { days: 7 } }).expect(200)).body;
    expect(run.status).toBe('done');
    expect(run.realPhrasing).toMatchObject({ intents: [{ intent: 'balance', phrases: 2 }] });
    const firstWords = new Set<string>();
    for (let index = 0; index < 40; index++) {
      const opened = (await api().get(`/api/simulations/${run.id}/calls/${index}`).expect(200)).body;
      firstWords.add(opened.call.transcript.find((t: { from: string }) => t.from === 'caller').text);
    }
    // The persona's own words stay among them, and the way most real callers said it joins them.
    expect(firstWords).toEqual(new Set(['what is my balance', 'how much do i owe?', 'whats left to pay on my bill']));

    const both = await api().post('/api/simulations').send({ flowId: 'billing-support', calls: 10, seed: 1, realCalls: { days: 7 }, realPhrasing: { days: 7 } }).expect(400);
    expect(both.body.error.message).toMatch(/send "realCalls" or "realPhrasing", not both/);
  });
});
