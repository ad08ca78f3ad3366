import { describe, expect, it } from 'vitest';
import { FRAME_BYTES, SILENCE_DB, frameLevelDb } from './frameLevel.ts';
import { encodeMulaw } from './mulaw.ts';

const sine = (amplitude: number, hz = 400) => Uint8Array.from({ length: FRAME_BYTES }, (_, i) => encodeMulaw(amplitude * Math.sin((2 * Math.PI * hz * i) / 8000)));

describe('frameLevelDb', () => {
  it('When a frame holds a full-scale sine, then its level is about -3 dBFS', () => {
    expect(frameLevelDb(sine(32767))).toBeCloseTo(-3.2, 0);
  });

  it('When the amplitude drops tenfold, then the level drops 20 dB', () => {
    expect(frameLevelDb(sine(3000)) - frameLevelDb(sine(30000))).toBeCloseTo(-20, 0);
  });

  it('When a frame is digital silence, then its level is the silence floor, not -Infinity', () => {
    expect(frameLevelDb(new Uint8Array(FRAME_BYTES).fill(0xff))).toBe(SILENCE_DB);
  });

  it('When the frame starts at an offset, then only its 160 bytes count', () => {
    const audio = new Uint8Array(3 * FRAME_BYTES).fill(0xff);
    audio.set(sine(10000), FRAME_BYTES);
    expect(frameLevelDb(audio, FRAME_BYTES)).toBeCloseTo(frameLevelDb(sine(10000)), 6);
    expect(frameLevelDb(audio, 2 * FRAME_BYTES)).toBe(SILENCE_DB);
  });
});
