import { describe, expect, it } from 'vitest';
import { compileFlow } from '../compiler/compileFlow.ts';
import { smallFlow } from '../testing/smallFlow.ts';
import { surveyScoreOf } from './survey.ts';

describe('survey scores', () => {
  it.each([
    ['5', 5],
    ['four', 4],
    ["I'd say 3 out of 5", 3],
    ['a one', 1],
    ['Five, thanks!', 5],
    ['four out of five', 4],
  ])('When the caller answers "%s", then the score is %d', (answer, score) => expect(surveyScoreOf(answer)).toBe(score));

  it.each(['', 'what?', '0', '6', '45', 'three or four', 'ten out of ten'])('When the caller answers "%s", then there is no score rather than a guess', (answer) =>
    expect(surveyScoreOf(answer)).toBeNull(),
  );
});

describe('survey in a flow', () => {
  it('When a survey has an output not connected, then the linter says where calls would be stuck; connected, the loop back through it is allowed', () => {
    const flow = smallFlow();
    flow.nodes.push({ id: 'survey', kind: 'survey', position: { x: 0, y: 0 }, data: { question: 'How did we do?' } });
    flow.edges = flow.edges.filter((e) => e.id !== 'say_balance-next');
    flow.edges.push({ id: 'say_balance-next', source: 'say_balance', sourcePort: 'next', target: 'survey' }, { id: 'survey-answered', source: 'survey', sourcePort: 'answered', target: 'bye' });
    const open = compileFlow(flow).issues.filter((i) => i.nodeId === 'survey');
    expect(open).toEqual([expect.objectContaining({ code: 'dead_end', field: 'ports.no_answer', message: expect.stringContaining('"no answer"') })]);
    // A survey waits for the caller, so a loop through it is no endless loop.
    flow.edges.push({ id: 'survey-no_answer', source: 'survey', sourcePort: 'no_answer', target: 'say_balance' });
    expect(compileFlow(flow).issues.filter((i) => i.severity === 'error')).toEqual([]);
  });
});
