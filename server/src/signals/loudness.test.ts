import { describe, expect, it } from 'vitest';
import { analyzeText } from '../nlu/analyzeText.ts';
import { loudnessOf } from './loudness.ts';
import { contentOf } from './repetition.ts';
import type { PastTurn } from './types.ts';

const turn = (loudnessDb?: number): PastTurn => ({ analyzed: analyzeText('hello'), content: contentOf(analyzeText('hello')), intent: null, nodeId: 'n1', sentiment: 0, frustration: 0, loudnessDb });

describe('loudnessOf', () => {
  it('When earlier turns have levels, then the baseline is their median and the delta is measured from it', () => {
    expect(loudnessOf(70, [turn(60), turn(62), turn(64)])).toEqual({ deltaDb: 8, baselineDb: 62 });
    expect(loudnessOf(70, [turn(60), turn(64)])).toEqual({ deltaDb: 8, baselineDb: 62 });
  });

  it('When one earlier turn was shouted, then the baseline barely moves', () => {
    expect(loudnessOf(75, [turn(60), turn(90), turn(61)])).toEqual({ deltaDb: 14, baselineDb: 61 });
  });

  it('When the current turn is quieter, then the delta is negative', () => {
    expect(loudnessOf(55, [turn(60)]).deltaDb).toBe(-5);
  });

  it('When there is no earlier level, then the delta is 0 and the baseline unknown', () => {
    expect(loudnessOf(70, [])).toEqual({ deltaDb: 0, baselineDb: null });
    expect(loudnessOf(70, [turn(), turn()])).toEqual({ deltaDb: 0, baselineDb: null });
  });

  it('When the current level is unknown, then the delta is 0 but the baseline is still reported', () => {
    expect(loudnessOf(undefined, [turn(60), turn(66)])).toEqual({ deltaDb: 0, baselineDb: 63 });
  });

  it('When the turn comes with a measurement of the caller\'s audio, then the delta is its peak and the evidence names the peak and duration', () => {
    const voice = { baselineDb: -31.2, peakDeltaDb: 9.04, sustainedMs: 2140, raised: true };
    const loudness = loudnessOf(70, [turn(60)], voice);
    expect(loudness).toMatchObject({ deltaDb: 9.04, baselineDb: -31.2 });
    expect(loudness.evidence).toBe("voice 9 dB above the caller's usual level, raised for 2.1 s");
    expect(loudnessOf(70, [turn(60)]).voice).toBeUndefined();
  });

  it('When the measured voice never rose, then the evidence says how far it went without a duration', () => {
    const loudness = loudnessOf(undefined, [], { baselineDb: -30, peakDeltaDb: -1.5, sustainedMs: 0, raised: false });
    expect(loudness.evidence).toBe("voice peaked 1.5 dB below the caller's usual level");
  });
});
