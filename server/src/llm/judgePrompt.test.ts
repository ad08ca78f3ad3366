import { describe, expect, it } from 'vitest';
import { judgeMessages, parseJudgement } from './judgePrompt.ts';

describe('the judge prompt', () => {
  it('When only some detectors are unsure, then only their questions are asked, about the caller\'s latest words', () => {
    const messages = judgeMessages([{ from: 'ai', text: 'How can I help?' }, { from: 'caller', text: 'could someone look at this' }], ['person', 'inDanger']);
    expect(messages[0].content).toContain('"person"');
    expect(messages[0].content).toContain('"inDanger"');
    expect(messages[0].content).not.toContain('"frustrated"');
    expect(messages.at(-1)).toEqual({ role: 'user', content: 'could someone look at this' });
  });

  it('When the answer is exactly the JSON asked for, then it is the judgement, even wrapped in a code fence', () => {
    expect(parseJudgement('```json\n{"person": true, "topic": "fraud"}\n```', ['person', 'topic'])).toEqual({ person: true, topic: 'fraud' });
    expect(parseJudgement('{"topic": null, "frustrated": false}', ['topic', 'frustrated'])).toEqual({ topic: null, frustrated: false });
  });

  it.each([
    ['prose', 'Yes, they want a person.'],
    ['a missing key', '{"person": true}'],
    ['a string for a yes/no', '{"person": "yes", "topic": null}'],
    ['a topic not in the list', '{"person": true, "topic": "weather"}'],
    ['an array', '[true, null]'],
  ])('When the answer is %s, then there is no judgement and the detectors decide', (_what, text) => {
    expect(parseJudgement(text, ['person', 'topic'])).toBeNull();
  });
});
