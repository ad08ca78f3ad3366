import request from 'supertest';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultAnswer, startFakeOpenAiServer, type FakeOpenAiServer } from '../../server/src/llm/fakeOpenAiServer.ts';
import { openEventStream } from './eventStream.ts';
import { readExample, seedOpenQueues, startTestServer } from './testServer.ts';

const TIMEOUT_MS = 1000;
const BRIEFING = 'Wants to know about opening hours.\nNothing collected.\nAsked for a person.';

let fake: FakeOpenAiServer;
let server: Awaited<ReturnType<typeof startTestServer>>;
const streams: AbortController[] = [];

beforeAll(async () => {
  fake = await startFakeOpenAiServer();
});
afterAll(() => fake.stop());
beforeEach(async () => {
  fake.mode = 'good';
  fake.answer = defaultAnswer;
  fake.requests.length = 0;
  server = await startTestServer(seedOpenQueues, { baseUrl: fake.baseUrl, model: 'tiny', timeoutMs: TIMEOUT_MS });
  // The billing flow with its first AI step answering in its own words.
  const flow = await readExample('billing-support');
  const main = flow.nodes.find((n: { id: string }) => n.id === 'main');
  main.data.generative = { enabled: true, instructions: 'Answer questions about Northwind Energy bills.', knowledge: 'Open 9 to 5 on weekdays.', neverHandle: ['legal advice'] };
  await request(server.url).post('/api/flows').send(flow).expect(201);
});
afterEach(async () => {
  for (const s of streams.splice(0)) s.abort();
  await server.stop();
});

const api = () => request(server.url);
const startCall = async () => (await api().post('/api/calls').send({ flowId: 'billing-support', version: 'draft', caller: { name: 'Ada' } }).expect(201)).body.callId as string;
const say = (callId: string, text: string) => api().post(`/api/calls/${callId}/turns`).send({ text }).expect(200);
const said = (body: { actions: Array<{ type: string; text?: string; purpose?: string }> }) => body.actions.flatMap((a) => (a.type === 'say' ? [a.text] : []));

describe('An optional language model', () => {
  it('When the caller asks something the intents do not cover, then the model\'s answer is spoken and the AI step listens again', async () => {
    const callId = await startCall();
    const turn = (await say(callId, 'when are your offices open')).body;
    expect(turn.actions).toEqual([
      { type: 'say', text: 'We are open from nine to five on weekdays.', purpose: 'message', nodeId: 'main' },
      { type: 'listen', nodeId: 'main' },
    ]);
    expect(turn.state).toEqual({ nodeId: 'main', status: 'ai' });
    expect(fake.requests[0].messages[0].content).toContain('Open 9 to 5 on weekdays.');
    // Two answered questions in a row are not "the AI keeps not understanding".
    expect((await say(callId, 'and on saturdays')).body.state).toEqual({ nodeId: 'main', status: 'ai' });
  });

  it('When the caller raises a topic the step must never handle, then the call goes to a person with that reason', async () => {
    fake.answer = (r) => (r.response_format ? JSON.stringify({ reply: 'A colleague will help with that.', intent: null, neverHandleTopic: 'legal advice' }) : defaultAnswer(r));
    const callId = await startCall();
    const turn = (await say(callId, 'what does clause nine of my contract mean')).body;
    expect(turn.handoff).toMatchObject({ category: 'complex_or_sensitive', signal: 'sensitive_topic', triggerId: 'trigger_sensitive' });
    expect(turn.handoff.explanation).toContain('legal advice');
    expect(turn.actions.find((a: { purpose?: string }) => a.purpose === 'transparency')).toBeDefined();
    expect(turn.actions.find((a: { type: string }) => a.type === 'transfer')).toMatchObject({ queue: 'care', packet: { reason: { category: 'complex_or_sensitive' } } });
    // No agent for that queue: the call-back offer follows, and the briefing kept for the call back has the model's summary.
    await expect.poll(async () => (await api().get(`/api/calls/${callId}`)).body.handoff.packet.summary).toBe(BRIEFING);
  });

  it('When the model is slower than the timeout, then the turn comes back within the timeout with the embedded NLU\'s answer', async () => {
    fake.mode = 'slow';
    const callId = await startCall();
    let started = Date.now();
    const understood = (await say(callId, 'what is my balance')).body;
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 500);
    expect(understood.state.nodeId).toBe('ask_account');

    const other = await startCall();
    started = Date.now();
    const unclear = (await say(other, 'when are your offices open')).body;
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 500);
    expect(said(unclear)[0]).toMatch(/^Sorry, I didn't catch that/);
  });

  it('When the model fails or answers something malformed, then the call goes on as without a model', async () => {
    for (const mode of ['error', 'malformed'] as const) {
      fake.mode = mode;
      const callId = await startCall();
      expect(said((await say(callId, 'when are your offices open')).body)[0]).toMatch(/^Sorry, I didn't catch that/);
    }
  });

  it('When the call is handed to a person, then the briefing the agent is offered carries the model\'s summary', async () => {
    await api().post('/api/desk/agents/amara-okafor/status').send({ status: 'available' }).expect(200);
    const desk = await openEventStream(`${server.url}/api/desk/agents/amara-okafor/events`, streams);
    const callId = await startCall();
    const turn = (await say(callId, 'let me talk to a real person')).body;
    expect(turn.state.status).toBe('queued');
    const offer = (await desk.next('offer_made')).data;
    expect(offer.packet.summary).toBe(BRIEFING);
    // The request for a person fires a trigger by itself: the model is asked only for the summary.
    expect(fake.requests).toHaveLength(1);
    expect((await api().get(`/api/calls/${callId}`)).body.handoff.packet.summary).toBe(BRIEFING);
  });

  it('When the summary cannot be made in time, then the agent still gets the call with the extractive summary', async () => {
    fake.mode = 'slow';
    await api().post('/api/desk/agents/amara-okafor/status').send({ status: 'available' }).expect(200);
    const desk = await openEventStream(`${server.url}/api/desk/agents/amara-okafor/events`, streams);
    const callId = await startCall();
    await say(callId, 'let me talk to a real person');
    const offer = (await desk.next('offer_made', TIMEOUT_MS + 3000)).data;
    expect(offer.packet.summary).toMatch(/^Caller said: "let me talk to a real person"/);
  });
});
