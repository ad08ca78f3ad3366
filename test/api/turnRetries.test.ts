import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readExample, startTestServer } from './testServer.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeEach(async () => {
  server = await startTestServer();
  await request(server.url).post('/api/flows').send(await readExample('billing-support')).expect(201);
});
afterEach(() => server.stop());

const api = () => request(server.url);
const startCall = async () => (await api().post('/api/calls').send({ flowId: 'billing-support', version: 'draft' }).expect(201)).body.callId as string;
const callerLines = async (callId: string) =>
  ((await api().get(`/api/calls/${callId}`)).body.transcript as Array<{ from: string; text: string }>).filter((t) => t.from === 'caller').map((t) => t.text);

describe('retried turns and draining', () => {
  it('When a turn is sent twice with the same Idempotency-Key (its answer was lost), then it is taken once and the retry gets the same answer', async () => {
    const callId = await startCall();
    const first = await api().post(`/api/calls/${callId}/turns`).set('Idempotency-Key', 'k-1').send({ text: 'what is my balance' }).expect(200);
    const retry = await api().post(`/api/calls/${callId}/turns`).set('Idempotency-Key', 'k-1').send({ text: 'what is my balance' }).expect(200);
    expect(retry.body).toEqual(first.body);
    // The same with a turnId in the body; a new key is a new turn.
    await api().post(`/api/calls/${callId}/turns`).send({ text: '12345678', turnId: 'k-2' }).expect(200);
    await api().post(`/api/calls/${callId}/turns`).send({ text: '12345678', turnId: 'k-2' }).expect(200);
    expect(await callerLines(callId)).toEqual(['what is my balance', '12345678']);
  });

  it('When the hang-up is retried after the call ended, then the retry gets the hang-up\'s answer rather than an error', async () => {
    const callId = await startCall();
    const first = await api().post(`/api/calls/${callId}/turns`).send({ hangup: true, turnId: 'bye' }).expect(200);
    expect(first.body.state.status).toBe('ended');
    expect((await api().post(`/api/calls/${callId}/turns`).send({ hangup: true, turnId: 'bye' })).body).toEqual(first.body);
    // Without a key, a turn on an ended call is refused and says why.
    expect((await api().post(`/api/calls/${callId}/turns`).send({ hangup: true })).status).toBe(409);
  });

  it('When the idempotency key is not usable, then the turn is refused with a 400 that says what a key must be', async () => {
    const callId = await startCall();
    const res = await api().post(`/api/calls/${callId}/turns`).send({ text: 'hello', turnId: 42 }).expect(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_turn_id' });
    expect(res.body.error.message).toMatch(/1 to 200 characters/);
    await api().post(`/api/calls/${callId}/turns`).set('Idempotency-Key', 'x'.repeat(201)).send({ text: 'hello' }).expect(400);
    expect(await callerLines(callId)).toEqual([]);
  });

  it('When the server is draining (stopping), then readiness says not ready and new calls are refused, while calls in progress go on', async () => {
    expect((await api().get('/readyz').expect(200)).body).toEqual({ ready: true });
    expect((await api().get('/healthz').expect(200)).body).toEqual({ status: 'ok' });
    const callId = await startCall();
    server.calls.drain();
    const ready = await api().get('/readyz').expect(503);
    expect(ready.body.ready).toBe(false);
    const refused = await api().post('/api/calls').send({ flowId: 'billing-support', version: 'draft' }).expect(503);
    expect(refused.body.error).toMatchObject({ code: 'draining' });
    await api().get('/healthz').expect(200);
    const turn = await api().post(`/api/calls/${callId}/turns`).send({ text: 'what is my balance' }).expect(200);
    expect(turn.body.state.status).toBe('ai');
  });
});
