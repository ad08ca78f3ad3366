import twilio from 'twilio';
import { afterEach, describe, expect, it } from 'vitest';
import { billingExample, startTwilioTestServer } from '../../server/src/telephony/twilio/startTwilioTestServer.ts';
import { TwilioTestCaller } from '../../server/src/telephony/twilio/TwilioTestCaller.ts';
import type { TwilioSettings } from '../../server/src/telephony/twilio/twilioSettings.ts';

const TOKEN = 'test-auth-token-0123456789abcdef';
const NUMBER = '+442071234567';

let server: Awaited<ReturnType<typeof startTwilioTestServer>> | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

async function start(settings: TwilioSettings = { authToken: TOKEN }) {
  server = await startTwilioTestServer(settings, [await billingExample()]);
  await server.api(`/api/numbers/${encodeURIComponent(NUMBER)}`, { method: 'PUT', body: { flowId: 'billing-support' } });
  return server;
}

/** How many calls the store has records for: a refused webhook must add none. */
async function recordedCalls(s: Awaited<ReturnType<typeof start>>) {
  await s.store.calls.flush();
  const { readdir } = await import('node:fs/promises');
  return (await readdir(`${s.store.dataDir}/calls`).catch(() => [])).length;
}

/** How many calls were started, by the call log's start records. */
async function startedCalls(s: Awaited<ReturnType<typeof start>>) {
  await s.store.calls.flush();
  const { readdir, readFile } = await import('node:fs/promises');
  const dir = `${s.store.dataDir}/calls`;
  const files = await readdir(dir).catch(() => []);
  const lines = (await Promise.all(files.map((f) => readFile(`${dir}/${f}`, 'utf8')))).join('').split('\n');
  return lines.filter((line) => line.includes('"event":{"type":"start"')).length;
}

describe('Twilio request validation', () => {
  it('When a request has no signature, a wrong one, or one made with another token, then it gets 403 and no call starts', async () => {
    const s = await start();
    const caller = new TwilioTestCaller(s.url, TOKEN, '+447700900123', NUMBER);
    const missing = await fetch(`${s.url}/twilio/voice`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `CallSid=${caller.callSid}&To=%2B442071234567` });
    expect(missing.status).toBe(403);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('twilio_signature_invalid');
    expect((await caller.post('/twilio/voice', {}, 'bm90IGEgc2lnbmF0dXJl')).status).toBe(403);
    expect((await new TwilioTestCaller(s.url, 'another-accounts-token', '+447700900123', NUMBER).dial()).status).toBe(403);
    expect(await recordedCalls(s)).toBe(0);
  });

  it('When a signed request is replayed to another URL or with a changed field, then it gets 403 and the call does not move', async () => {
    const s = await start();
    const caller = new TwilioTestCaller(s.url, TOKEN, '+447700900123', NUMBER);
    const greeting = await caller.dial();
    const action = greeting.twiml.gather!.action;
    const form = { CallSid: caller.callSid, SpeechResult: 'I want a refund', Confidence: '0.9' };
    const signature = twilio.getExpectedTwilioSignature(TOKEN, action, form);
    const send = (url: string, body: Record<string, string>) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature }, body: new URLSearchParams(body).toString() });
    expect((await send(action.replace('step=1', 'step=2'), form)).status).toBe(403);
    expect((await send(action, { ...form, SpeechResult: 'let me talk to a real person' })).status).toBe(403);
    expect((await send(`${s.url}/twilio/status`, { ...form, CallStatus: 'completed' })).status).toBe(403);
    // The genuine request still gets the first answer to that step: nothing above changed the call.
    const genuine = await send(action, form);
    expect(genuine.status).toBe(200);
    expect(await genuine.text()).toContain('How much should be refunded?');
  });

  it('When Twilio retries a webhook, then the TwiML is the same and the call moves once', async () => {
    const s = await start();
    const caller = new TwilioTestCaller(s.url, TOKEN, '+447700900123', NUMBER);
    const first = await caller.dial();
    expect((await caller.dial()).body).toBe(first.body);
    const [a, b] = await Promise.all([caller.answer(first.twiml.gather!.action, { speech: 'I want a refund' }), caller.answer(first.twiml.gather!.action, { speech: 'I want a refund' })]);
    expect(a.body).toBe(b.body);
    const next = await caller.answer(a.twiml.gather!.action, { speech: 'forty dollars' });
    expect(next.twiml.says.join(' ')).toMatch(/refund of 40 dollars/);
    expect(await recordedCalls(s)).toBe(1);
  });

  it('When a captured new-call request is played back after the call has ended, then it is answered with a hang-up and no second call starts', async () => {
    const s = await start();
    const caller = new TwilioTestCaller(s.url, TOKEN, '+447700900123', NUMBER);
    const first = await caller.dial();
    expect(first.twiml.gather).toBeDefined();
    expect((await caller.hangUp('completed')).status).toBe(204);

    const replayed = await caller.dial();
    expect(replayed.status).toBe(200);
    expect(replayed.twiml).toMatchObject({ says: [], hangup: true, gather: undefined });
    expect(await startedCalls(s)).toBe(1);
    // The ended call's other webhooks end the line too.
    expect((await caller.answer(first.twiml.gather!.action, { speech: 'let me talk to a real person' })).twiml.hangup).toBe(true);
    expect(await startedCalls(s)).toBe(1);
  });

  it('When no auth token is set, then every Twilio request gets 403 saying to set TWILIO_AUTH_TOKEN', async () => {
    const s = await start({});
    const res = await new TwilioTestCaller(s.url, TOKEN, '+447700900123', NUMBER).dial();
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body).error.message).toMatch(/TWILIO_AUTH_TOKEN/);
  });

  it('When Baton is behind a proxy, then requests are checked against BATON_PUBLIC_URL and TwiML names public URLs', async () => {
    const s = await start({ authToken: TOKEN, publicUrl: 'https://baton.example.com/' });
    const caller = new TwilioTestCaller(s.url, TOKEN, '+447700900123', NUMBER, 'https://baton.example.com');
    const greeting = await caller.dial();
    expect(greeting.status).toBe(200);
    expect(greeting.twiml.gather!.action).toMatch(/^https:\/\/baton\.example\.com\/twilio\/gather\?step=1$/);
    expect(greeting.twiml.stream!.url).toBe('wss://baton.example.com/twilio/media');
    expect((await new TwilioTestCaller(s.url, TOKEN, '+447700900123', NUMBER).dial()).status).toBe(403);
  });
});

describe('phone numbers', () => {
  it('When numbers are bound, listed and removed, then calls follow the binding and bad input is refused with the reason', async () => {
    const s = await start({ authToken: TOKEN, defaultFlow: 'Billing support' });
    expect((await s.api('/api/numbers').then((r) => r.json()))).toEqual([expect.objectContaining({ number: NUMBER, flowId: 'billing-support' })]);
    const bound = await s.api(`/api/numbers/${encodeURIComponent(NUMBER)}`);
    expect((await s.api(`/api/numbers/${encodeURIComponent(NUMBER)}`, { method: 'PUT', body: { flowId: 'billing-support' }, headers: { 'If-Match': bound.headers.get('ETag')! } })).status).toBe(200);
    const badNumber = await s.api('/api/numbers/0207-123', { method: 'PUT', body: { flowId: 'billing-support' } });
    expect(badNumber.status).toBe(400);
    expect(((await badNumber.json()) as { error: { code: string } }).error.code).toBe('invalid_phone_number');
    const unknownFlow = await s.api('/api/numbers/%2B15005550006', { method: 'PUT', body: { flowId: 'nope' } });
    expect(unknownFlow.status).toBe(422);
    expect((await s.api('/api/numbers/%2B15005550006', { method: 'PUT', body: {} })).status).toBe(400);
    expect((await s.api(`/api/numbers/${encodeURIComponent(NUMBER)}`, { method: 'DELETE' })).status).toBe(204);
    expect((await s.api(`/api/numbers/${encodeURIComponent(NUMBER)}`)).status).toBe(404);
    expect((await s.api(`/api/numbers/${encodeURIComponent(NUMBER)}`, { method: 'DELETE' })).status).toBe(404);
    // Unbound now: the default flow (named in the settings) answers.
    const greeting = await new TwilioTestCaller(s.url, TOKEN, '+447700900123', NUMBER).dial();
    expect(greeting.twiml.says[0]).toMatch(/^Thanks for calling Northwind Energy billing/);
  });
});
