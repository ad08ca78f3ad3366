import { describe, expect, it } from 'vitest';
import { countChange, meanChange, previousPeriodName, rateChange } from './periodChange.ts';

describe('changes since the period before', () => {
  it('When half the calls went to a person this week and a quarter the week before, then the change reads "+25 points", up', () => {
    expect(rateChange(5, 10, 2, 8)).toEqual({ text: '+25 points', direction: 'up' });
    expect(rateChange(1, 10, 0, 0)).toBeNull();
  });

  it('When calls grew from 10 to 12, then the change reads "+2 (+20%)"; from none, "+12"', () => {
    expect(countChange(12, 10)).toEqual({ text: '+2 (+20%)', direction: 'up' });
    expect(countChange(12, 0)).toEqual({ text: '+12', direction: 'up' });
    expect(countChange(3, 3)).toEqual({ text: 'no change', direction: 'same' });
  });

  it('When the wait fell from 40 s to 28 s, then it reads "−12 s", down; without a wait before, nothing', () => {
    expect(meanChange(28, 40, 0, ' s')).toEqual({ text: '−12 s', direction: 'down' });
    expect(meanChange(28, null, 0, ' s')).toBeNull();
  });

  it('When the period is a week, then the one before is named "the 7 days before"', () => {
    expect(previousPeriodName('2026-12-01T00:00:00Z', '2026-12-08T00:00:00Z')).toBe('the 7 days before');
    expect(previousPeriodName('2026-12-08T00:00:00Z', '2026-12-08T09:00:00Z')).toBe('the 9 hours before');
  });
});
