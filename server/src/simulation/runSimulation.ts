import { createHash } from 'node:crypto';
import type { Persona, QueueResult, SimulatedCallResult, SimulationComparison, SimulationReport, Staffing } from '@baton/shared';
import type { Nlu } from '../nlu/Nlu.ts';
import { buildReport } from './buildReport.ts';
import { compareRuns } from './compareRuns.ts';
import { arrivalTimes, runQueues, type QueueArrival } from './queueModel.ts';
import { simulateCall } from './simulateCall.ts';
import { simulationFlow, type FlowUnderTest } from './simulationFlow.ts';
import { SimulationCancelled, type SimulationWorkers } from './SimulationWorkers.ts';

/** Runs of more calls than this go to the worker threads; smaller ones run in process (threads would cost more than they save). */
export const IN_PROCESS_LIMIT = 2_000;
/** In process, the event loop gets a turn this often, for progress and cancelling. */
const IN_PROCESS_CHUNK = 100;

export interface SimulationInput {
  /** The version under test. */
  flow: FlowUnderTest;
  /** For a what-if: the version to compare with (the "before"). */
  baseline?: FlowUnderTest;
  personas: Persona[];
  calls: number;
  seed: number;
  staffing: Staffing;
}

export interface SimulationOptions {
  nlu: Nlu;
  /** Used for runs of more than IN_PROCESS_LIMIT calls; without it every run stays in process. */
  workers?: SimulationWorkers;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

/** One version's calls and what the queues gave them. */
export interface VersionRun {
  report: SimulationReport;
  results: SimulatedCallResult[];
  queue: Map<number, QueueResult>;
}

export interface SimulationOutput {
  run: VersionRun;
  baselineRun?: VersionRun;
  comparison?: SimulationComparison;
}

/** Identifies a flow version's content, so each worker compiles and trains it once. */
export const flowKeyOf = (flow: FlowUnderTest) => createHash('sha256').update(`${flow.version}\n${JSON.stringify(flow.doc)}`).digest('base64');
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A batch run: N seeded callers through the real engine and NLU, then their handoffs through the
 * queue model, then the report; with a baseline, the same callers again and the what-if diff.
 * The same input gives the same output, byte for byte, on one thread or many.
 */
export async function runSimulation(input: SimulationInput, options: SimulationOptions): Promise<SimulationOutput> {
  const total = input.calls * (input.baseline ? 2 : 1);
  let done = 0;
  const onCalls = (n: number) => {
    done += n;
    options.onProgress?.(done, total);
  };
  const arrivals = arrivalTimes(input.seed, input.calls, input.staffing.callsPer30Min);
  const runVersion = async (flow: FlowUnderTest): Promise<VersionRun> => {
    const results = await playCalls(flow, input, options, onCalls);
    const queue = runQueues(handoffArrivals(results, arrivals), input.staffing, input.seed);
    const report = buildReport({ flow: { id: flow.doc.id, version: flow.version }, seed: input.seed, results, queue, staffing: input.staffing });
    return { report, results, queue };
  };
  const run = await runVersion(input.flow);
  if (!input.baseline) return { run };
  const baselineRun = await runVersion(input.baseline);
  return { run, baselineRun, comparison: compareRuns(baselineRun, run) };
}

/** When each handed-off call joins its queue: its arrival plus the time it spent with the AI. */
export function handoffArrivals(results: readonly SimulatedCallResult[], arrivals: Float64Array): QueueArrival[] {
  const joined: QueueArrival[] = [];
  for (const r of results) if (r.handoff) joined.push({ index: r.index, queue: r.handoff.queue, atSeconds: arrivals[r.index] + r.handoff.atSeconds });
  return joined;
}

async function playCalls(flow: FlowUnderTest, input: SimulationInput, options: SimulationOptions, onCalls: (n: number) => void): Promise<SimulatedCallResult[]> {
  // Compiled here even for the workers: a flow with errors is refused (422) before any thread starts.
  const prepared = simulationFlow(flow, options.nlu);
  if (options.workers && input.calls > IN_PROCESS_LIMIT) {
    const batch = { flowKey: flowKeyOf(flow), flow, personas: input.personas, seed: input.seed, calls: input.calls };
    return options.workers.run(batch, { signal: options.signal, onCalls });
  }
  const results: SimulatedCallResult[] = [];
  for (let from = 0; from < input.calls; from += IN_PROCESS_CHUNK) {
    if (options.signal?.aborted) throw new SimulationCancelled();
    const to = Math.min(input.calls, from + IN_PROCESS_CHUNK);
    for (let i = from; i < to; i++) results.push(simulateCall(prepared, input.personas, input.seed, i).result);
    onCalls(to - from);
    if (to < input.calls) await nextTurn();
  }
  return results;
}
