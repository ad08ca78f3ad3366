import { describe, expect, it } from 'vitest';
import { noMatchStreakOf } from './noMatchStreak.ts';

describe('noMatchStreakOf', () => {
  it('When the AI does not understand twice in a row, then the streak is 2', () => {
    expect(noMatchStreakOf(noMatchStreakOf(0, { atAiNode: true, intent: null }), { atAiNode: true, intent: null })).toBe(2);
  });

  it('When an intent is recognised, then the streak starts again', () => {
    expect(noMatchStreakOf(3, { atAiNode: true, intent: 'refund' })).toBe(0);
  });

  it('When the caller only says hello or thanks at an AI node, then the streak is left as it was', () => {
    expect(noMatchStreakOf(1, { atAiNode: true, intent: null, courtesy: true })).toBe(1);
  });

  it('When the caller answers a question outside an AI node, then the streak is left as it was', () => {
    expect(noMatchStreakOf(1, { atAiNode: false, intent: null })).toBe(1);
  });
});
