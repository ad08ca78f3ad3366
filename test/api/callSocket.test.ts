import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { authHeaders } from '../../server/src/testing/credentials.ts';
import { openEventStream } from './eventStream.ts';
import { readExample, seedOpenQueues, startTestServer } from './testServer.ts';

type Message = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let server: Awaited<ReturnType<typeof startTestServer>>;
const sockets: WebSocket[] = [];
const streams: AbortController[] = [];
beforeEach(async () => {
  server = await startTestServer(seedOpenQueues);
  await request(server.url).post('/api/flows').send(await readExample('billing-support')).expect(201);
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.terminate();
  for (const s of streams.splice(0)) s.abort();
  await server.stop();
});

/** A socket on the call API; `next` waits for the first message of a type not yet taken. */
async function connect() {
  const socket = new WebSocket(`${server.url.replace('http', 'ws')}/api/calls/ws`, { headers: authHeaders(server.url) });
  sockets.push(socket);
  const messages: Message[] = [];
  const waiters: Array<() => void> = [];
  socket.on('message', (data) => {
    messages.push(JSON.parse(data.toString()));
    for (const wake of waiters.splice(0)) wake();
  });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const taken = new Set<Message>();
  async function next(type: string, withinMs = 4000): Promise<Message> {
    const deadline = Date.now() + withinMs;
    for (;;) {
      const found = messages.find((m) => m.type === type && !taken.has(m));
      if (found) {
        taken.add(found);
        return found;
      }
      if (Date.now() > deadline) throw new Error(`no "${type}" message within ${withinMs} ms; got ${JSON.stringify(messages)}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }
  return { socket, messages, next, send: (message: unknown) => socket.send(typeof message === 'string' ? message : JSON.stringify(message)) };
}

const said = (m: Message) => (m.actions as Array<{ type: string; text?: string }>).flatMap((a) => (a.type === 'say' ? [a.text] : []));

describe('The call API over a WebSocket', () => {
  it('When a call is started and the caller speaks, then the socket answers with the same actions and state as the HTTP API, in order', async () => {
    const ws = await connect();
    ws.send({ type: 'start', flowId: 'billing-support', version: 'draft', caller: { name: 'Ada' }, id: 1 });
    ws.send({ type: 'turn', text: 'what is my balance', id: 2 });
    ws.send({ type: 'turn', dtmf: '12345678', id: 3 });
    const started = await ws.next('started');
    expect(started).toMatchObject({ id: 1, flow: { id: 'billing-support', version: 'draft' }, state: { nodeId: 'main', status: 'ai' } });
    expect(said(started)[0]).toMatch(/Thanks for calling Northwind Energy billing/);
    const balance = await ws.next('step');
    expect(balance).toMatchObject({ id: 2, state: { nodeId: 'ask_account', status: 'ai' } });
    expect(said(balance)).toEqual(['Sure. What is your 8 digit account number?']);
    expect(await ws.next('step')).toMatchObject({ id: 3 });
    const call = (await request(server.url).get(`/api/calls/${started.callId}`)).body;
    expect(call.slots).toMatchObject({ account_number: '12345678' });
  });

  it('When the caller asks for a person and the agent accepts, then the handoff comes with the step and the agent\'s words arrive as updates', async () => {
    await request(server.url).post('/api/desk/agents/amara-okafor/status').send({ status: 'available' }).expect(200);
    const desk = await openEventStream(`${server.url}/api/desk/agents/amara-okafor/events`, streams);
    const ws = await connect();
    ws.send({ type: 'start', flowId: 'billing-support', version: 'draft', caller: { name: 'Ada' } });
    const { callId } = await ws.next('started');
    ws.send({ type: 'turn', text: 'let me talk to a real person' });
    const handedOver = await ws.next('step');
    expect(handedOver.handoff).toMatchObject({ category: 'explicit_request' });
    expect(handedOver.state.status).toBe('queued');
    const offer = (await desk.next('offer_made')).data;
    await request(server.url).post(`/api/desk/offers/${encodeURIComponent(offer.offerId)}/accept`).expect(200);
    const through = await ws.next('update');
    expect(said(through)).toEqual(["You're through to Amara, who has the details of your call."]);
    await request(server.url).post(`/api/desk/calls/${callId}/messages`).send({ agentId: 'amara-okafor', text: 'Hi Ada, how can I help?' }).expect(201);
    expect(said(await ws.next('update'))).toEqual(['Hi Ada, how can I help?']);
  });

  it('When the agent hangs up from the desk, then the socket gets goodbye and a hang-up, and a later turn says the call ended', async () => {
    await request(server.url).post('/api/desk/agents/amara-okafor/status').send({ status: 'available' }).expect(200);
    const desk = await openEventStream(`${server.url}/api/desk/agents/amara-okafor/events`, streams);
    const ws = await connect();
    ws.send({ type: 'start', flowId: 'billing-support', version: 'draft' });
    const { callId } = await ws.next('started');
    ws.send({ type: 'turn', text: 'let me talk to a real person' });
    await ws.next('step');
    await request(server.url).post(`/api/desk/offers/${encodeURIComponent((await desk.next('offer_made')).data.offerId)}/accept`).expect(200);
    await ws.next('update');
    await request(server.url).post(`/api/desk/calls/${callId}/hang-up`).send({ agentId: 'amara-okafor' }).expect(200);
    const goodbye = await ws.next('update');
    expect(goodbye.actions.map((a: { type: string }) => a.type)).toEqual(['say', 'hangup']);
    expect(said(goodbye)).toEqual(['Thanks for calling. Goodbye.']);
    expect(goodbye.state.status).toBe('ended');
    ws.send({ type: 'turn', text: 'hello?', id: 9 });
    expect(await ws.next('error')).toMatchObject({ id: 9, error: { code: 'call_ended' } });
  });

  it('When a message is bad, then the socket says why and stays open', async () => {
    const ws = await connect();
    ws.send('not json');
    expect((await ws.next('error')).error.code).toBe('invalid_json');
    ws.send({ type: 'turn', text: 'hello', id: 'a' });
    expect(await ws.next('error')).toMatchObject({ id: 'a', error: { code: 'no_call' } });
    ws.send({ type: 'dance' });
    expect((await ws.next('error')).error.code).toBe('invalid_message');
    ws.send({ type: 'start', flowId: 'nope' });
    expect((await ws.next('error')).error.code).toBe('not_found');
    ws.send({ type: 'start', flowId: 'billing-support', version: 'draft' });
    await ws.next('started');
    ws.send({ type: 'turn', text: 'hi', dtmf: '1' });
    expect((await ws.next('error')).error).toMatchObject({ code: 'invalid_body', message: expect.stringMatching(/exactly one of/) });
    ws.send({ type: 'start', flowId: 'billing-support' });
    expect((await ws.next('error')).error.code).toBe('call_already_started');
    expect(ws.socket.readyState).toBe(WebSocket.OPEN);
  });

  it('When a client floods the socket without waiting for answers, then past 32 waiting messages it is closed with 1008 saying why, and nothing after that is read or answered', async () => {
    const ws = await connect();
    const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    // The call is still being prepared while the rest arrive, so they all wait for answers at once.
    ws.send({ type: 'start', flowId: 'billing-support', version: 'draft', id: 'start' });
    for (let i = 0; i < 40; i++) ws.send({ type: 'turn', text: 'what is my balance', id: i });
    const large = JSON.stringify({ type: 'turn', text: 'what is my balance', padding: Array.from({ length: 20_000 }, (_, i) => i) });
    for (let i = 0; i < 100; i++) ws.socket.send(large);

    expect(await closed).toEqual({ code: 1008, reason: expect.stringMatching(/at most 32 may wait for answers/) });
    const answered = ws.messages.filter((m) => m.type !== 'update');
    expect(answered.map((m) => m.id)).toEqual(['start', ...Array.from({ length: 31 }, (_, i) => i)].slice(0, answered.length));
    expect(answered.length).toBeLessThanOrEqual(32);
  });

  it('When the socket closes, then the call goes on and can be continued over HTTP', async () => {
    const ws = await connect();
    ws.send({ type: 'start', flowId: 'billing-support', version: 'draft' });
    const { callId } = await ws.next('started');
    await new Promise((resolve) => ws.socket.once('close', resolve).close());
    const turn = await request(server.url).post(`/api/calls/${callId}/turns`).send({ text: 'what is my balance' }).expect(200);
    expect(turn.body.state).toEqual({ nodeId: 'ask_account', status: 'ai' });
  });
});
