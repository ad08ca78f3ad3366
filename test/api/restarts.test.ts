import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { alwaysOpen } from '../../server/src/routing/testRouting.ts';
import { TwilioTestCaller } from '../../server/src/telephony/twilio/TwilioTestCaller.ts';
import { startServer, type RunningServer } from '../e2e/startServer.ts';
import { authHeaders } from '../../server/src/testing/credentials.ts';

// One Baton on one data directory, stopped or killed in the middle of calls and started again: the calls go on.

const running: RunningServer[] = [];
let dataDir: string | undefined;
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  dataDir = undefined;
});

async function start(env: Record<string, string> = {}): Promise<RunningServer> {
  dataDir ??= await mkdtemp(path.join(os.tmpdir(), 'baton-restart-'));
  const server = await startServer({ dataDir, env });
  running.push(server);
  return server;
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
async function call(server: RunningServer, method: string, p: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${server.url}${p}`, { method, headers: { 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Json) : {} };
}
const said = (body: Json) => (body.actions as Array<{ type: string; text?: string }>).flatMap((a) => (a.type === 'say' ? [a.text] : []));

/** The billing queue open around the clock, so the test does not depend on the hour it runs at. */
async function openBillingQueue(server: RunningServer) {
  const res = await fetch(`${server.url}/api/queues/billing`);
  const queue = (await res.json()) as Json;
  const { version: _v, ...rest } = queue;
  const put = await call(server, 'PUT', '/api/queues/billing', { ...rest, businessHours: alwaysOpen }, { 'if-match': res.headers.get('etag')! });
  expect(put.status).toBe(200);
}

/** A batch of changes to calls in progress is written within 50 ms; this leaves room for a slow disk. */
const saved = () => new Promise((resolve) => setTimeout(resolve, 400));

describe('restarts do not drop calls', () => {
  it('When Baton is killed (kill -9) mid-call and starts again, then the caller talking to the AI goes on where they were, and the caller waiting in the queue keeps their place and reaches the next agent who signs in', async () => {
    const first = await start();
    await openBillingQueue(first);
    expect((await call(first, 'POST', '/api/desk/agents/amara-okafor/status', { status: 'available' })).status).toBe(200);

    const talking = (await call(first, 'POST', '/api/calls', { flowId: 'billing-support', caller: { name: 'Ada' } })).body.callId as string;
    const balance = await call(first, 'POST', `/api/calls/${talking}/turns`, { text: 'what is my balance' });
    expect(said(balance.body)).toEqual(['Sure. What is your 8 digit account number?']);

    const waiting = (await call(first, 'POST', '/api/calls', { flowId: 'billing-support', caller: { name: 'Ben' } })).body.callId as string;
    const handedOver = await call(first, 'POST', `/api/calls/${waiting}/turns`, { text: 'let me talk to a real person' });
    expect(handedOver.body.state.status).toBe('queued');
    await saved();
    await first.crash();

    const second = await start();
    // The log line may reach the output a moment after the "listening" line (the logger writes asynchronously).
    await expect.poll(() => second.output()).toMatch(/"resumed":2/);
    // The AI call: the account number it asked for before the crash is taken now, and the transcript is whole.
    const account = await call(second, 'POST', `/api/calls/${talking}/turns`, { text: '12345678' });
    expect(account.status).toBe(200);
    expect(account.body.state.status).toBe('ai');
    const record = (await call(second, 'GET', `/api/calls/${talking}`)).body;
    expect(record.slots).toMatchObject({ account_number: '12345678' });
    expect(record.transcript.filter((t: Json) => t.from === 'caller').map((t: Json) => t.text)).toEqual(['what is my balance', '12345678']);

    // The waiting call: still queued, and offered to Amara as soon as she is available again.
    expect((await call(second, 'GET', `/api/calls/${waiting}`)).body.state.status).toBe('queued');
    await call(second, 'POST', '/api/desk/agents/amara-okafor/status', { status: 'available' });
    let offers: Json[] = [];
    for (let i = 0; i < 40 && offers.length === 0; i++) {
      offers = (await call(second, 'GET', '/api/desk/agents/amara-okafor/state')).body.offers;
      if (offers.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(offers).toEqual([expect.objectContaining({ callId: waiting })]);
    const accepted = await call(second, 'POST', `/api/desk/offers/${encodeURIComponent(offers[0].offerId)}/accept`);
    expect(accepted.body).toMatchObject({ status: 'connected', callId: waiting });

    // Both calls end as calls do: the caller hangs up.
    for (const id of [talking, waiting]) expect((await call(second, 'POST', `/api/calls/${id}/turns`, { hangup: true })).body.state.status).toBe('ended');
  });

  it('When Baton is restarted while an agent talks to a caller, then the agents are still signed in as they were and the caller is still with their agent, who can go on talking', async () => {
    const first = await start();
    await openBillingQueue(first);
    for (const agentId of ['amara-okafor', 'ben-hughes']) expect((await call(first, 'POST', `/api/desk/agents/${agentId}/status`, { status: 'available' })).status).toBe(200);
    const callId = (await call(first, 'POST', '/api/calls', { flowId: 'billing-support', caller: { name: 'Ada' } })).body.callId as string;
    expect((await call(first, 'POST', `/api/calls/${callId}/turns`, { text: 'let me talk to a real person' })).body.state.status).toBe('queued');
    let offer: Json | undefined;
    let agentId = '';
    for (let i = 0; i < 40 && !offer; i++) {
      for (const id of ['amara-okafor', 'ben-hughes']) {
        const offered = (await call(first, 'GET', `/api/desk/agents/${id}/state`)).body.offers[0] as Json | undefined;
        if (offered && !offer) [offer, agentId] = [offered, id];
      }
      if (!offer) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect((await call(first, 'POST', `/api/desk/offers/${encodeURIComponent(offer!.offerId)}/accept`)).body).toMatchObject({ status: 'connected', callId });
    const other = agentId === 'amara-okafor' ? 'ben-hughes' : 'amara-okafor';
    await first.stop();

    const second = await start();
    expect((await call(second, 'GET', `/api/calls/${callId}`)).body.state.status).toBe('agent');
    expect((await call(second, 'GET', `/api/desk/agents/${agentId}/state`)).body).toMatchObject({ status: 'busy', calls: [expect.objectContaining({ callId })] });
    expect((await call(second, 'GET', `/api/desk/agents/${other}/state`)).body).toMatchObject({ status: 'available', calls: [], offers: [] });
    expect((await call(second, 'POST', `/api/desk/calls/${callId}/messages`, { agentId, text: 'Sorry, we had a blip. Where were we?' })).status).toBe(201);
    expect((await call(second, 'POST', `/api/calls/${callId}/turns`, { hangup: true })).body.state.status).toBe('ended');
    expect((await call(second, 'POST', `/api/desk/calls/${callId}/wrap-up`, { agentId, disposition: 'resolved', note: 'Done.', hadToAskAgain: false })).status).toBe(201);
  });

  it('When Baton is stopped (SIGTERM) and started again, then a call over the WebSocket API is taken up again by its id and goes on', async () => {
    const first = await start();
    const socket = new WebSocket(`${first.url.replace('http', 'ws')}/api/calls/ws`, { headers: authHeaders(first.url) });
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    const messages: Json[] = [];
    socket.on('message', (data) => messages.push(JSON.parse(data.toString()) as Json));
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    socket.send(JSON.stringify({ type: 'start', flowId: 'billing-support', caller: { name: 'Ada' } }));
    socket.send(JSON.stringify({ type: 'turn', text: 'what is my balance', turnId: 'turn-1' }));
    while (messages.filter((m) => m.type === 'step').length < 1) await new Promise((resolve) => setTimeout(resolve, 20));
    const callId = messages[0].callId as string;

    // Stopping asks the client to reconnect (1012, service restart) rather than cutting it off.
    const stopping = running.pop()!.stop();
    expect(await closed).toBe(1012);
    await stopping;

    const second = await start();
    const again = new WebSocket(`${second.url.replace('http', 'ws')}/api/calls/ws`, { headers: authHeaders(second.url) });
    const answers: Json[] = [];
    again.on('message', (data) => answers.push(JSON.parse(data.toString()) as Json));
    await new Promise((resolve, reject) => again.once('open', resolve).once('error', reject));
    again.send(JSON.stringify({ type: 'resume', callId }));
    // The turn sent before the stop, sent again with its id, is not taken twice: its first answer comes back.
    again.send(JSON.stringify({ type: 'turn', text: 'what is my balance', turnId: 'turn-1' }));
    again.send(JSON.stringify({ type: 'turn', text: '12345678' }));
    while (answers.length < 3) await new Promise((resolve) => setTimeout(resolve, 20));
    again.close();
    expect(answers[0]).toMatchObject({ type: 'resumed', callId, state: { nodeId: 'ask_account', status: 'ai' } });
    expect(said(answers[1])).toEqual(['Sure. What is your 8 digit account number?']);
    expect(answers[2].type).toBe('step');
    const record = (await call(second, 'GET', `/api/calls/${callId}`)).body;
    expect(record.transcript.filter((t: Json) => t.from === 'caller').map((t: Json) => t.text)).toEqual(['what is my balance', '12345678']);
    expect(record.slots).toMatchObject({ account_number: '12345678' });
    // The caller hangs up: the call ends, and no longer waits to be resumed.
    expect((await call(second, 'POST', `/api/calls/${callId}/turns`, { hangup: true })).body.state.status).toBe('ended');
  });

  it('When Baton is killed (kill -9) during a phone call through Twilio, then the caller\'s next words are answered by the restarted server, the media stream starts again, and their hang-up ends the call', async () => {
    const TOKEN = 'test-auth-token-0123456789abcdef';
    const env = { TWILIO_AUTH_TOKEN: TOKEN, BATON_PUBLIC_URL: 'https://baton.example.com' };
    const first = await start(env);
    expect((await call(first, 'PUT', `/api/numbers/${encodeURIComponent('+442071234567')}`, { flowId: 'billing-support' })).status).toBe(201);
    const caller = new TwilioTestCaller(first.url, TOKEN, '+447700900123', '+442071234567', 'https://baton.example.com');
    const greeting = await caller.dial();
    expect(greeting.twiml.stream).toBeDefined();
    const balance = await caller.answer(greeting.twiml.gather!.action, { speech: 'what is my balance' });
    expect(balance.twiml.says).toEqual(['Sure. What is your 8 digit account number?']);
    await saved();
    await first.crash();

    const second = await start(env);
    const again = caller.through(second.url);
    const account = await again.answer(balance.twiml.gather!.action, { digits: '12345678' });
    expect(account.status).toBe(200);
    expect(account.twiml.hangup).toBe(false);
    expect(account.twiml.says.join(' ')).not.toMatch(/something went wrong|lost/i);
    expect(account.twiml.stream).toEqual({ url: 'wss://baton.example.com/twilio/media', callSid: caller.callSid, token: expect.any(String) });
    expect(account.twiml.gather).toBeDefined();

    const callId = (await readFile(path.join(dataDir!, 'live-calls.jsonl'), 'utf8')).split('\n').find((l) => l.includes(caller.callSid))!.match(/"callId":"([^"]+)"/)![1];
    expect((await again.hangUp()).status).toBe(204);
    const record = (await call(second, 'GET', `/api/calls/${callId}`)).body;
    expect(record.state.status).toBe('ended');
    expect(record.slots).toMatchObject({ account_number: '12345678' });
  });
});
