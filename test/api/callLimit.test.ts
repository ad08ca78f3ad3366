import { afterEach, describe, expect, it } from 'vitest';
import { billingExample, startTwilioTestServer } from '../../server/src/telephony/twilio/startTwilioTestServer.ts';
import { TwilioTestCaller } from '../../server/src/telephony/twilio/TwilioTestCaller.ts';

const TOKEN = 'test-auth-token-0123456789abcdef';
const NUMBER = '+442071234567';

let server: Awaited<ReturnType<typeof startTwilioTestServer>> | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

/** Baton set to take at most `maxLiveCalls` calls at once, with the billing flow on NUMBER. */
async function start(maxLiveCalls: number) {
  server = await startTwilioTestServer({ authToken: TOKEN }, [await billingExample()], undefined, { maxLiveCalls });
  await server.api(`/api/numbers/${encodeURIComponent(NUMBER)}`, { method: 'PUT', body: { flowId: 'billing-support' } });
  return server;
}

const startCall = (s: NonNullable<typeof server>) => s.api('/api/calls', { method: 'POST', body: { flowId: 'billing-support' } });
const turn = (s: NonNullable<typeof server>, callId: string, body: unknown) => s.api(`/api/calls/${callId}/turns`, { method: 'POST', body });

describe('The most calls Baton takes at once', () => {
  it('When the limit is reached, then a new call is refused with 503 saying why and what to do, and every call in progress goes on', async () => {
    const s = await start(2);
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) ids.push(((await (await startCall(s)).json()) as { callId: string }).callId);

    const refused = await startCall(s);
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as { error: unknown }).error).toEqual({
      code: 'too_many_calls',
      message: 'Baton is handling the most calls it is set to (2); try again shortly or raise BATON_MAX_LIVE_CALLS.',
    });
    for (const id of ids) expect((await turn(s, id, { text: 'what is my balance' })).status).toBe(200);

    // A call that ends makes room; the ended call answers that it ended.
    expect((await turn(s, ids[0], { hangup: true })).status).toBe(200);
    expect((await startCall(s)).status).toBe(201);
    expect((await turn(s, ids[0], { text: 'hello?' })).status).toBe(409);
    expect((await turn(s, ids[1], { text: '12345678' })).status).toBe(200);
  });

  it('When a phone call comes in at the limit, then the caller is told to call again and the line is hung up, and the calls in progress go on', async () => {
    const s = await start(1);
    const first = new TwilioTestCaller(s.url, TOKEN, '+447700900123', NUMBER);
    const greeting = await first.dial();
    expect(greeting.twiml.gather).toBeDefined();

    const second = await new TwilioTestCaller(s.url, TOKEN, '+447700900124', NUMBER).dial();
    expect(second.status).toBe(200);
    expect(second.twiml).toMatchObject({ says: [expect.stringMatching(/taking more calls than we can answer right now\. Please call again in a few minutes/)], hangup: true, gather: undefined });

    const refund = await first.answer(greeting.twiml.gather!.action, { speech: 'I want a refund' });
    expect(refund.twiml.says).toEqual(['I can help with that. How much should be refunded?']);
  });
});
