import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileFlow, type ConversationTest } from '@baton/shared';
import { runConversation } from '../conversations/runConversation.ts';
import { analyzeText } from '../nlu/analyzeText.ts';
import { NlpjsNlu } from '../nlu/NlpjsNlu.ts';
import { answersQuestion, keysAnswerQuestion } from './answersQuestion.ts';
import { prepareFlow } from './RuntimeFlow.ts';

const nlu = new NlpjsNlu();
const billingFile = path.resolve(import.meta.dirname, '../../../flows/billing-support.json');
const { compiled } = compileFlow(JSON.parse(readFileSync(billingFile, 'utf8')));
if (!compiled) throw new Error('the billing example does not compile');
const billing = prepareFlow(compiled, 'draft', nlu);

const play = (turns: ConversationTest['turns']) => runConversation(billing, { name: 'call', turns, expect: {} });
const call = (turns: ConversationTest['turns']) => play(turns).session;

/** Whether `text` is only an answer to a question asking for a value of `valueType`. */
function onlyAnswer(valueType: 'number' | 'amount' | 'date' | 'phone' | 'yes_no' | 'pattern' | 'free_text', text: string, pattern = ''): boolean {
  const types = valueType === 'yes_no' || valueType === 'pattern' || valueType === 'free_text' ? [] : [valueType];
  return answersQuestion({ valueType, pattern }, text, nlu.extractEntities(text, types, new Date('2026-01-05T10:00:00Z')), analyzeText(text).tokens);
}

describe('an answer to the question the step asked', () => {
  it('is the value with at most a few filler words around it', () => {
    expect(onlyAnswer('date', 'Twenty-third of April')).toBe(true);
    expect(onlyAnswer('date', "it's the 3rd of May please")).toBe(true);
    expect(onlyAnswer('number', 'six')).toBe(true);
    expect(onlyAnswer('number', 'about six months I think')).toBe(true);
    expect(onlyAnswer('amount', '£45.20')).toBe(true);
    expect(onlyAnswer('phone', "it's 07700 900123")).toBe(true);
    expect(onlyAnswer('yes_no', 'no')).toBe(true);
    expect(onlyAnswer('yes_no', "yeah that's right")).toBe(true);
    expect(onlyAnswer('pattern', 'it is 1234 5678', '########')).toBe(true);
  });

  it('is not a turn that says more than the value, nor one that does not give it', () => {
    expect(onlyAnswer('number', '12 months, and I want a manager')).toBe(false);
    expect(onlyAnswer('yes_no', 'no, get me a person')).toBe(false);
    expect(onlyAnswer('number', 'nothing, this is useless')).toBe(false);
    expect(onlyAnswer('pattern', 'I already gave you my number twice', '########')).toBe(false);
    expect(onlyAnswer('date', 'my husband died on the 3rd of May')).toBe(false);
    // Any words would answer a free-text question: none is only an answer.
    expect(onlyAnswer('free_text', 'fine')).toBe(false);
  });

  it('keyed in is digits the question takes; a lone 0 still asks for a person', () => {
    expect(keysAnswerQuestion({ valueType: 'pattern', pattern: '########' }, '10203040')).toBe(true);
    expect(keysAnswerQuestion({ valueType: 'pattern', pattern: '########' }, '102')).toBe(false);
    expect(keysAnswerQuestion({ valueType: 'number', pattern: '' }, '10')).toBe(true);
    expect(keysAnswerQuestion({ valueType: 'number', pattern: '' }, '0')).toBe(false);
    expect(keysAnswerQuestion({ valueType: 'free_text', pattern: '' }, '4021')).toBe(true);
    expect(keysAnswerQuestion({ valueType: 'phone', pattern: '' }, '07700900123')).toBe(true);
    expect(keysAnswerQuestion({ valueType: 'phone', pattern: '' }, '123')).toBe(false);
    // Yes or no is not taken from the keypad, so a key there is not an answer.
    expect(keysAnswerQuestion({ valueType: 'yes_no', pattern: '' }, '1')).toBe(false);
  });
});

describe('the billing example, when a caller answers its questions', () => {
  it('When the caller keys in an account number holding a 0, then it is taken as the account number, not as pressing 0 for a person', () => {
    const { session, heard } = play([{ text: 'what is my balance' }, { dtmf: '10203040' }]);
    expect(session.handoff).toBeNull();
    expect(session.slots.account_number).toBe('10203040');
    expect(heard.some((h) => h.text.startsWith("Thanks. I've sent"))).toBe(true);
  });

  it('When the caller presses 0 alone at the account number question, then the call goes to a person as asked', () => {
    const session = call([{ text: 'what is my balance' }, { dtmf: '0' }]);
    expect(session.handoff?.reason).toMatchObject({ category: 'explicit_request' });
  });

  it('When the caller answers "how many months?" with a number, then the plan goes on; when they ask for a person instead, then they are handed over', () => {
    const answered = call([{ text: 'can I set up a payment plan' }, { text: 'six' }]);
    expect(answered.handoff).toBeNull();
    expect(answered.slots).toMatchObject({ plan_months: 6 });
    const asked = call([{ text: 'can I set up a payment plan' }, { text: 'six, and let me talk to a real person' }]);
    expect(asked.handoff?.reason).toMatchObject({ category: 'explicit_request' });
  });

  it('When the caller, asked how many months, says they have taken forty of their tablets, then a person takes over for their safety', () => {
    const session = call([{ text: 'can I set up a payment plan' }, { text: "I've taken forty of my sertraline" }]);
    expect(session.handoff?.reason).toMatchObject({ category: 'complex_or_sensitive', signal: 'safety' });
  });
});
