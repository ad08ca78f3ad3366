import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { startLoopbackServer } from '../../server/src/testing/loopbackServer.ts';
import { readExample } from './testServer.ts';

let server: Awaited<ReturnType<typeof startLoopbackServer>> | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

describe('Rate limits', () => {
  it('When one client starts more calls in a minute than allowed, then the extra ones get 429 saying what to do, and another client can still start calls', async () => {
    server = await startLoopbackServer({ callStartsPerMinute: 3 });
    await request(server.url).post('/api/flows').send(await readExample('billing-support')).expect(201);
    const start = (token: string) => request(server!.url).post('/api/calls').set('authorization', `Bearer ${token}`).send({ flowId: 'billing-support', version: 'draft' });
    for (let i = 0; i < 3; i++) expect((await start(server.tokens.calls)).status).toBe(201);
    const refused = await start(server.tokens.calls);
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: 'too_many_call_starts', message: expect.stringMatching(/BATON_CALL_STARTS_PER_MINUTE/) });
    expect((await start(server.tokens.admin)).status).toBe(201);
  });

  it('When requests with wrong Twilio signatures keep coming from one address, then after 30 it gets 429 without the signature being checked', async () => {
    server = await startLoopbackServer({ twilio: { authToken: 'rate-limit-auth-token', publicUrl: 'https://baton.example.com' } });
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) {
      const res = await request(server.url).post('/twilio/voice').type('form').set('x-twilio-signature', `forged${i}`).send({ CallSid: `CA${i}`, To: '+15550000000', From: '+15551111111' });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 30).every((s) => s === 403)).toBe(true);
    expect(statuses.slice(30)).toEqual([429, 429]);
  });
});
