import { describe, expect, it } from 'vitest';
import { compileFlow, type CallAction } from '@baton/shared';
import { smallFlow } from '../../../shared/src/testing/smallFlow.ts';
import { createSession, type CallSession } from '../engine/CallSession.ts';
import { prepareFlow } from '../engine/RuntimeFlow.ts';
import { step, type StepEvent } from '../engine/step.ts';
import { NlpjsNlu } from '../nlu/NlpjsNlu.ts';

const nlu = new NlpjsNlu();
const generative = { enabled: true, instructions: 'Answer billing questions.', knowledge: 'Bills go out on the 1st.', neverHandle: ['legal advice'] };

/** The small flow with its AI step answering generatively; `sensitiveWatchesMain: false` scopes its sensitive-matters trigger to another step. */
function flowWith({ enabled = true, sensitiveWatchesMain = true } = {}) {
  const f = smallFlow();
  const main = f.nodes.find((n) => n.id === 'main')!;
  main.data = { ...main.data, generative: { ...generative, enabled } };
  const sensitive = f.nodes.find((n) => n.id === 'sensitive')!;
  sensitive.data = { ...sensitive.data, priority: 40, ...(sensitiveWatchesMain ? {} : { scope: { mode: 'nodes', nodeIds: ['say_balance'] } }) };
  const { compiled, issues } = compileFlow(f);
  if (!compiled) throw new Error(JSON.stringify(issues));
  return prepareFlow(compiled, 'draft', nlu);
}

const at = (n: number) => new Date(Date.UTC(2026, 0, 5, 10, 0, n)).toISOString();

function play(flow: ReturnType<typeof flowWith>, events: StepEvent[]) {
  let session: CallSession = createSession({ callId: 'c1', flowId: 'small', flowVersion: 'draft', startNodeId: 'start', at: at(0) });
  const actions: CallAction[] = [];
  let handoff;
  for (const event of [{ type: 'start', at: at(0) } as StepEvent, ...events]) {
    const result = step(flow, session, event);
    session = result.session;
    actions.push(...result.actions);
    handoff = result.handoff ?? handoff;
  }
  return { session, actions, handoff, said: actions.flatMap((a) => (a.type === 'say' ? [a.text] : [])) };
}

const utterance = (text: string, generated?: { reply: string; intent?: string; neverHandleTopic?: string }): StepEvent => ({ type: 'utterance', at: at(5), text, generated });

describe('a generative AI step', () => {
  it('When the model answers and the NLU found no intent, then its reply is said as a message and the step listens again', () => {
    const { session, actions, said } = play(flowWith(), [utterance('when do bills go out', { reply: 'Bills go out on the first of each month.' })]);
    expect(said.at(-1)).toBe('Bills go out on the first of each month.');
    expect(actions.slice(-2)).toEqual([
      { type: 'say', text: 'Bills go out on the first of each month.', purpose: 'message', nodeId: 'main' },
      { type: 'listen', nodeId: 'main' },
    ]);
    expect(session.nodeId).toBe('main');
    expect(session.noMatchStreak).toBe(0);
    expect(session.transcript.at(-1)).toMatchObject({ from: 'ai', text: 'Bills go out on the first of each month.', purpose: 'message' });
  });

  it('When the model names one of the step\'s intents the NLU did not recognise, then the call takes that intent\'s port', () => {
    const { session } = play(flowWith(), [utterance('hmm money left on it', { reply: '', intent: 'balance' })]);
    expect(session.path).toContain('say_balance');
    expect(session.stepsTried.toArray().map((t) => t.outcome)).toContain('the language model understood balance');
  });

  it('When the NLU recognises an intent confidently, then it wins over the model\'s words', () => {
    const { session, said } = play(flowWith(), [utterance('what is my balance', { reply: 'Something else entirely.' })]);
    expect(session.path).toContain('say_balance');
    expect(said).not.toContain('Something else entirely.');
  });

  it('When the model says the caller raised a never-handle topic, then the call is handed over as complex or sensitive through that kind of trigger', () => {
    const { session, handoff, actions } = play(flowWith(), [utterance('what does clause nine of my contract mean', { reply: 'A colleague will help with that.', neverHandleTopic: 'legal advice' })]);
    expect(handoff).toMatchObject({ category: 'complex_or_sensitive', signal: 'sensitive_topic', triggerId: 'sensitive' });
    expect(handoff?.explanation).toContain('legal advice');
    expect(session.status).toBe('queued');
    expect(actions.some((a) => a.type === 'transfer')).toBe(true);
  });

  it('When the flow\'s "complex or sensitive" trigger does not watch the step, then a never-handle topic hands off through the trigger that does', () => {
    const { handoff } = play(flowWith({ sensitiveWatchesMain: false }), [utterance('what does clause nine of my contract mean', { reply: '', neverHandleTopic: 'legal advice' })]);
    expect(handoff).toMatchObject({ category: 'complex_or_sensitive', signal: 'sensitive_topic', triggerId: 'person' });
  });

  it('When there is no answer from the model, then the step does exactly what it does without one', () => {
    const withModel = play(flowWith(), [utterance('blah blah nothing')]);
    const plain = play(flowWith({ enabled: false }), [utterance('blah blah nothing')]);
    expect(withModel.actions).toEqual(plain.actions);
    expect(withModel.session.path).toContain('sorry');
  });

  it('When the step is not generative, then a model answer on the event is ignored', () => {
    const { session, said } = play(flowWith({ enabled: false }), [utterance('blah blah nothing', { reply: 'Ignored.', neverHandleTopic: 'legal advice' })]);
    expect(said).not.toContain('Ignored.');
    expect(session.handoff).toBeNull();
    expect(session.path).toContain('sorry');
  });
});
