import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { billingExample, startTwilioTestServer } from '../../server/src/telephony/twilio/startTwilioTestServer.ts';
import { TwilioTestCaller, type ReadTwiml } from '../../server/src/telephony/twilio/TwilioTestCaller.ts';
import { openEventStream } from './eventStream.ts';

const TOKEN = 'test-auth-token-0123456789abcdef';
const NUMBER = '+442071234567';

let server: Awaited<ReturnType<typeof startTwilioTestServer>>;
const streams: AbortController[] = [];
beforeEach(async () => {
  // Wait updates every second rather than every minute, so the test hears one soon.
  const billing = await billingExample((flow) => Object.assign(flow.nodes.find((n) => n.id === 'transfer_billing')!.data, { updateEverySeconds: 1 }));
  server = await startTwilioTestServer({ authToken: TOKEN }, [billing]);
  expect((await server.api(`/api/numbers/${encodeURIComponent(NUMBER)}`, { method: 'PUT', body: { flowId: 'billing-support' } })).status).toBe(201);
});
afterEach(async () => {
  for (const s of streams.splice(0)) s.abort();
  await server.stop();
});

/** Follows the waiting loop (`<Redirect>` to the wait URL) until a document matches, as Twilio would, a few seconds at most. */
async function waitUntil(caller: TwilioTestCaller, waitUrl: string, done: (t: ReadTwiml) => boolean) {
  let url = waitUrl;
  const heard: string[] = [];
  for (let i = 0; i < 40; i++) {
    const { status, twiml } = await caller.post(url, { QueuePosition: '1', QueueTime: String(i) });
    expect(status).toBe(200);
    heard.push(...twiml.says);
    if (done(twiml)) return { twiml, heard, url };
    expect(twiml.redirect).toBeDefined();
    url = twiml.redirect!;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`the wait never ended; heard ${heard.join(' | ')}`);
}

describe('a phone call through Twilio', () => {
  it('When a caller rings the billing number, talks twice, asks for a person and an agent accepts, then they hear each step, wait in the queue and talk to the agent', async () => {
    await server.api('/api/desk/agents/amara-okafor/status', { method: 'POST', body: { status: 'available' } });
    const desk = await openEventStream(`${server.url}/api/desk/agents/amara-okafor/events`, streams);
    const caller = new TwilioTestCaller(server.url, TOKEN, '+447700900123', NUMBER);

    const greeting = await caller.dial();
    expect(greeting.status).toBe(200);
    expect(greeting.twiml.says[0]).toMatch(/^Thanks for calling Northwind Energy billing/);
    expect(greeting.twiml.says.at(-1)).toBe('How can I help with your bill today?');
    expect(greeting.twiml.stream).toEqual({ url: `wss://${server.url.slice(7)}/twilio/media`, callSid: caller.callSid, token: expect.any(String) });
    expect(greeting.body).toContain('<Say voice="Polly.Amy" language="en-GB">');
    expect(greeting.twiml.gather).toMatchObject({ input: 'speech dtmf' });
    expect(greeting.body).toMatch(/<Gather [^>]*speechTimeout="auto"[^>]*actionOnEmptyResult="true"/);

    const refund = await caller.answer(greeting.twiml.gather!.action, { speech: 'I want a refund', confidence: 0.92 });
    expect(refund.twiml.says).toEqual(['I can help with that. How much should be refunded?']);
    const amount = await caller.answer(refund.twiml.gather!.action, { speech: 'forty dollars' });
    expect(amount.twiml.says.join(' ')).toMatch(/started a refund of 40 dollars.*anything else/);

    const person = await caller.answer(amount.twiml.gather!.action, { speech: 'let me talk to a real person' });
    expect(person.twiml.says.join(' ')).toMatch(/connecting you to our billing team because you asked to speak with a person/);
    expect(person.twiml.enqueue).toMatchObject({ queue: 'billing' });
    // Twilio retries the same webhook: the same TwiML, and the caller is not handed over twice.
    const retried = await caller.answer(amount.twiml.gather!.action, { speech: 'let me talk to a real person' });
    expect(retried.body).toBe(person.body);

    const offer = (await desk.next('offer_made')).data;
    const callId = offer.callId as string;
    expect(offer.packet).toMatchObject({ caller: { phone: '+447700900123' }, reason: { category: 'explicit_request' } });
    const waiting = await waitUntil(caller, person.twiml.enqueue!.waitUrl, (t) => t.says.length > 0);
    const heard = waiting.heard;
    expect(heard.join(' ')).toMatch(/Thanks for waiting/);

    expect((await server.api(`/api/desk/offers/${encodeURIComponent(offer.offerId)}/accept`, { method: 'POST' })).status).toBe(200);
    await waitUntil(caller, waiting.twiml.redirect!, (t) => t.leave);
    const through = await caller.post(person.twiml.enqueue!.action, { QueueResult: 'leave' });
    expect(through.twiml.says).toEqual(["You're through to Amara, who has the details of your call."]);
    expect(through.twiml.gather).toMatchObject({ input: 'speech' });

    const hello = await caller.answer(through.twiml.gather!.action, { speech: 'hello is anyone there' });
    expect((await desk.next('caller_said')).data).toMatchObject({ callId, text: 'hello is anyone there' });
    await server.api(`/api/desk/calls/${callId}/messages`, { method: 'POST', body: { agentId: 'amara-okafor', text: 'Hi, Amara here. I can see the refund.' } });
    const agentWords = await caller.answer(hello.twiml.gather!.action, {});
    expect(agentWords.twiml.says).toEqual(['Hi, Amara here. I can see the refund.']);

    expect((await caller.hangUp()).status).toBe(204);
    expect((await caller.hangUp()).status).toBe(204);
    await server.store.calls.flush();
    const record = (await server.api(`/api/calls/${callId}`).then((r) => r.json())) as { state: { status: string }; events: Array<Record<string, unknown>> };
    expect(record.state.status).toBe('ended');
    expect(record.events.filter((e) => e.telephony)).toEqual([expect.objectContaining({ telephony: { provider: 'twilio', callSid: caller.callSid, status: 'completed', durationSeconds: 42 } })]);
    expect(record.events.filter((e) => (e.actions as Array<{ type: string }> | undefined)?.some((a) => a.type === 'transfer'))).toHaveLength(1);
  });

  it('When the agent hangs up from the desk, then the caller on the phone hears goodbye and the line is hung up', async () => {
    await server.api('/api/desk/agents/amara-okafor/status', { method: 'POST', body: { status: 'available' } });
    const desk = await openEventStream(`${server.url}/api/desk/agents/amara-okafor/events`, streams);
    const caller = new TwilioTestCaller(server.url, TOKEN, '+447700900127', NUMBER);
    const greeting = await caller.dial();
    const person = await caller.answer(greeting.twiml.gather!.action, { speech: 'let me talk to a real person' });
    const offer = (await desk.next('offer_made')).data;
    expect((await server.api(`/api/desk/offers/${encodeURIComponent(offer.offerId)}/accept`, { method: 'POST' })).status).toBe(200);
    await waitUntil(caller, person.twiml.enqueue!.waitUrl, (t) => t.leave);
    const through = await caller.post(person.twiml.enqueue!.action, { QueueResult: 'leave' });
    expect(through.twiml.gather).toMatchObject({ input: 'speech' });

    const hungUp = await server.api(`/api/desk/calls/${offer.callId}/hang-up`, { method: 'POST', body: { agentId: 'amara-okafor' } });
    expect(hungUp.status).toBe(200);
    const goodbye = await caller.answer(through.twiml.gather!.action, {});
    expect(goodbye.twiml).toMatchObject({ says: ['Thanks for calling. Goodbye.'], hangup: true, gather: undefined });
    expect((await caller.hangUp()).status).toBe(204);
    await server.store.calls.flush();
    const record = (await server.api(`/api/calls/${offer.callId}`).then((r) => r.json())) as { state: { status: string }; events: Array<Record<string, unknown>> };
    expect(record.state.status).toBe('ended');
    expect(record.events.filter((e) => e.telephony)).toEqual([expect.objectContaining({ telephony: expect.objectContaining({ status: 'completed' }) })]);
  });

  it('When the caller says nothing, then the flow hears no input; keys pressed become digits', async () => {
    const caller = new TwilioTestCaller(server.url, TOKEN, '+447700900124', NUMBER);
    const greeting = await caller.dial();
    const silent = await caller.answer(greeting.twiml.gather!.action, { speech: '' });
    expect(silent.twiml.says.join(' ')).toMatch(/didn't catch that/);
    const zero = await caller.answer(silent.twiml.gather!.action, { digits: '0' });
    // Pressing 0 asks for a person; with nobody signed in to the billing queue the flow offers a call back.
    expect(zero.twiml.says.join(' ')).toMatch(/What number should we call you back on\?/);
    expect(zero.twiml.gather).toBeDefined();
  });

  it('When the caller hangs up while the AI has the call, then the call ends and the status is recorded', async () => {
    const caller = new TwilioTestCaller(server.url, TOKEN, '+447700900125', NUMBER);
    const greeting = await caller.dial();
    await caller.answer(greeting.twiml.gather!.action, { speech: 'I want a refund' });
    expect((await caller.hangUp('canceled')).status).toBe(204);
    const after = await caller.answer(greeting.twiml.gather!.action.replace(/step=\d+/, 'step=50'), { speech: 'hello?' });
    expect(after.twiml.hangup).toBe(true);
  });

  it('When a number has no flow and no default is set, then the caller hears it is not set up and the call ends', async () => {
    const caller = new TwilioTestCaller(server.url, TOKEN, '+447700900126', '+15005550006');
    const { status, twiml } = await caller.dial();
    expect(status).toBe(200);
    expect(twiml.says[0]).toMatch(/not set up/);
    expect(twiml.hangup).toBe(true);
  });

  it("When the flow's settings choose a voice and an accent, then the caller hears that voice and is listened to in that accent", async () => {
    const flow = (await (await server.api('/api/flows/billing-support')).json()) as { version: number; settings: Record<string, unknown> };
    flow.settings.phone = { voice: 'Polly.Joanna', language: 'en-US' };
    const saved = await fetch(`${server.url}/api/flows/billing-support`, { method: 'PUT', headers: { 'content-type': 'application/json', 'if-match': `"${flow.version}"` }, body: JSON.stringify(flow) });
    expect(saved.status).toBe(200);
    const greeting = await new TwilioTestCaller(server.url, TOKEN, '+447700900999', NUMBER).dial();
    expect(greeting.body).toContain('<Say voice="Polly.Joanna" language="en-US">');
    expect(greeting.body).toMatch(/<Gather [^>]*language="en-US"/);
  });
});
