import { describe, expect, it } from 'vitest';
import { analyzeText } from '../nlu/analyzeText.ts';
import { sentimentOf } from './sentiment.ts';

const sentiment = (text: string) => sentimentOf(analyzeText(text));

describe('sentimentOf', () => {
  it('When the caller complains, then sentiment is clearly negative with the words as evidence', () => {
    const s = sentiment('This is ridiculous, your service is useless');
    expect(s.value).toBeLessThan(-0.8);
    expect(s.evidence).toEqual([
      { words: 'ridiculous', weight: -3 },
      { words: 'useless', weight: -3 },
    ]);
  });

  it('When the caller is pleased, then sentiment is positive', () => {
    const s = sentiment("Thanks, that's perfect");
    expect(s.value).toBeGreaterThan(0.5);
    expect(s.evidence.map((e) => e.words)).toEqual(['thanks', 'perfect']);
  });

  it('When the caller makes an ordinary request, then sentiment is neutral', () => {
    for (const text of ['I want to check my balance', "I'd like to pay my bill please", 'Can you help me cancel my order']) {
      expect(sentiment(text)).toEqual({ value: 0, evidence: [] });
    }
  });

  it('When a positive word is negated, then sentiment is negative and the evidence names the negation', () => {
    const s = sentiment('this is not good');
    expect(s.value).toBeLessThan(-0.5);
    expect(s.evidence).toEqual([{ words: 'not good', weight: -3 }]);
    expect(sentiment("it wasn't helpful").value).toBeLessThan(0);
  });

  it('When a negative word is negated ("not bad"), then sentiment is not negative', () => {
    expect(sentiment('not bad at all').value).toBeGreaterThanOrEqual(0);
  });

  it('When the caller says "fed up" or calls it "a joke", then sentiment is negative', () => {
    expect(sentiment("I'm fed up").value).toBeLessThan(0);
    expect(sentiment('this is a joke').value).toBeLessThan(0);
  });

  it('When many strong words pile up, then the value stays within -1..1', () => {
    const bad = sentiment('terrible awful horrible useless disgusting ridiculous scam rubbish '.repeat(5));
    const good = sentiment('brilliant perfect amazing wonderful excellent '.repeat(5));
    expect(bad.value).toBeGreaterThanOrEqual(-1);
    expect(bad.value).toBeLessThan(-0.99);
    expect(good.value).toBeLessThanOrEqual(1);
    expect(good.value).toBeGreaterThan(0.99);
  });

  it('When there are no words, then sentiment is zero', () => {
    expect(sentiment('...')).toEqual({ value: 0, evidence: [] });
  });
});
