import { staffingSchema } from '@baton/shared';
import { describe, expect, it } from 'vitest';
import { erlangC } from './erlangC.ts';
import { arrivalTimes, runQueues, type QueueArrival } from './queueModel.ts';

// Near 87% occupancy waits are strongly correlated in time: it takes about a million callers (four months of this traffic) for the averages to settle within the tolerances.
const ARRIVALS = 1_000_000;

function poissonCalls(seed: number, callsPer30Min: number, count = ARRIVALS): QueueArrival[] {
  return Array.from(arrivalTimes(seed, count, callsPer30Min), (atSeconds, index) => ({ index, queue: 'billing', atSeconds }));
}

describe('queue model', () => {
  it('When 360 calls per 30 min meet 55 agents with 240 s handle time, then Erlang C gives a 0.239 chance of waiting and 8.2 s average speed of answer', () => {
    const { probabilityOfWaiting, averageSpeedOfAnswerSeconds } = erlangC(360, 240, 55);
    expect(probabilityOfWaiting).toBeCloseTo(0.239, 3);
    expect(averageSpeedOfAnswerSeconds).toBeCloseTo(8.2, 1);
  });

  it('When the queue model runs that traffic with patient callers, then its share of callers who wait and its average wait match Erlang C', () => {
    const staffing = staffingSchema.parse({ callsPer30Min: 360, defaultQueue: { agents: 55, ahtSeconds: 240 }, patienceSeconds: null });
    const results = [...runQueues(poissonCalls(11, 360), staffing, 11).values()];
    expect(results).toHaveLength(ARRIVALS);
    expect(results.every((r) => r.answered)).toBe(true);
    const waited = results.filter((r) => r.waitSeconds > 0).length / results.length;
    const meanWait = results.reduce((sum, r) => sum + r.waitSeconds, 0) / results.length;
    expect(waited).toBeGreaterThan(0.239 - 0.02);
    expect(waited).toBeLessThan(0.239 + 0.02);
    expect(meanWait).toBeGreaterThan(8.2 - 1);
    expect(meanWait).toBeLessThan(8.2 + 1);
  });

  it('When callers have little patience and too few agents, then some abandon, each after their own patience, and the answered wait less', () => {
    const staffing = staffingSchema.parse({ defaultQueue: { agents: 40, ahtSeconds: 240 }, patienceSeconds: 60 });
    const results = [...runQueues(poissonCalls(3, 360, 20_000), staffing, 3).values()];
    const abandoned = results.filter((r) => !r.answered);
    expect(abandoned.length / results.length).toBeGreaterThan(0.05);
    const answered = results.filter((r) => r.answered);
    expect(answered.length).toBeGreaterThan(abandoned.length);
    // Exponential patience with a 60 s mean: those who give up do so after about a minute on average, far less than an unbounded queue.
    const meanPatience = abandoned.reduce((sum, r) => sum + r.waitSeconds, 0) / abandoned.length;
    expect(meanPatience).toBeLessThan(60);
  });

  it('When the same handoffs are queued twice with the same seed, then every wait is the same', () => {
    const staffing = staffingSchema.parse({ defaultQueue: { agents: 5, ahtSeconds: 300 } });
    const calls = poissonCalls(5, 360, 2_000);
    expect([...runQueues(calls, staffing, 5)]).toEqual([...runQueues(calls.slice().reverse(), staffing, 5)]);
  });
});
