import type { CallChange, ChangedCall, QueueResult, SimulatedCallResult, SimulationComparison, SimulationReport } from '@baton/shared';
import { rateRanges } from './rateRanges.ts';

/** Changed calls listed in a comparison stop here; `count` still counts them all. */
const MAX_CHANGED_CALLS = 500;
const delta = (after: number, before: number, digits: number) => Number((after - before).toFixed(digits));

/** How a call's ending changed, or null when it ended the same way: same outcome, same reason, at the same turn. */
export function changeOf(before: SimulatedCallResult, after: SimulatedCallResult): CallChange | null {
  const b = before.handoff;
  const a = after.handoff;
  if (!b && a) return 'newly_handed_over';
  if (b && !a) return 'no_longer_handed_over';
  if (b && a) {
    if (b.category !== a.category || b.signal !== a.signal) return 'other_reason';
    if (after.turns < before.turns) return 'earlier';
    if (after.turns > before.turns) return 'later';
    return null;
  }
  return before.outcome === after.outcome ? null : 'other_ending';
}

const side = (r: SimulatedCallResult): ChangedCall['before'] => ({ outcome: r.outcome, category: r.handoff?.category ?? null, ...(r.handoff ? { signal: r.handoff.signal } : {}), turns: r.turns });

/**
 * The what-if: the same callers (same index, same persona, same first words — or the same real caller's events)
 * against the baseline ("before") and the version under test ("after"). A call changed when it ends otherwise, goes to
 * a person for another reason, or sooner or later; each rate's change comes with its 95 % range.
 */
export function compareRuns(
  baseline: { report: SimulationReport; results: readonly SimulatedCallResult[]; queue: ReadonlyMap<number, QueueResult> },
  version: { report: SimulationReport; results: readonly SimulatedCallResult[]; queue: ReadonlyMap<number, QueueResult> },
): SimulationComparison {
  const calls: ChangedCall[] = [];
  const byChange: Record<CallChange, number> = { newly_handed_over: 0, no_longer_handed_over: 0, other_reason: 0, earlier: 0, later: 0, other_ending: 0 };
  let count = 0;
  for (let i = 0; i < version.results.length; i++) {
    const before = baseline.results[i];
    const after = version.results[i];
    const change = changeOf(before, after);
    if (!change) continue;
    count += 1;
    byChange[change] += 1;
    if (calls.length < MAX_CHANGED_CALLS) calls.push({ index: after.index, persona: after.persona, change, before: side(before), after: side(after) });
  }
  const b = baseline.report;
  const a = version.report;
  return {
    baseline: b,
    deltas: {
      containmentRate: delta(a.containment.rate, b.containment.rate, 4),
      handoffRate: delta(a.handoff.rate, b.handoff.rate, 4),
      hungUpRate: delta(a.hungUp.rate, b.hungUp.rate, 4),
      turnsBeforeHandoffMean: delta(a.turnsBeforeHandoff.mean, b.turnsBeforeHandoff.mean, 3),
      waitMeanSeconds: delta(a.queue.waitMeanSeconds, b.queue.waitMeanSeconds, 2),
      waitP90Seconds: delta(a.queue.waitP90Seconds, b.queue.waitP90Seconds, 2),
      answeredWithin20sRate: delta(a.queue.answeredWithin20s.rate, b.queue.answeredWithin20s.rate, 4),
      abandonedRate: delta(a.queue.abandoned.rate, b.queue.abandoned.rate, 4),
    },
    ranges: rateRanges(baseline, version, a.seed),
    changedCalls: { count, byChange, calls },
  };
}
