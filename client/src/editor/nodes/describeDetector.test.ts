import { describe, expect, it } from 'vitest';
import { describeDetector } from './describeDetector.ts';

describe('describeDetector', () => {
  it('When a trigger watches for frustration, then it reads as a sentence with its turns and, if set, how sure it must be', () => {
    expect(describeDetector({ signal: 'negative_sentiment', turns: 2 })).toBe('Caller sounds frustrated, over the last 2 turns');
    expect(describeDetector({ signal: 'negative_sentiment', turns: 1, threshold: 0.8 })).toBe('Caller sounds frustrated (at 80% sure)');
  });
  it('When a trigger watches for a request for a person, then it says so in plain words', () => {
    expect(describeDetector({ signal: 'explicit_request' })).toBe('Caller asks for a person');
  });
});
