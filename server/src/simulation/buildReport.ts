import { MAX_CALLS_PER_FIGURE, type BreakdownRow, type CallFigure, type QueueResult, type SimulatedCallResult, type SimulationReport, type Staffing } from '@baton/shared';
import { staffingFor } from './queueModel.ts';

const round = (x: number, digits: number) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : 0);

/** Counts calls and keeps the first MAX_CALLS_PER_FIGURE indexes. */
class Tally {
  count = 0;
  readonly calls: number[] = [];
  add(index: number): void {
    this.count += 1;
    if (this.calls.length < MAX_CALLS_PER_FIGURE) this.calls.push(index);
  }
  figure(of: number): CallFigure {
    return { count: this.count, rate: of > 0 ? round(this.count / of, 4) : 0, calls: this.calls };
  }
}

class Breakdown {
  private readonly rows = new Map<string, Tally>();
  add(key: string, index: number): void {
    let tally = this.rows.get(key);
    if (!tally) this.rows.set(key, (tally = new Tally()));
    tally.add(index);
  }
  /** Largest first, then by key, so equal runs give equal reports. */
  rowsOf(of: number): BreakdownRow[] {
    return [...this.rows]
      .map(([key, tally]) => ({ key, ...tally.figure(of) }))
      .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number {
  return sorted.length ? sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] : 0;
}

/** The report of a batch run: outcomes and handoff reasons from the calls, waits from the queue model. `results` are in index order. */
export function buildReport(input: {
  flow: { id: string; version: number | 'draft' };
  seed: number;
  results: readonly SimulatedCallResult[];
  queue: ReadonlyMap<number, QueueResult>;
  staffing: Staffing;
}): SimulationReport {
  const { results, queue } = input;
  const total = results.length;
  const containment = new Tally();
  const handoff = new Tally();
  const hungUp = new Tally();
  const byPersona = new Breakdown();
  const byCategory = new Breakdown();
  const bySignal = new Breakdown();
  const byNode = new Breakdown();
  const turns = new Map<number, number>();
  let turnSum = 0;
  for (const call of results) {
    byPersona.add(call.persona, call.index);
    if (call.outcome === 'contained') containment.add(call.index);
    else if (call.outcome === 'hung_up') hungUp.add(call.index);
    else if (call.handoff) {
      handoff.add(call.index);
      byCategory.add(call.handoff.category, call.index);
      bySignal.add(call.handoff.signal, call.index);
      byNode.add(call.handoff.nodeId, call.index);
      turns.set(call.turns, (turns.get(call.turns) ?? 0) + 1);
      turnSum += call.turns;
    }
  }
  const within20 = new Tally();
  const abandoned = new Tally();
  const waits: number[] = [];
  const queues = new Map<string, { handoffs: number; waitSum: number; answered: number; abandoned: number }>();
  for (const call of results) {
    const q = queue.get(call.index);
    if (!q) continue;
    let row = queues.get(q.queue);
    if (!row) queues.set(q.queue, (row = { handoffs: 0, waitSum: 0, answered: 0, abandoned: 0 }));
    row.handoffs += 1;
    if (q.answered) {
      waits.push(q.waitSeconds);
      row.waitSum += q.waitSeconds;
      row.answered += 1;
      if (q.waitSeconds <= 20) within20.add(call.index);
    } else {
      abandoned.add(call.index);
      row.abandoned += 1;
    }
  }
  waits.sort((a, b) => a - b);
  const handoffs = handoff.count;
  return {
    flow: input.flow,
    seed: input.seed,
    calls: total,
    byPersona: byPersona.rowsOf(total),
    containment: containment.figure(total),
    handoff: handoff.figure(total),
    hungUp: hungUp.figure(total),
    handoffsByCategory: byCategory.rowsOf(handoffs),
    handoffsBySignal: bySignal.rowsOf(handoffs),
    handoffsByNode: byNode.rowsOf(handoffs),
    turnsBeforeHandoff: {
      mean: handoffs ? round(turnSum / handoffs, 3) : 0,
      distribution: [...turns].sort((a, b) => a[0] - b[0]).map(([t, count]) => ({ turns: t, count })),
    },
    queue: {
      waitMeanSeconds: round(waits.reduce((a, b) => a + b, 0) / (waits.length || 1), 2),
      waitP90Seconds: round(percentile(waits, 0.9), 2),
      waitMaxSeconds: round(waits.at(-1) ?? 0, 2),
      answeredWithin20s: within20.figure(handoffs),
      abandoned: abandoned.figure(handoffs),
      byQueue: [...queues]
        .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
        .map(([id, row]) => {
          const config = staffingFor(input.staffing, id);
          return { queue: id, agents: config.agents, ahtSeconds: config.ahtSeconds, handoffs: row.handoffs, waitMeanSeconds: round(row.waitSum / (row.answered || 1), 2), abandoned: row.abandoned };
        }),
    },
  };
}
