import type { ChangedCall, SimulatedCallResult, SimulationComparison, SimulationReport } from '@baton/shared';

/** Changed calls listed in a comparison stop here; `count` still counts them all. */
const MAX_CHANGED_CALLS = 500;
const delta = (after: number, before: number, digits: number) => Number((after - before).toFixed(digits));

/**
 * The what-if: the same seeded callers (same index, same persona, same first words) against the
 * baseline ("before") and the version under test ("after"). A call changed when its outcome or its
 * handoff category differs.
 */
export function compareRuns(
  baseline: { report: SimulationReport; results: readonly SimulatedCallResult[] },
  version: { report: SimulationReport; results: readonly SimulatedCallResult[] },
): SimulationComparison {
  const calls: ChangedCall[] = [];
  let count = 0;
  for (let i = 0; i < version.results.length; i++) {
    const before = baseline.results[i];
    const after = version.results[i];
    const beforeCategory = before.handoff?.category ?? null;
    const afterCategory = after.handoff?.category ?? null;
    if (before.outcome === after.outcome && beforeCategory === afterCategory) continue;
    count += 1;
    if (calls.length < MAX_CHANGED_CALLS)
      calls.push({ index: after.index, persona: after.persona, before: { outcome: before.outcome, category: beforeCategory }, after: { outcome: after.outcome, category: afterCategory } });
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
    changedCalls: { count, calls },
  };
}
