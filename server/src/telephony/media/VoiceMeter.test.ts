import { describe, expect, it } from 'vitest';
import { syntheticSpeech, type Passage } from './syntheticSpeech.ts';
import { VoiceMeter } from './VoiceMeter.ts';

const SEEDS = [1, 2, 3, 4, 5];

function heard(passages: Passage[], seed: number) {
  const meter = new VoiceMeter();
  meter.write(syntheticSpeech(passages, seed));
  return meter;
}

describe('VoiceMeter', () => {
  it('When a caller speaks at their normal level, then the voice is not raised and the peak stays near their baseline', () => {
    for (const seed of SEEDS) {
      const evidence = heard([{ seconds: 12, levelDb: -30 }], seed).takeTurn();
      expect(evidence).toMatchObject({ raised: false, sustainedMs: 0 });
      expect(Math.abs(evidence!.baselineDb + 32)).toBeLessThan(1.5);
      expect(Math.abs(evidence!.peakDeltaDb)).toBeLessThan(3);
    }
  });

  it('When a caller speaks 10 dB louder for 2 s, then the voice is raised, with the peak and how long it lasted', () => {
    for (const seed of SEEDS) {
      const evidence = heard([{ seconds: 5, levelDb: -30 }, { seconds: 2, levelDb: -20 }, { seconds: 2, levelDb: -30 }], seed).takeTurn();
      expect(evidence?.raised).toBe(true);
      expect(evidence!.peakDeltaDb).toBeGreaterThan(8);
      expect(evidence!.sustainedMs).toBeGreaterThanOrEqual(1000);
      expect(evidence!.sustainedMs).toBeLessThanOrEqual(2500);
    }
  });

  it('When a loud talker speaks at their own normal level, then the voice is not raised', () => {
    for (const seed of SEEDS) {
      const evidence = heard([{ seconds: 12, levelDb: -14 }], seed).takeTurn();
      expect(evidence).toMatchObject({ raised: false, sustainedMs: 0 });
      expect(evidence!.baselineDb).toBeGreaterThan(-18);
    }
  });

  it('When a loud talker speaks 3 dB louder than usual, then the voice is not raised at the default 6 dB', () => {
    for (const seed of SEEDS) expect(heard([{ seconds: 5, levelDb: -14 }, { seconds: 4, levelDb: -11 }], seed).takeTurn()?.raised).toBe(false);
  });

  it('When a turn is taken, then the next turn starts afresh but keeps the caller’s baseline', () => {
    const meter = heard([{ seconds: 5, levelDb: -30 }, { seconds: 3, levelDb: -20 }], 7);
    const first = meter.takeTurn()!;
    expect(first.raised).toBe(true);
    meter.write(syntheticSpeech([{ seconds: 2, levelDb: -100 }, { seconds: 5, levelDb: -30 }], 8));
    const second = meter.takeTurn()!;
    expect(second.raised).toBe(false);
    expect(second.baselineDb).toBe(first.baselineDb);
  });

  it('When a smaller threshold is asked for, then a smaller rise counts as raised', () => {
    const passages = [{ seconds: 5, levelDb: -30 }, { seconds: 3, levelDb: -26 }];
    expect(heard(passages, 3).takeTurn()?.raised).toBe(false);
    expect(heard(passages, 3).takeTurn(2.5)?.raised).toBe(true);
  });

  it('When the caller has not spoken for a second yet, or not at all in the turn, then there is no evidence', () => {
    expect(heard([{ seconds: 0.6, levelDb: -30 }], 1).takeTurn()).toBeUndefined();
    const meter = heard([{ seconds: 5, levelDb: -30 }], 1);
    meter.takeTurn();
    meter.write(syntheticSpeech([{ seconds: 3, levelDb: -100 }]));
    expect(meter.takeTurn()).toBeUndefined();
  });

  it('When audio arrives in pieces that are not whole frames, then it measures the same as in whole frames', () => {
    const audio = syntheticSpeech([{ seconds: 5, levelDb: -30 }, { seconds: 2.5, levelDb: -20 }], 2);
    const pieces = new VoiceMeter();
    for (let i = 0; i < audio.length; i += 97) pieces.write(audio.subarray(i, i + 97));
    expect(pieces.takeTurn()).toEqual(heard([{ seconds: 5, levelDb: -30 }, { seconds: 2.5, levelDb: -20 }], 2).takeTurn());
  });
});
