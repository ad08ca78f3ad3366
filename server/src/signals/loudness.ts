import type { VoiceEvidence } from '@baton/shared';
import type { LoudnessSignal, TurnHistory } from './types.ts';

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`;

/**
 * How much louder (or quieter) this turn is than the caller's own usual level. With the caller's audio (`voice`) that
 * is the turn's peak over their baseline as the media stream measured it. Otherwise the baseline is the median of their
 * earlier turns' levels, so one earlier shout does not shift it; callers and lines differ too much in level for an
 * absolute threshold to mean anything.
 */
export function loudnessOf(current: number | undefined, history: TurnHistory, voice?: VoiceEvidence): LoudnessSignal {
  if (voice) return measuredLoudness(voice);
  let earlier: number[] | null = null;
  for (let i = 0; i < history.length; i++) {
    const { loudnessDb } = history.at(i)!;
    if (loudnessDb !== undefined && Number.isFinite(loudnessDb)) (earlier ??= []).push(loudnessDb);
  }
  if (earlier === null) return NOT_MEASURED;
  earlier.sort((a, b) => a - b);
  const middle = earlier.length >> 1;
  const baselineDb = earlier.length % 2 === 1 ? earlier[middle] : (earlier[middle - 1] + earlier[middle]) / 2;
  const deltaDb = current !== undefined && Number.isFinite(current) ? current - baselineDb : 0;
  return { deltaDb, baselineDb };
}

function measuredLoudness(voice: VoiceEvidence): LoudnessSignal {
  const delta = Number(voice.peakDeltaDb.toFixed(1));
  const above = delta >= 0 ? `${delta} dB above` : `${-delta} dB below`;
  const evidence = voice.sustainedMs > 0
    ? `voice ${above} the caller's usual level, raised for ${seconds(voice.sustainedMs)}`
    : `voice peaked ${above} the caller's usual level`;
  return { deltaDb: voice.peakDeltaDb, baselineDb: voice.baselineDb, voice, evidence };
}

/** Turns without any level, as on a text channel: one shared, frozen answer. */
const NOT_MEASURED: LoudnessSignal = Object.freeze({ deltaDb: 0, baselineDb: null });
