import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readExample, startTestServer } from './testServer.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
  await request(server.url).post('/api/flows').send(await readExample('billing-support'));
});
afterAll(() => server.stop());

const say = (callId: string, text: string) => request(server.url).post(`/api/calls/${callId}/turns?signals=true`).send({ text });

describe('turn evidence', () => {
  it('When the caller speaks while waiting for a person, then that turn carries no signals of the earlier turn', async () => {
    const { callId } = (await request(server.url).post('/api/calls?signals=true').send({ flowId: 'billing-support', transfers: 'manual' })).body;
    const asked = await say(callId, 'this is useless, let me talk to a real person');
    expect(asked.body.signals.explicitRequest.requested).toBe(true);
    expect(asked.body.state.status).toBe('queued');

    const waiting = await say(callId, 'ok thanks, I will hold');
    expect(waiting.status).toBe(200);
    expect(waiting.body.signals).toBeNull();
  });

  it("When a cross turn is followed by a calm one, then the calm turn shows none of the cross turn's evidence", async () => {
    const { callId } = (await request(server.url).post('/api/calls?signals=true').send({ flowId: 'billing-support', transfers: 'manual' })).body;
    // A feeling in the words, not enough to be handed over.
    const first = await say(callId, 'the new price is bad news');
    expect(first.body.handoff).toBeUndefined();
    expect(first.body.signals.sentiment.evidence.map((e: { words: string }) => e.words)).toContain('bad');
    const second = await say(callId, 'what is my balance');
    expect(second.body.signals.sentiment.evidence).toEqual([]);
    expect(second.body.signals.frustration.evidence).toEqual([]);
    expect(second.body.signals.explicitRequest.requested).toBe(false);
  });
});
