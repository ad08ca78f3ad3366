import type { QueueResult, RateRanges, SimulatedCallResult } from '@baton/shared';

/** Resamples of the calls: enough for steady 95 % ranges, few enough for 100,000 calls in a blink. */
const RESAMPLES = 400;

// One bit per thing a call can count towards, in each version.
const CONTAINED = 1;
const HANDOFF = 2;
const HUNG_UP = 4;
const WITHIN_20S = 8;
const ABANDONED = 16;
const AFTER = 5;

function bitsOf(call: SimulatedCallResult, queue: QueueResult | undefined): number {
  let bits = call.outcome === 'contained' ? CONTAINED : call.outcome === 'handoff' ? HANDOFF : HUNG_UP;
  if (queue) bits |= queue.answered ? (queue.waitSeconds <= 20 ? WITHIN_20S : 0) : ABANDONED;
  return bits;
}

/** A small, fast, seeded generator (xorshift32): the resampling draws millions of indexes. */
function xorshift(seed: number): () => number {
  let x = seed | 0 || 0x9e3779b9;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
}

const round4 = (x: number) => Number(x.toFixed(4));

/**
 * How sure a what-if's changes are: a paired bootstrap. The same callers went through both versions, so calls are
 * drawn with replacement as pairs, each draw's change of every rate is worked out, and the middle 95 % of the changes
 * is the range. A range that holds 0 means the change could be chance. Deterministic for a seed.
 */
export function rateRanges(
  before: { results: readonly SimulatedCallResult[]; queue: ReadonlyMap<number, QueueResult> },
  after: { results: readonly SimulatedCallResult[]; queue: ReadonlyMap<number, QueueResult> },
  seed: number,
): RateRanges {
  const n = after.results.length;
  // What each call counts towards in both versions, as one number: the resampling then only counts these numbers.
  const kinds = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    const b = before.results[i];
    const a = after.results[i];
    kinds[i] = bitsOf(b, before.queue.get(b.index)) | (bitsOf(a, after.queue.get(a.index)) << AFTER);
  }
  const random = xorshift(seed * 2654435761 + 1);
  const counts = new Uint32Array(1 << (2 * AFTER));
  const changes = { containmentRate: [] as number[], handoffRate: [] as number[], hungUpRate: [] as number[], answeredWithin20sRate: [] as number[], abandonedRate: [] as number[] };
  for (let r = 0; r < RESAMPLES; r++) {
    counts.fill(0);
    for (let j = 0; j < n; j++) counts[kinds[random() % n]] += 1;
    const sum = new Float64Array(2 * AFTER);
    for (let kind = 0; kind < counts.length; kind++) {
      const c = counts[kind];
      if (c === 0) continue;
      for (let bit = 0; bit < 2 * AFTER; bit++) if (kind & (1 << bit)) sum[bit] += c;
    }
    const rate = (side: 0 | 1, bit: number, over = n) => (over > 0 ? sum[side * AFTER + Math.log2(bit)] / over : 0);
    const change = (bit: number, overHandoffs = false) =>
      rate(1, bit, overHandoffs ? sum[AFTER + 1] : n) - rate(0, bit, overHandoffs ? sum[1] : n);
    changes.containmentRate.push(change(CONTAINED));
    changes.handoffRate.push(change(HANDOFF));
    changes.hungUpRate.push(change(HUNG_UP));
    changes.answeredWithin20sRate.push(change(WITHIN_20S, true));
    changes.abandonedRate.push(change(ABANDONED, true));
  }
  const range = (values: number[]): [number, number] => {
    values.sort((x, y) => x - y);
    return [round4(values[Math.floor(0.025 * (values.length - 1))]), round4(values[Math.ceil(0.975 * (values.length - 1))])];
  };
  return {
    containmentRate: range(changes.containmentRate),
    handoffRate: range(changes.handoffRate),
    hungUpRate: range(changes.hungUpRate),
    answeredWithin20sRate: range(changes.answeredWithin20sRate),
    abandonedRate: range(changes.abandonedRate),
  };
}
