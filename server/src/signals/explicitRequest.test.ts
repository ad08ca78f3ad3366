import { describe, expect, it } from 'vitest';
import { analyzeText } from '../nlu/analyzeText.ts';
import { explicitRequestOf } from './explicitRequest.ts';

const request = (text: string) => explicitRequestOf(analyzeText(text));

describe('explicitRequestOf', () => {
  it.each([
    'agent', 'agent!', 'an agent please', 'representative', 'real person', 'a human', 'human please',
    'talk to someone', 'speak to somebody', 'let me talk to a person', 'operator', 'customer service',
    'live agent', 'I want to speak to a manager', 'can I talk to a real person', 'get me a human',
    'put me through to someone', 'transfer me', "why can't I talk to an agent", 'is there a human I can talk to',
    "I'd like to speak with a representative please", 'No, I want an agent', "I don't mind talking to an agent",
    'no, put me through to someone', 'No, connect me to an agent', 'no, transfer me please', 'No, agent please', 'no - talk to a human',
  ])('When the caller says "%s", then a person is requested', (text) => {
    const r = request(text);
    expect(r.requested).toBe(true);
    expect(r.evidence).not.toBeNull();
  });

  it('When the caller asks with a verb, then the evidence is the asking phrase', () => {
    expect(request('Can I talk to a real person?')).toEqual({ requested: true, evidence: 'talk to a real person', negated: null });
  });

  it.each([
    ["I don't want an agent", 'not want an agent'],
    ['I do not need a person', 'not need a person'],
    ['no need for a human', 'no need for a human'],
    ['without talking to anyone', 'without talking to anyone'],
    ['never mind the agent', 'never mind the agent'],
    ["I'm not asking for a representative", 'not asking for a representative'],
    ["I don't think I need an agent", 'not think i need an agent'],
  ])('When the caller says "%s", then it is not a request and the negated phrase is reported', (text, negated) => {
    expect(request(text)).toEqual({ requested: false, evidence: null, negated });
  });

  it.each([
    'I want to check my balance', 'the agent told me last week it was fixed', 'my card was stolen',
    'I talked to an agent yesterday', 'my agent number is 5', 'I need someone to fix my boiler',
    "I'm a sales representative", 'can you tell me my balance', 'I want a refund', 'I spoke to someone last week',
    'transfer money to my savings', 'the person on the phone said my refund was coming', 'I have an agent number',
  ])('When the caller says "%s", then no person is requested', (text) => {
    expect(request(text)).toEqual({ requested: false, evidence: null, negated: null });
  });

  it.each(['no agent please', 'no need for a human', "no, I don't need an agent"])('When "no" belongs to the request ("%s"), then it is still negated', (text) => {
    expect(request(text).requested).toBe(false);
  });
});
