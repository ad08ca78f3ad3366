import { describe, expect, it } from 'vitest';
import type { IntentDefinition } from '@baton/shared';
import { NlpjsNlu } from './NlpjsNlu.ts';
import { analyzeText } from './analyzeText.ts';

const intent = (name: string, examples: string[]): IntentDefinition => ({ name, examples, reply: '', outOfScope: false });
const billing = [
  intent('balance', ['what is my balance', 'how much money do I have', 'check my balance', 'how much is in my account', 'tell me my account balance', 'what do I owe']),
  intent('refund', ['I want a refund', 'give me my money back', 'I was charged twice and want it refunded', 'can I get a refund', 'refund my payment', 'I need my money returned']),
  intent('payment_plan', ['can I pay in instalments', 'I need a payment plan', 'can I spread the cost', 'I cannot pay it all at once', 'set up a payment arrangement', 'pay monthly instead']),
];

describe('NlpjsNlu intent classification', () => {
  const classifier = new NlpjsNlu().train(billing);
  const classify = (text: string) => classifier.classify(analyzeText(text), 0.6);

  it.each([
    ["what's my balance please", 'balance'],
    ['how much do I have in my account', 'balance'],
    ["I'd like my money back", 'refund'],
    ['please refund me', 'refund'],
    ['could I pay monthly', 'payment_plan'],
    ['can I set up a plan to pay', 'payment_plan'],
  ])('When the caller says "%s", then the intent is %s', (text, expected) => {
    const result = classify(text);
    expect(result.intent).toBe(expected);
    expect(result.best).toBe(expected);
    expect(result.confidence).toBeGreaterThanOrEqual(0.6);
  });

  it.each(["what's the weather like", 'tell me a joke', 'hello', 'my dog ate my homework'])(
    'When the caller says something off-topic ("%s"), then no intent reaches the 0.6 threshold',
    (text) => {
      const result = classify(text);
      expect(result.intent).toBeNull();
      expect(result.confidence).toBeLessThan(0.6);
    },
  );

  it('When the best score is below the threshold, then the intent is null but best and confidence still report it', () => {
    const result = classifier.classify(analyzeText('could I pay monthly'), 0.999);
    expect(result.intent).toBeNull();
    expect(result.best).toBe('payment_plan');
    expect(result.confidence).toBeGreaterThan(0.6);
  });

  it('When classifying, then scores cover exactly the defined intents, never "None"', () => {
    expect(Object.keys(classify('check my balance').scores).sort()).toEqual(['balance', 'payment_plan', 'refund']);
  });

  it('When the same utterance is classified twice, then the scores are identical', () => {
    expect(classify('refund my payment please')).toEqual(classify('refund my payment please'));
  });

  it('When two models are trained on the same intents, then they score alike', () => {
    const other = new NlpjsNlu().train(billing);
    expect(other.classify(analyzeText('how much do I owe'), 0.6)).toEqual(classify('how much do I owe'));
  });

  it('When an example word is an Object.prototype name, then classification still works', () => {
    const odd = new NlpjsNlu().train([intent('constructor', ['call the constructor', 'the constructor is late']), intent('other', ['something else entirely'])]);
    expect(odd.classify(analyzeText('where is the constructor'), 0.5).intent).toBe('constructor');
  });
});

describe('NlpjsNlu training cache', () => {
  it('When the same intents are trained again, then the same classifier object is returned', () => {
    const nlu = new NlpjsNlu();
    const first = nlu.train(billing);
    expect(nlu.train(billing.map((i) => ({ ...i, examples: [...i.examples] })))).toBe(first);
  });

  it('When an example changes, then a new classifier is trained', () => {
    const nlu = new NlpjsNlu();
    const first = nlu.train(billing);
    const changed = [...billing.slice(0, 2), intent('payment_plan', ['spread the payments'])];
    expect(nlu.train(changed)).not.toBe(first);
  });

  it('When no intents are defined, then classification yields no intent', () => {
    const result = new NlpjsNlu().train([]).classify(analyzeText('anything'), 0.5);
    expect(result).toEqual({ intent: null, confidence: 0, best: null, scores: {} });
  });
});
