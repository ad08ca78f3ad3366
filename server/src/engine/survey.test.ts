import { describe, expect, it } from 'vitest';
import { compileFlow, type CallAction } from '@baton/shared';
import { smallFlow } from '../../../shared/src/testing/smallFlow.ts';
import { NlpjsNlu } from '../nlu/NlpjsNlu.ts';
import { createSession, type CallSession } from './CallSession.ts';
import { prepareFlow } from './RuntimeFlow.ts';
import { step, type StepEvent } from './step.ts';

/** The small flow with a survey between the balance and the goodbye, and a frustration trigger watching everywhere. */
function surveyFlow() {
  const flow = smallFlow();
  flow.nodes.push(
    { id: 'survey', kind: 'survey', position: { x: 0, y: 1200 }, data: { question: 'How did we do, from 1 to 5?' } },
    { id: 'no_score', kind: 'end', position: { x: 200, y: 1300 }, data: { message: 'No problem. Goodbye.' } },
    { id: 'fed_up', kind: 'trigger', position: { x: 400, y: 0 }, data: { label: 'Frustrated', category: 'frustration', detectors: [{ signal: 'negative_sentiment' }] } },
  );
  flow.edges = flow.edges.filter((e) => e.id !== 'say_balance-next');
  flow.edges.push(
    { id: 'say_balance-next', source: 'say_balance', sourcePort: 'next', target: 'survey' },
    { id: 'survey-answered', source: 'survey', sourcePort: 'answered', target: 'bye' },
    { id: 'survey-no_answer', source: 'survey', sourcePort: 'no_answer', target: 'no_score' },
    { id: 'fed_up-fired', source: 'fed_up', sourcePort: 'fired', target: 'tell' },
  );
  const compiled = compileFlow(flow);
  if (!compiled.compiled) throw new Error(JSON.stringify(compiled.issues));
  return prepareFlow(compiled.compiled, 'draft', new NlpjsNlu());
}

const flow = surveyFlow();
const at = (n: number) => new Date(Date.UTC(2026, 0, 5, 10, 0, n)).toISOString();

type CallerDid = { type: 'dtmf'; digits: string } | { type: 'utterance'; text: string } | { type: 'silence' };

function play(events: CallerDid[]) {
  let session: CallSession = createSession({ callId: 'c1', flowId: 'small', flowVersion: 'draft', startNodeId: 'start', at: at(0) });
  const actions: CallAction[] = [];
  const all = [{ type: 'start' }, { type: 'utterance', text: 'what is my balance' }, ...events] as StepEvent[];
  all.forEach((event, i) => {
    const result = step(flow, session, { ...event, at: at(i * 5) } as StepEvent);
    actions.push(...result.actions);
    session = result.session;
  });
  return { session, said: actions.flatMap((a) => (a.type === 'say' ? [a.text] : [])) };
}

describe('satisfaction survey', () => {
  it('When the caller presses 4, then the score is kept with the call and in slots.survey_score, and the call goes on by "answered"', () => {
    const { session, said } = play([{ type: 'dtmf', digits: '4' }]);
    expect(said).toContain('How did we do, from 1 to 5?');
    expect(session.survey).toEqual({ score: 4, at: at(10), nodeId: 'survey' });
    expect(session.slots.survey_score).toBe(4);
    expect(session).toMatchObject({ status: 'ended', nodeId: 'bye' });
    expect(said.slice(-2)).toEqual(['Thank you for telling us.', 'Goodbye.']);
  });

  it('When the caller says "one, that was awful", then it is taken as a score of 1, not as frustration to hand over', () => {
    const { session } = play([{ type: 'utterance', text: 'one, that was awful and useless' }]);
    expect(session.handoff).toBeNull();
    expect(session.survey?.score).toBe(1);
    expect(session.status).toBe('ended');
  });

  it('When the caller answers something else twice, then they are asked again once and the call goes on by "no answer" without a score', () => {
    const { session, said } = play([{ type: 'utterance', text: 'what?' }, { type: 'silence' }]);
    expect(said).toContain('Please press or say a number from 1 to 5.');
    expect(session.survey).toBeNull();
    expect(session.slots.survey_score).toBeUndefined();
    expect(session).toMatchObject({ status: 'ended', nodeId: 'no_score' });
  });

  it('When the caller asks for a person instead of scoring, then the flow\'s triggers still hear it', () => {
    const { session } = play([{ type: 'utterance', text: 'let me talk to a person' }]);
    expect(session.handoff?.reason).toMatchObject({ category: 'explicit_request' });
    expect(session.status).toBe('queued');
  });

  it('When a caller in danger gives a score, then they are still handed over at once as safety', () => {
    const { session } = play([{ type: 'utterance', text: "one. I don't want to be alive anymore" }]);
    expect(session.handoff?.reason).toMatchObject({ signal: 'safety' });
  });
});
