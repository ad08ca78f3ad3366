import type { LoudnessSignal, PastTurn } from './types.ts';

/**
 * How much louder (or quieter) this turn is than the caller's own usual level. The baseline is the
 * median of their earlier turns, so one earlier shout does not shift it; callers and lines differ too
 * much in level for an absolute threshold to mean anything.
 */
export function loudnessOf(current: number | undefined, history: readonly PastTurn[]): LoudnessSignal {
  const earlier: number[] = [];
  for (const turn of history) {
    if (turn.loudnessDb !== undefined && Number.isFinite(turn.loudnessDb)) earlier.push(turn.loudnessDb);
  }
  if (earlier.length === 0) return { deltaDb: 0, baselineDb: null };
  earlier.sort((a, b) => a - b);
  const middle = earlier.length >> 1;
  const baselineDb = earlier.length % 2 === 1 ? earlier[middle] : (earlier[middle - 1] + earlier[middle]) / 2;
  const deltaDb = current !== undefined && Number.isFinite(current) ? current - baselineDb : 0;
  return { deltaDb, baselineDb };
}
