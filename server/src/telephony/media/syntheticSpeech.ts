import { encodeMulaw } from './mulaw.ts';

// Speech-like audio for tests and the benchmark: a voiced tone (120-250 Hz with harmonics, as a voice has) in
// syllables of 150-300 ms, with short gaps between syllables and longer pauses between phrases, over faint line noise.

const RATE = 8000;
const FULL_SCALE = 32768;
const NOISE_DB = -65;

/** One stretch of talk: how long, and how loud the syllables are (RMS at their loudest, dBFS). */
export interface Passage {
  seconds: number;
  levelDb: number;
}

/** A small seeded generator, so every run hears the same caller. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** μ-law 8 kHz audio of someone talking through the passages in turn. */
export function syntheticSpeech(passages: readonly Passage[], seed = 1): Uint8Array {
  const rnd = random(seed);
  const total = Math.round(passages.reduce((sum, p) => sum + p.seconds, 0) * RATE);
  const out = new Uint8Array(total);
  const noise = FULL_SCALE * 10 ** (NOISE_DB / 20);
  let t = 0;
  let phase = 0;
  for (const passage of passages) {
    const end = Math.min(total, t + Math.round(passage.seconds * RATE));
    // A sum of harmonics at 1/k has an RMS of about 0.9 of its fundamental's amplitude.
    const amplitude = (FULL_SCALE * 10 ** (passage.levelDb / 20) * Math.SQRT2) / 1.2;
    let syllablesLeft = 4 + Math.floor(rnd() * 5);
    while (t < end) {
      const length = Math.round((0.15 + rnd() * 0.15) * RATE);
      const f0 = 120 + rnd() * 130;
      for (let i = 0; i < length && t < end; i++, t++) {
        const envelope = Math.sin((Math.PI * i) / length);
        phase += (2 * Math.PI * f0) / RATE;
        let voice = 0;
        for (let k = 1; k * f0 < 3400; k++) voice += Math.sin(k * phase) / k;
        out[t] = encodeMulaw(amplitude * envelope * voice + noise * (rnd() * 2 - 1));
      }
      syllablesLeft--;
      const gap = syllablesLeft > 0 ? 0.04 + rnd() * 0.1 : 0.3 + rnd() * 0.25;
      if (syllablesLeft === 0) syllablesLeft = 4 + Math.floor(rnd() * 5);
      for (let i = Math.round(gap * RATE); i > 0 && t < end; i--, t++) out[t] = encodeMulaw(noise * (rnd() * 2 - 1));
    }
  }
  return out;
}
