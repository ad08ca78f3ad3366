import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AiData, HandoffPacket } from '@baton/shared';
import { startFakeOpenAiServer, defaultAnswer, type FakeOpenAiServer } from './fakeOpenAiServer.ts';
import type { GenerativeStep } from './LanguageModel.ts';
import { OpenAiCompatibleModel } from './OpenAiCompatibleModel.ts';

const TIMEOUT_MS = 300;
const step: GenerativeStep = {
  label: 'Main menu',
  data: {
    label: 'Main menu',
    prompt: 'How can I help?',
    intents: [{ name: 'balance', examples: ['what is my balance'], reply: '', outOfScope: false }],
    entities: [],
    noMatchReply: '',
    generative: { enabled: true, instructions: 'Answer questions about opening hours.', knowledge: 'Open 9 to 5 on weekdays.', neverHandle: ['Legal advice'] },
  } satisfies AiData,
};
const conversation = [{ from: 'caller' as const, text: 'when are you open?' }];
const packet = {
  callId: 'c1',
  reason: { category: 'explicit_request', signal: 'explicit_request', triggerId: 't', explanation: 'The caller asked for a person.' },
  summary: 'extractive',
  intents: [],
  slots: {},
  transcript: [{ from: 'caller', text: 'a person please', at: '2026-01-05T10:00:00.000Z', nodeId: 'main' }],
  stepsTried: [],
} as unknown as HandoffPacket;

let fake: FakeOpenAiServer;
let failures: string[];
let model: OpenAiCompatibleModel;

beforeAll(async () => {
  fake = await startFakeOpenAiServer();
});
afterAll(() => fake.stop());
beforeEach(() => {
  fake.mode = 'good';
  fake.answer = defaultAnswer;
  fake.requests.length = 0;
  failures = [];
  model = new OpenAiCompatibleModel({ baseUrl: fake.baseUrl, model: 'tiny', timeoutMs: TIMEOUT_MS }, (_err, task) => failures.push(task));
});

describe('OpenAiCompatibleModel', () => {
  it('When the model answers the JSON asked for, then its reply comes back, and it was asked with the step\'s instructions, knowledge, intents and topics', async () => {
    expect(await model.generateReply(step, conversation)).toEqual({ reply: 'We are open from nine to five on weekdays.' });
    const request = fake.requests[0];
    expect(request.model).toBe('tiny');
    expect(request.response_format).toEqual({ type: 'json_object' });
    const system = request.messages[0].content;
    for (const part of ['Answer questions about opening hours.', 'Open 9 to 5 on weekdays.', '- balance', '"Legal advice"']) expect(system).toContain(part);
    expect(request.messages.at(-1)).toEqual({ role: 'user', content: 'when are you open?' });
  });

  it('When the model names one of the step\'s intents and a never-handle topic in other case, then both are kept as the step spells them', async () => {
    fake.answer = () => '```json\n{"reply": "", "intent": "Balance", "neverHandleTopic": "legal advice"}\n```';
    expect(await model.generateReply(step, conversation)).toEqual({ reply: '', intent: 'balance', neverHandleTopic: 'Legal advice' });
  });

  it('When the model names an intent or topic the step does not have, and says nothing, then there is no answer', async () => {
    fake.answer = () => JSON.stringify({ reply: '', intent: 'refund', neverHandleTopic: 'weather' });
    expect(await model.generateReply(step, conversation)).toBeNull();
  });

  it('When the model is slower than the timeout, then there is no answer, and it comes back soon after the timeout', async () => {
    fake.mode = 'slow';
    const started = Date.now();
    expect(await model.generateReply(step, conversation)).toBeNull();
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 500);
    expect(failures).toEqual(['reply']);
  });

  it('When the model server fails with a 500, then there is no answer and no retry', async () => {
    fake.mode = 'error';
    expect(await model.generateReply(step, conversation)).toBeNull();
    expect(fake.requests).toHaveLength(1);
    expect(failures).toEqual(['reply']);
  });

  it('When the model answers something that is not JSON, then it counts as no answer', async () => {
    fake.mode = 'malformed';
    expect(await model.generateReply(step, conversation)).toBeNull();
    expect(failures).toEqual(['reply']);
  });

  it('When a briefing is summarized, then the model\'s three lines come back without bullets', async () => {
    fake.answer = () => '- Wants a refund.\n- Account number collected.\n\n- Asked for a person.\n- An extra line.';
    expect(await model.summarize(packet)).toBe('Wants a refund.\nAccount number collected.\nAsked for a person.');
    expect(fake.requests[0].messages[1].content).toContain('The caller asked for a person.');
  });

  it('When the summary is too slow, then there is none (the extractive one stays)', async () => {
    fake.mode = 'slow';
    expect(await model.summarize(packet)).toBeNull();
  });
});
