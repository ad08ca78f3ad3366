import { describe, expect, it } from 'vitest';
import { TwilioCalls } from './TwilioCalls.ts';

describe('TwilioCalls', () => {
  it('When more calls are kept than the bound, then no call in progress is let go, only the oldest ended one, whose CallSid stays finished', () => {
    const calls = new TwilioCalls();
    calls.add('CA-ended').status = 'ended';
    for (let i = 0; i < 10_000; i++) calls.add(`CA-live-${i}`);
    expect(calls.get('CA-ended')).toBeUndefined();
    expect(calls.finished('CA-ended')).toBe(true);
    calls.add('CA-one-more');
    expect(calls.size).toBe(10_001);
    expect(calls.get('CA-live-0')).toBeDefined();
    expect(calls.finished('CA-live-0')).toBe(false);
  });

  it('When a call finishes, then it is forgotten and its CallSid is remembered; a start that failed is forgotten without being finished', () => {
    const calls = new TwilioCalls();
    calls.add('CA-done');
    calls.finish('CA-done');
    expect([calls.get('CA-done'), calls.finished('CA-done')]).toEqual([undefined, true]);
    calls.add('CA-failed');
    calls.remove('CA-failed');
    expect(calls.finished('CA-failed')).toBe(false);
  });
});
