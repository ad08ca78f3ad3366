// G.711 μ-law, the encoding of Twilio's media streams: 8-bit samples at 8 kHz, one byte per sample.

const BIAS = 0x84;
const CLIP = 32635;

function decodeByte(byte: number): number {
  const u = ~byte & 0xff;
  const exponent = (u >> 4) & 0x07;
  const magnitude = ((((u & 0x0f) << 3) + BIAS) << exponent) - BIAS;
  return u & 0x80 ? -magnitude : magnitude;
}

/** Each μ-law byte's linear sample (16-bit range, -32124..32124): decoding is one lookup. */
export const MULAW_TO_LINEAR: Int16Array = Int16Array.from({ length: 256 }, (_, byte) => decodeByte(byte));

/** Encodes one linear 16-bit sample to μ-law (for generated test audio and the benchmark; Baton only listens). */
export function encodeMulaw(sample: number): number {
  let s = Math.max(-32768, Math.min(32767, Math.round(sample)));
  const sign = s < 0 ? 0x80 : 0;
  if (sign) s = -s;
  s = Math.min(s, CLIP) + BIAS;
  let exponent = 7;
  for (let mask = 0x4000; (s & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (s >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}
