import type { RateRanges, SimulationReport } from '@baton/shared';

/** A figure shown side by side: rates are 0..1 shown in percent, seconds and turns as plain numbers. */
export interface ComparisonRow {
  label: string;
  hint: string;
  unit: 'rate' | 'seconds' | 'turns';
  before: number | null;
  after: number;
  /** The simulated calls behind the figure in each version (up to 50), when it counts calls. */
  callsBefore: number[] | null;
  callsAfter: number[] | null;
  /** For a compared rate: the middle 95 % of its change over resamples of the calls. */
  range: [number, number] | null;
}

const figures: Array<Omit<ComparisonRow, 'before' | 'after' | 'callsBefore' | 'callsAfter' | 'range'> & { of(r: SimulationReport): number; calls?(r: SimulationReport): number[]; range?: keyof RateRanges }> = [
  { label: 'Finished by the AI', hint: 'Calls the flow handled to the end without a person.', unit: 'rate', of: (r) => r.containment.rate, calls: (r) => r.containment.calls, range: 'containmentRate' },
  { label: 'Handed to a person', hint: 'Calls that went to an agent.', unit: 'rate', of: (r) => r.handoff.rate, calls: (r) => r.handoff.calls, range: 'handoffRate' },
  { label: 'Hung up on the AI', hint: 'Callers who gave up before reaching a person.', unit: 'rate', of: (r) => r.hungUp.rate, calls: (r) => r.hungUp.calls, range: 'hungUpRate' },
  { label: 'Turns before handoff', hint: 'On average, how many times the caller spoke before going to a person.', unit: 'turns', of: (r) => r.turnsBeforeHandoff.mean },
  { label: 'Wait for an agent, average', hint: 'Of calls an agent answered.', unit: 'seconds', of: (r) => r.queue.waitMeanSeconds },
  { label: 'Wait for an agent, 9 in 10 within', hint: 'The 90th percentile of the wait.', unit: 'seconds', of: (r) => r.queue.waitP90Seconds },
  { label: 'Wait for an agent, longest', hint: 'The longest wait of any answered call.', unit: 'seconds', of: (r) => r.queue.waitMaxSeconds },
  { label: 'Answered within 20 s', hint: 'Of calls handed to a person.', unit: 'rate', of: (r) => r.queue.answeredWithin20s.rate, calls: (r) => r.queue.answeredWithin20s.calls, range: 'answeredWithin20sRate' },
  { label: 'Hung up while waiting', hint: 'Of calls handed to a person: callers who gave up in the queue.', unit: 'rate', of: (r) => r.queue.abandoned.rate, calls: (r) => r.queue.abandoned.calls, range: 'abandonedRate' },
];

/** The figures of the what-if table; `before` is null when only one version ran. */
export function comparisonRows(after: SimulationReport, before: SimulationReport | null, ranges: RateRanges | null = null): ComparisonRow[] {
  return figures.map(({ of, calls, range, ...row }) => ({
    ...row,
    before: before ? of(before) : null,
    after: of(after),
    callsBefore: before && calls ? calls(before) : null,
    callsAfter: calls ? calls(after) : null,
    range: ranges && range ? ranges[range] : null,
  }));
}

const points = (x: number) => `${x > 0 ? '+' : x < 0 ? '−' : ''}${Math.abs(x * 100).toFixed(1)}`;

/**
 * How sure a rate's change is, in words: "likely +3.9 to +6.1 points" when the whole range is on one side of 0,
 * "could be chance: −0.4 to +1.2 points" when it holds 0; nothing when no call changed at all.
 */
export function formatRange(range: [number, number] | null): { text: string; clear: boolean } | null {
  if (!range) return null;
  const [low, high] = range;
  if (low === 0 && high === 0) return null;
  const span = `${points(low)} to ${points(high)} points`;
  return low > 0 || high < 0 ? { text: `likely ${span}`, clear: true } : { text: `could be chance: ${span}`, clear: false };
}

/** A figure as shown: "23.4%", "12.5 s", "2.3". */
export function formatFigure(value: number, unit: ComparisonRow['unit']): string {
  if (unit === 'rate') return `${(value * 100).toFixed(1)}%`;
  if (unit === 'seconds') return `${value.toFixed(1)} s`;
  return value.toFixed(1);
}

/** The change from before to after, named: "+5.0 points", "−3.2 s", "no change". */
export function formatDelta(before: number, after: number, unit: ComparisonRow['unit']): { text: string; direction: 'up' | 'down' | 'same' } {
  const delta = unit === 'rate' ? (after - before) * 100 : after - before;
  const shown = Math.abs(delta).toFixed(1);
  if (shown === '0.0') return { text: 'no change', direction: 'same' };
  const sign = delta > 0 ? '+' : '−';
  const suffix = unit === 'rate' ? (shown === '1.0' ? ' point' : ' points') : unit === 'seconds' ? ' s' : ' turns';
  return { text: `${sign}${shown}${suffix}`, direction: delta > 0 ? 'up' : 'down' };
}
