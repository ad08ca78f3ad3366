import { describe, expect, it } from 'vitest';
import { openEventStream } from './eventStream.ts';
import { useBillingServer } from './testServer.ts';

// A caller who reads out their card number: Baton keeps only its last four digits, wherever the words go.

const billing = useBillingServer();
const { api, streams } = billing;

describe('Card numbers and bank details in what callers say', () => {
  it('When a caller reads out their card number and security code and then asks for a person, then the transcript, the call log and the agent\'s briefing hold only the last four digits', async () => {
    await api().post('/api/desk/agents/amara-okafor/status').send({ status: 'available' }).expect(200);
    const desk = await openEventStream(`${billing.server.url}/api/desk/agents/amara-okafor/events`, streams);
    const { callId } = (await api().post('/api/calls').send({ flowId: 'billing-support' }).expect(201)).body;
    await api().post(`/api/calls/${callId}/turns`).send({ text: 'I would like to pay my bill with my card 4111 1111 1111 1111, the CVV is 123' }).expect(200);
    await api().post(`/api/calls/${callId}/turns`).send({ text: 'let me talk to a real person' }).expect(200);

    const call = (await api().get(`/api/calls/${callId}`).expect(200)).body;
    const everything = JSON.stringify(call);
    expect(everything).not.toMatch(/4111 1111 1111 1111|4111111111111111/);
    expect(everything).not.toMatch(/CVV is 123/);
    expect(call.transcript.find((t: { from: string }) => t.from === 'caller').text).toBe('I would like to pay my bill with my card [card number ending 1111], the CVV is [security code]');

    const offer = (await desk.next('offer_made')).data;
    expect(JSON.stringify(offer.packet)).not.toMatch(/4111 1111 1111 1111/);
    expect(offer.packet.transcript.some((t: { text: string }) => t.text.includes('[card number ending 1111]'))).toBe(true);

    // The agent reading a number back is masked as well, for the caller and in the record.
    await api().post(`/api/desk/offers/${encodeURIComponent(offer.offerId)}/accept`).expect(200);
    await api().post(`/api/desk/calls/${callId}/messages`).send({ agentId: 'amara-okafor', text: 'Is that 4111-1111-1111-1111?' }).expect(201);
    const after = (await api().get(`/api/calls/${callId}`).expect(200)).body;
    expect(after.transcript.at(-1)).toMatchObject({ from: 'agent', text: 'Is that [card number ending 1111]?' });
    expect(JSON.stringify(after)).not.toMatch(/4111-1111-1111-1111/);
  });

  it('When a caller keys in their card number, then the transcript and the call log show only its last four digits', async () => {
    const { callId } = (await api().post('/api/calls').send({ flowId: 'billing-support' }).expect(201)).body;
    await api().post(`/api/calls/${callId}/turns`).send({ dtmf: '4111111111111111' }).expect(200);
    const call = (await api().get(`/api/calls/${callId}`).expect(200)).body;
    expect(JSON.stringify(call)).not.toMatch(/4111111111111111|4 1 1 1 1 1 1 1/);
    expect(call.transcript.find((t: { from: string }) => t.from === 'caller').text).toBe('(pressed [card number ending 1111])');
    // Ordinary keys stay as pressed.
    await api().post(`/api/calls/${callId}/turns`).send({ dtmf: '2' }).expect(200);
    expect((await api().get(`/api/calls/${callId}`).expect(200)).body.transcript.filter((t: { from: string }) => t.from === 'caller').at(-1).text).toBe('(pressed 2)');
  });

  it('When the account question keeps its answer hidden, then the account number is kept as its last four digits, and the answer is in no transcript, briefing or log', async () => {
    const flow = (await api().get('/api/flows/billing-support').expect(200)).body;
    flow.nodes = flow.nodes.map((n: { id: string; data: Record<string, unknown> }) => (n.id === 'ask_account' ? { ...n, data: { ...n.data, sensitive: true } } : n));
    await api().put('/api/flows/billing-support').set('If-Match', `"${flow.version}"`).send(flow).expect(200);
    const { callId } = (await api().post('/api/calls').send({ flowId: 'billing-support', version: 'draft' }).expect(201)).body;
    await api().post(`/api/calls/${callId}/turns`).send({ text: 'what is my balance' }).expect(200);
    const answered = await api().post(`/api/calls/${callId}/turns`).send({ text: '1234 5678' }).expect(200);
    expect(JSON.stringify(answered.body)).toContain('•••• 5678');
    const call = (await api().get(`/api/calls/${callId}`).expect(200)).body;
    expect(call.slots.account_number).toBe('•••• 5678');
    expect(call.transcript.filter((t: { from: string }) => t.from === 'caller').map((t: { text: string }) => t.text)).toEqual(['what is my balance', '(an answer kept hidden)']);
    expect(JSON.stringify(call)).not.toMatch(/1234 5678|12345678/);
  });
});
