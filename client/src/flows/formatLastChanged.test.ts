import { describe, expect, it } from 'vitest';
import { formatLastChanged } from './formatLastChanged.ts';

const now = new Date('2025-06-15T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();

describe('formatLastChanged', () => {
  it('When a flow changed seconds ago, then it reads "just now"', () => {
    expect(formatLastChanged(ago(20_000), now)).toBe('just now');
  });
  it('When a flow changed minutes or hours ago, then it reads as a relative time', () => {
    expect(formatLastChanged(ago(5 * 60_000), now)).toBe('5 minutes ago');
    expect(formatLastChanged(ago(3 * 3_600_000), now)).toBe('3 hours ago');
  });
  it('When a flow changed one or a few days ago, then it reads "yesterday" or "N days ago"', () => {
    expect(formatLastChanged(ago(26 * 3_600_000), now)).toBe('yesterday');
    expect(formatLastChanged(ago(3 * 86_400_000), now)).toBe('3 days ago');
  });
  it('When a flow changed weeks ago, then it shows the date', () => {
    expect(formatLastChanged('2025-03-12T10:00:00Z', now, 'en-GB')).toBe('12 Mar 2025');
  });
  it('When the date cannot be read, then it says so instead of "Invalid Date"', () => {
    expect(formatLastChanged('not a date', now)).toBe('Unknown');
  });
});
