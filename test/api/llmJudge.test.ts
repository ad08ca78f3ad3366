import request from 'supertest';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { analyzeText } from '../../server/src/nlu/analyzeText.ts';
import { startFakeOpenAiServer, type ChatRequest, type FakeOpenAiServer } from '../../server/src/llm/fakeOpenAiServer.ts';
import { handWrittenOf, learnedSignalsOf, signalModel } from '../../server/src/signals/index.ts';
import { UNSURE_WITHIN } from '../../server/src/usecases/uncertainQuestions.ts';
import { readExample, seedOpenQueues, startTestServer } from './testServer.ts';

const isJudging = (r: ChatRequest) => r.messages[0]?.content.includes('judge only the caller') ?? false;
const judged = (answer: object) => (r: ChatRequest) => (isJudging(r) ? JSON.stringify(answer) : JSON.stringify({ reply: 'Sure.', intent: null, neverHandleTopic: null }));

/**
 * A turn the detectors are unsure asks for a person: under the threshold, within the unsure band. Chosen from a few
 * wordings by the shipped model itself, so a retrained model keeps the test meaningful (it fails if none fits).
 */
function unsureRequest(): string {
  const t = signalModel().thresholds.person;
  return wordingWhere(['I might need someone to look at this', 'I think a manager should see this', 'who else could I ask about this', 'someone who knows about billing maybe', 'could this go to your colleagues'], (s) => {
    const p = s.explicitRequest.probability;
    return p < t && t - p < UNSURE_WITHIN;
  });
}

/** Words the detectors read as possibly, not surely, a safety matter. */
const unsureDanger = () =>
  wordingWhere(["I just don't know how much longer I can keep going like this", "I don't know how much more of this I can take", "I'm so tired of all of it", "I can't keep going like this"], (s) => !s.safety.atRisk && s.safety.probability >= 0.05);

function wordingWhere(candidates: string[], fits: (signals: ReturnType<typeof learnedSignalsOf>) => boolean): string {
  const found = candidates.find((text) => {
    const analyzed = analyzeText(text);
    return fits(learnedSignalsOf(analyzed, handWrittenOf(analyzed)));
  });
  if (!found) throw new Error(`none of the candidate wordings fits with this model: add one (${candidates.join(' / ')})`);
  return found;
}

let fake: FakeOpenAiServer;
let server: Awaited<ReturnType<typeof startTestServer>> | null = null;
beforeAll(async () => {
  fake = await startFakeOpenAiServer();
});
afterAll(() => fake.stop());
beforeEach(() => {
  fake.mode = 'good';
  fake.requests.length = 0;
});
afterEach(async () => {
  await server?.stop();
  server = null;
});

const callWith = async (judge: boolean) => {
  server = await startTestServer(seedOpenQueues, { baseUrl: fake.baseUrl, model: 'tiny', timeoutMs: 800, judge });
  await request(server.url).post('/api/flows').send(await readExample('billing-support')).expect(201);
  return (await request(server.url).post('/api/calls').send({ flowId: 'billing-support', version: 'draft' }).expect(201)).body.callId as string;
};
const say = (callId: string, text: string) => request(server!.url).post(`/api/calls/${callId}/turns`).send({ text }).expect(200);

describe('the language model as a judge of unsure turns', () => {
  it('When the detectors are unsure a caller asks for a person and the judge says they do, then the call goes to a person, saying the model judged it', async () => {
    fake.answer = judged({ person: true, topic: null, frustrated: false, inDanger: false });
    const callId = await callWith(true);
    const turn = (await say(callId, unsureRequest())).body;
    expect(turn.handoff).toMatchObject({ category: 'explicit_request', signal: 'explicit_request' });
    expect(turn.handoff.explanation).toMatch(/as the language model judged; the detectors were \d+% sure/);
    const asked = fake.requests.find(isJudging)!;
    expect(asked.messages[0].content).toContain('"person"');
    expect(asked.messages.at(-1)).toMatchObject({ role: 'user' });
  });

  it('When the judge answers with something other than the JSON asked for, or too late, then the detectors decide: no handoff', async () => {
    fake.answer = () => 'Yes, I think they want a person.';
    const callId = await callWith(true);
    const first = (await say(callId, unsureRequest())).body;
    expect(first.handoff).toBeUndefined();
    expect(first.state.status).toBe('ai');
    fake.mode = 'slow';
    fake.slowMs = 2000;
    const another = (await request(server!.url).post('/api/calls').send({ flowId: 'billing-support', version: 'draft' }).expect(201)).body.callId as string;
    const started = Date.now();
    const late = (await say(another, unsureRequest())).body;
    expect(late.handoff).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1900);
  });

  it('When the judge is not switched on, then no turn waits for it and it is never asked', async () => {
    fake.answer = judged({ person: true, topic: null, frustrated: false, inDanger: false });
    const callId = await callWith(false);
    const turn = (await say(callId, unsureRequest())).body;
    expect(turn.handoff).toBeUndefined();
    expect(fake.requests.filter(isJudging)).toEqual([]);
  });

  it('When the judge says a caller may be in danger, then a person takes over at once as a safety matter', async () => {
    fake.answer = judged({ person: false, topic: null, frustrated: false, inDanger: true });
    const callId = await callWith(true);
    const turn = (await say(callId, unsureDanger())).body;
    expect(turn.handoff).toMatchObject({ category: 'complex_or_sensitive', signal: 'safety' });
    expect(turn.handoff.explanation).toMatch(/as the language model judged/);
  });
});
