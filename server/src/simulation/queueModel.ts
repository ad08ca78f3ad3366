import type { QueueResult, QueueStaffing, Staffing } from '@baton/shared';
import { SeededRandom, STREAM } from './SeededRandom.ts';

/** A call joining a queue at `atSeconds` of simulated time. */
export interface QueueArrival {
  index: number;
  queue: string;
  atSeconds: number;
}

/** Start times of calls 0..n-1: a Poisson process at the staffing's rate, from the seed alone. */
export function arrivalTimes(seed: number, calls: number, callsPer30Min: number): Float64Array {
  const random = new SeededRandom(seed, STREAM.arrivals, 0);
  const meanGap = 1800 / callsPer30Min;
  const times = new Float64Array(calls);
  let t = 0;
  for (let i = 0; i < calls; i++) {
    t += random.exponential(meanGap);
    times[i] = t;
  }
  return times;
}

export const staffingFor = (staffing: Staffing, queue: string): QueueStaffing => (Object.hasOwn(staffing.queues, queue) ? staffing.queues[queue] : staffing.defaultQueue);

/** A binary min-heap of the times each agent of a queue is next free. */
class FreeAgents {
  private readonly times: number[];
  constructor(agents: number) {
    this.times = new Array(agents).fill(0);
  }
  get size() {
    return this.times.length;
  }
  earliest(): number {
    return this.times[0];
  }
  /** The earliest-free agent takes a call until `until`. */
  replaceEarliest(until: number): void {
    const h = this.times;
    h[0] = until;
    for (let i = 0; ; ) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && h[l] < h[m]) m = l;
      if (r < h.length && h[r] < h[m]) m = r;
      if (m === i) return;
      [h[i], h[m]] = [h[m], h[i]];
      i = m;
    }
  }
}

/**
 * The discrete-event queue model: each queue has its agents; calls are answered first come, first
 * served; handle times and callers' patience are exponential, drawn from (seed, call index) so a
 * call keeps them across what-if versions. Events are taken in time order: a caller is answered when
 * the earliest agent frees up, unless their patience runs out first — then they abandon, and the agent
 * stays free for the next caller. (With FIFO, those who abandon never hold an agent, so the agents'
 * next-free times are all the state the model needs.)
 */
export function runQueues(arrivals: readonly QueueArrival[], staffing: Staffing, seed: number): Map<number, QueueResult> {
  const ordered = arrivals.slice().sort((a, b) => a.atSeconds - b.atSeconds || a.index - b.index);
  const agents = new Map<string, FreeAgents>();
  const results = new Map<number, QueueResult>();
  for (const call of ordered) {
    const config = staffingFor(staffing, call.queue);
    let free = agents.get(call.queue);
    if (!free) agents.set(call.queue, (free = new FreeAgents(config.agents)));
    const random = new SeededRandom(seed, STREAM.queue, call.index);
    const handleSeconds = random.exponential(config.ahtSeconds);
    const patience = staffing.patienceSeconds === null ? Infinity : random.exponential(staffing.patienceSeconds);
    const answerAt = free.size > 0 ? Math.max(call.atSeconds, free.earliest()) : Infinity;
    const wait = answerAt - call.atSeconds;
    if (wait > patience || answerAt === Infinity) {
      // With no agent at all, a caller who would wait forever is counted as abandoning at once.
      results.set(call.index, { queue: call.queue, waitSeconds: Number.isFinite(patience) ? patience : 0, answered: false });
      continue;
    }
    free.replaceEarliest(answerAt + handleSeconds);
    results.set(call.index, { queue: call.queue, waitSeconds: wait, answered: true });
  }
  return results;
}
