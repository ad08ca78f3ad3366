import { describe, expect, it } from 'vitest';
import { lowAsrConfidenceOf } from './asrConfidence.ts';

describe('lowAsrConfidenceOf', () => {
  it('When recognition was unsure on each of the last two turns, then confidence is low', () => {
    expect(lowAsrConfidenceOf([0.9, 0.35, 0.3], 0.4, 2)).toEqual({ low: true, recent: [0.35, 0.3] });
  });

  it('When one of the last turns was clear, then confidence is not low', () => {
    expect(lowAsrConfidenceOf([0.3, 0.8, 0.2], 0.4, 2).low).toBe(false);
  });

  it('When there are fewer turns than asked for, then it does not judge yet', () => {
    expect(lowAsrConfidenceOf([0.1], 0.4, 2).low).toBe(false);
  });
});
