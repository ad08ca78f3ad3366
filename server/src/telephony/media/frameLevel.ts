import { MULAW_TO_LINEAR } from './mulaw.ts';

/** One Twilio media frame: 20 ms of 8 kHz μ-law, one byte per sample. */
export const FRAME_BYTES = 160;
export const FRAME_MS = 20;

/** What digital silence reads as, instead of -Infinity. */
export const SILENCE_DB = -100;

const FULL_SCALE = 32768;

/** Each μ-law byte's squared sample as a fraction of full scale: the level of a frame is 160 lookups and adds. */
const SQUARED = Float64Array.from(MULAW_TO_LINEAR, (s) => (s / FULL_SCALE) ** 2);

/** The RMS level of one 160-byte μ-law frame in dBFS (a full-scale sine is about -3 dBFS). Allocates nothing. */
export function frameLevelDb(bytes: Uint8Array, offset = 0): number {
  let sum = 0;
  for (let i = offset, end = offset + FRAME_BYTES; i < end; i++) sum += SQUARED[bytes[i]];
  return sum > 0 ? Math.max(SILENCE_DB, 10 * Math.log10(sum / FRAME_BYTES)) : SILENCE_DB;
}
