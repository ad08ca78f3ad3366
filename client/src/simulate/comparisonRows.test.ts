import { describe, expect, it } from 'vitest';
import { formatDelta, formatFigure, formatRange } from './comparisonRows.ts';

describe('what-if figures', () => {
  it('When a rate goes from 20% to 25%, then the change reads "+5.0 points" and points up', () => {
    expect(formatDelta(0.2, 0.25, 'rate')).toEqual({ text: '+5.0 points', direction: 'up' });
  });

  it('When a wait gets shorter, then the change reads in seconds with a minus sign', () => {
    expect(formatDelta(12, 8.8, 'seconds')).toEqual({ text: '−3.2 s', direction: 'down' });
  });

  it('When nothing changes to one decimal, then it says "no change"', () => {
    expect(formatDelta(0.3, 0.30001, 'rate')).toEqual({ text: 'no change', direction: 'same' });
  });

  it('When a rate is shown, then it is a percentage with one decimal', () => {
    expect(formatFigure(0.1234, 'rate')).toBe('12.3%');
    expect(formatFigure(8.25, 'seconds')).toBe('8.3 s');
  });

  it('When a change\'s 95 % range stays above 0, then it reads as likely; when it holds 0, as could be chance', () => {
    expect(formatRange([0.039, 0.061])).toEqual({ text: 'likely +3.9 to +6.1 points', clear: true });
    expect(formatRange([-0.004, 0.012])).toEqual({ text: 'could be chance: −0.4 to +1.2 points', clear: false });
    expect(formatRange([0, 0])).toBeNull();
  });
});
