import { describe, expect, it } from 'vitest';
import { maxLiveCallsFromEnv } from './maxLiveCallsFromEnv.ts';

describe('BATON_MAX_LIVE_CALLS', () => {
  it('When it is unset or blank, then Baton takes up to 10,000 calls at once', () => {
    expect(maxLiveCallsFromEnv({})).toBe(10_000);
    expect(maxLiveCallsFromEnv({ BATON_MAX_LIVE_CALLS: ' ' })).toBe(10_000);
  });

  it('When it is a whole number, then that is the limit', () => {
    expect(maxLiveCallsFromEnv({ BATON_MAX_LIVE_CALLS: '250' })).toBe(250);
  });

  it('When it is not a whole number of at least 1, then start-up stops and says what to write', () => {
    for (const bad of ['0', '-5', '1.5', 'lots', '1e9']) expect(() => maxLiveCallsFromEnv({ BATON_MAX_LIVE_CALLS: bad })).toThrow(/BATON_MAX_LIVE_CALLS must be a whole number/);
  });
});
