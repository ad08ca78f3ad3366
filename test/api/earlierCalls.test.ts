import { describe, expect, it } from 'vitest';
import { openEventStream } from './eventStream.ts';
import { useBillingServer } from './testServer.ts';

// The briefing shows the agent the caller's earlier calls from the same number: when, why, how they ended, their score.

const billing = useBillingServer();
const { api, streams } = billing;
const amara = 'amara-okafor';

async function turn(callId: string, body: Record<string, unknown>) {
  return (await api().post(`/api/calls/${callId}/turns`).send(body).expect(200)).body;
}

describe('Earlier calls in the briefing', () => {
  it('When a caller who rated an earlier call 2 of 5 calls again and asks for a person, then the agent sees that call in the briefing; another number sees none', async () => {
    const phone = '+447700900555';
    // The first call: the assistant handles it, and the caller scores it 2.
    const first = (await api().post('/api/calls').send({ flowId: 'billing-support', caller: { phone } }).expect(201)).body.callId as string;
    await turn(first, { text: 'what is my balance' });
    await turn(first, { text: '1234 5678' });
    await turn(first, { text: 'no thanks' });
    expect((await turn(first, { dtmf: '2' })).state.status).toBe('ended');

    await api().post(`/api/desk/agents/${amara}/status`).send({ status: 'available' }).expect(200);
    const desk = await openEventStream(`${billing.server.url}/api/desk/agents/${amara}/events`, streams);
    const second = (await api().post('/api/calls').send({ flowId: 'billing-support', caller: { phone } }).expect(201)).body.callId as string;
    await turn(second, { text: 'let me talk to a real person' });
    const offer = (await desk.next('offer_made')).data;
    expect(offer.callId).toBe(second);
    expect(offer.packet.earlierCalls).toEqual([{ callId: first, startedAt: expect.any(String), endedAt: expect.any(String), disposition: 'resolved', surveyScore: 2 }]);
    // Kept with the call, as the desk and the call's record show it.
    expect((await api().get(`/api/calls/${second}`)).body.handoff.packet.earlierCalls).toHaveLength(1);

    const stranger = (await api().post('/api/calls').send({ flowId: 'billing-support', caller: { phone: '+447700900556' } }).expect(201)).body.callId as string;
    await turn(stranger, { text: 'let me talk to a real person' });
    const packet = (await api().get(`/api/calls/${stranger}`)).body.handoff.packet;
    expect(packet.earlierCalls).toBeUndefined();
  });
});
