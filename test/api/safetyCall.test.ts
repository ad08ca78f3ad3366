import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SAFETY_MESSAGE } from '@baton/shared';
import { readExample, seedOpenQueues, startTestServer } from './testServer.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeEach(async () => {
  server = await startTestServer(seedOpenQueues);
  await request(server.url).post('/api/flows').send(await readExample('billing-support'));
});
afterEach(() => server.stop());

const say = (callId: string, body: object) => request(server.url).post(`/api/calls/${callId}/turns`).send(body).expect(200);
const start = async (name: string) => (await request(server.url).post('/api/calls').send({ flowId: 'billing-support', version: 'draft', caller: { name } }).expect(201)).body.callId as string;

describe('a caller who may be in danger', () => {
  it('When the caller says they do not want to be alive and nobody can answer, then they hear why and the safety message, and their call back comes first on the desk', async () => {
    // Another caller asked to be called back earlier, for an ordinary reason.
    const earlier = await start('Bo');
    await say(earlier, { dtmf: '0' });
    await say(earlier, { text: 'call me on 555 010 1111' });

    const callId = await start('Ada');
    await say(callId, { text: 'I want to check my balance' });
    const turn = (await say(callId, { text: "honestly I don't want to be alive anymore, I can't cope with any of it" })).body;
    expect(turn.handoff).toMatchObject({ category: 'complex_or_sensitive', signal: 'safety', triggerId: 'trigger_sensitive' });
    expect(turn.handoff.explanation).toMatch(/may be in danger or at risk of harming themselves/);
    const said = turn.actions.filter((a: { type: string }) => a.type === 'say').map((a: { text: string }) => a.text);
    const types = turn.actions.map((a: { type: string }) => a.type);
    // Told why before the transfer; the transfer goes to the sensitive-matters queue; nobody can take it, so the
    // caller hears the safety message before being asked for a number to call back.
    expect(types.indexOf('say')).toBeLessThan(types.indexOf('transfer'));
    expect(turn.actions.find((a: { type: string }) => a.type === 'transfer')).toMatchObject({ queue: 'care', packet: { reason: { signal: 'safety' } } });
    expect(said).toContain(DEFAULT_SAFETY_MESSAGE);
    expect(said.indexOf(DEFAULT_SAFETY_MESSAGE)).toBeLessThan(said.length - 1);

    const booked = (await say(callId, { text: 'my number is 555 010 2222' })).body;
    expect(booked.state.status).toBe('ended');
    expect(booked.actions.map((a: { type: string }) => a.type)).toContain('callback');

    // On the desk of an agent of the sensitive-matters queue, the caller in danger is first, marked urgent.
    await expect.poll(async () => (await request(server.url).get('/api/desk/agents/chloe-martin/state')).body.callbacks.map((c: { callId: string }) => c.callId)).toContain(callId);
    const callbacks = (await request(server.url).get('/api/desk/agents/chloe-martin/state')).body.callbacks as Array<{ callId: string; urgent?: boolean }>;
    expect(callbacks[0]).toMatchObject({ callId, urgent: true });
  });
});
