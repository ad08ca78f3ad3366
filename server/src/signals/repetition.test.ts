import { describe, expect, it } from 'vitest';
import { analyzeText } from '../nlu/analyzeText.ts';
import { contentOf, repetitionOf } from './repetition.ts';
import type { PastTurn } from './types.ts';

const said = (text: string) => {
  const analyzed = analyzeText(text);
  return { analyzed, content: contentOf(analyzed) };
};
const past = (text: string, intent: string | null = null, nodeId = 'n1'): PastTurn => ({ ...said(text), intent, nodeId, sentiment: 0, frustration: 0 });
const now = (text: string, intent: string | null = null, nodeId = 'n1') => ({ ...said(text), intent, nodeId });

describe('repetitionOf', () => {
  it('When the caller says exactly the same again, then it counts as same words', () => {
    const r = repetitionOf(now('My internet is down!'), [past('my internet is down'), past('yes')]);
    expect(r).toEqual({ repeats: 1, evidence: [{ turn: 0, text: 'my internet is down', how: 'same_words' }] });
  });

  it('When the caller rephrases an earlier turn, then it counts as rephrased', () => {
    const r = repetitionOf(now('the internet is still down, I told you'), [past('my internet is down')]);
    expect(r.evidence).toEqual([{ turn: 0, text: 'my internet is down', how: 'rephrased' }]);
  });

  it('When the same intent is recognised again at the same node, then it counts as same intent', () => {
    const r = repetitionOf(now('give me my money back', 'refund'), [past('I want a refund', 'refund')]);
    expect(r.evidence).toEqual([{ turn: 0, text: 'I want a refund', how: 'same_intent' }]);
  });

  it('When the same intent comes at another node, then it is progress and does not count', () => {
    expect(repetitionOf(now('give me my money back', 'refund', 'n2'), [past('I want a refund', 'refund', 'n1')]).repeats).toBe(0);
  });

  it('When the call went elsewhere and came back to ask for the same intent, then it is progress and does not count', () => {
    const history = [past('one more thing', 'more', 'anything_else'), past('what is my balance', 'balance', 'main'), past('12345678', null, 'ask')];
    expect(repetitionOf(now('actually yes', 'more', 'anything_else'), history).repeats).toBe(0);
  });

  it('When the intents differ and the words share little, then nothing counts', () => {
    const history = [past('what is my balance', 'balance'), past('I want a refund', 'refund')];
    expect(repetitionOf(now('can I set up a payment plan', 'payment_plan'), history)).toEqual({ repeats: 0, evidence: [] });
  });

  it('When turns hold no content words ("yes", "ok"), then they are not counted as repeats', () => {
    expect(repetitionOf(now('yes'), [past('yes'), past('ok')]).repeats).toBe(0);
    expect(repetitionOf(now('my internet is down'), [past('no'), past('ok')]).repeats).toBe(0);
  });

  it('When several earlier turns are repeated, then each is counted, oldest first', () => {
    const history = [past('my internet is down'), past('what is my balance'), past('internet down again')];
    const r = repetitionOf(now('my internet is down'), history);
    expect(r.repeats).toBe(2);
    expect(r.evidence.map((e) => [e.turn, e.how])).toEqual([[0, 'same_words'], [2, 'rephrased']]);
  });

  it('When a repeated turn lies more than ten turns back, then it is not looked at', () => {
    const history = [past('my internet is down'), ...Array.from({ length: 10 }, () => past('what is my balance'))];
    expect(repetitionOf(now('my internet is down'), history).repeats).toBe(0);
  });
});
