import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileFlow } from '@baton/shared';
import { smallFlow } from '../../../shared/src/testing/smallFlow.ts';
import { NlpjsNlu } from '../nlu/NlpjsNlu.ts';
import { createSession, type CallSession } from './CallSession.ts';
import { prepareFlow, type RuntimeFlow } from './RuntimeFlow.ts';
import { step } from './step.ts';
import { understandTurn } from './understandTurn.ts';

const nlu = new NlpjsNlu();
const at = (day: number) => new Date(Date.UTC(2026, 0, day, 10, 0, 0)).toISOString();
const heard = (flow: RuntimeFlow, session: CallSession, text: string, when: string) => understandTurn(flow, flow.steps.get(session.nodeId)!, session, text, when);
const callAt = (nodeId: string) => createSession({ callId: 'c1', flowId: 'f', flowVersion: 'draft', startNodeId: nodeId, at: at(5) });

describe('understandTurn with remembered words (simulated callers)', () => {
  it('When two callers say the same words at the same step, then the words are read once and both get the same intent and signals of the words', () => {
    const flow = prepareFlow(compileFlow(smallFlow()).compiled!, 'draft', nlu, { rememberWords: true });
    const plain = prepareFlow(compileFlow(smallFlow()).compiled!, 'draft', nlu);
    const first = heard(flow, callAt('main'), 'what is my balance, I want a real person', at(5));
    const second = heard(flow, callAt('main'), 'what is my balance, I want a real person', at(5));
    const unremembered = heard(plain, callAt('main'), 'what is my balance, I want a real person', at(5));
    expect(flow.words).toMatchObject({ hits: 1, misses: 1 });
    expect(second.signals).toEqual(first.signals);
    expect(second.signals).toEqual(unremembered.signals);
    expect(first.signals.intent).toBe('balance');
    expect(first.signals.explicitRequest.requested).toBe(true);
  });

  it('When a caller says the same words twice in one call, then the second turn still counts as a repeat: what depends on the call so far is never remembered', () => {
    const flow = prepareFlow(compileFlow(smallFlow()).compiled!, 'draft', nlu, { rememberWords: true });
    let session = step(flow, callAt('start'), { type: 'start', at: at(5) }).session;
    session = step(flow, session, { type: 'utterance', at: at(5), text: 'my bill looks strange' }).session;
    const again = heard(flow, session, 'my bill looks strange', at(5));
    expect(flow.words!.hits).toBe(1);
    expect(again.signals.repetition.repeats).toBe(1);
  });

  it('When the words name a day, then they are read again at another moment: "tomorrow" on the 5th is not "tomorrow" on the 9th', () => {
    const doc = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../flows/card-services.json'), 'utf8'));
    const flow = prepareFlow(compileFlow(doc).compiled!, 'draft', nlu, { rememberWords: true });
    const onThe5th = heard(flow, callAt('ask_dob'), 'tomorrow', at(5));
    const onThe9th = heard(flow, callAt('ask_dob'), 'tomorrow', at(9));
    expect(flow.words!.misses).toBe(2);
    expect(onThe5th.entities[0].value).not.toEqual(onThe9th.entities[0].value);
  });
});
