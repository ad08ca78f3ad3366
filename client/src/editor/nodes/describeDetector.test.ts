import { describe, expect, it } from 'vitest';
import { describeDetector } from './describeDetector.ts';

describe('describeDetector', () => {
  it('When a trigger watches sentiment, then it reads as a sentence with its thresholds', () => {
    expect(describeDetector({ signal: 'negative_sentiment', below: -0.5, turns: 2 })).toBe('Negative sentiment below -0.5 for 2 turns');
    expect(describeDetector({ signal: 'negative_sentiment', below: -0.3, turns: 1 })).toBe('Negative sentiment below -0.3 for 1 turn');
  });
  it('When a trigger watches for a request for a person, then it says so in plain words', () => {
    expect(describeDetector({ signal: 'explicit_request' })).toBe('Caller asks for a person');
  });
});
