import { DEFAULT_MAX_LIVE_CALLS } from './CallService.ts';

/**
 * `BATON_MAX_LIVE_CALLS`: how many calls may be in progress at once (default 10,000); a call past it is refused rather
 * than pushing a caller out mid-call. Throws on a value that is not a whole number from 1 to 10,000,000, so a typo shows
 * at start-up rather than as refused calls.
 */
export function maxLiveCallsFromEnv(env: Record<string, string | undefined>): number {
  const text = env.BATON_MAX_LIVE_CALLS?.trim();
  if (!text) return DEFAULT_MAX_LIVE_CALLS;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 10_000_000) {
    throw new Error(`BATON_MAX_LIVE_CALLS must be a whole number of calls from 1 to 10000000 (got "${text}"); leave it unset for ${DEFAULT_MAX_LIVE_CALLS}.`);
  }
  return value;
}
