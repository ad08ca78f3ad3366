import { describe, expect, it } from 'vitest';
import { MULAW_TO_LINEAR, encodeMulaw } from './mulaw.ts';

describe('μ-law', () => {
  it('When the G.711 table is decoded, then its known values come out (silence, both full scales, the smallest steps)', () => {
    expect(MULAW_TO_LINEAR[0xff]).toBe(0);
    expect(MULAW_TO_LINEAR[0x7f]).toBe(0);
    expect(MULAW_TO_LINEAR[0x00]).toBe(-32124);
    expect(MULAW_TO_LINEAR[0x80]).toBe(32124);
    expect(MULAW_TO_LINEAR[0xfe]).toBe(8);
    expect(MULAW_TO_LINEAR[0x7e]).toBe(-8);
  });

  it('When a sample is encoded and decoded, then it comes back within one μ-law step', () => {
    for (let sample = -32000; sample <= 32000; sample += 37) {
      const back = MULAW_TO_LINEAR[encodeMulaw(sample)];
      expect(Math.abs(back - sample)).toBeLessThanOrEqual(Math.max(8, Math.abs(sample) / 16));
    }
    for (let byte = 0; byte < 256; byte++) {
      if (byte !== 0x7f) expect(encodeMulaw(MULAW_TO_LINEAR[byte])).toBe(byte);
    }
  });

  it('When a sample is beyond full scale, then it is clipped to the loudest code', () => {
    expect(encodeMulaw(40000)).toBe(0x80);
    expect(encodeMulaw(-40000)).toBe(0x00);
  });
});
