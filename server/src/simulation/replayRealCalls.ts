import type { CallEvent, Persona, SimulatedCallResult, Staffing } from '@baton/shared';
import { buildReport } from './buildReport.ts';
import { compareRuns } from './compareRuns.ts';
import { runQueues } from './queueModel.ts';
import { replayRealCall, type RealCall } from './replayRealCall.ts';
import { flowKeyOf, handoffArrivals, IN_PROCESS_LIMIT, type SimulationOptions, type SimulationOutput, type VersionRun } from './runSimulation.ts';
import { simulateCall, START, type SimulationFlow } from './simulateCall.ts';
import { simulationFlow, type FlowUnderTest } from './simulationFlow.ts';
import { SimulationCancelled } from './SimulationWorkers.ts';

/** Between chunks the event loop gets a turn, for progress and cancelling. */
const CHUNK = 100;
/** The reproduction check lists at most this many calls that replayed differently. */
const MAX_DIFFERED = 50;

export interface ReplayInput {
  flow: FlowUnderTest;
  baseline?: FlowUnderTest;
  /** Oldest first: the index of each is its place here. */
  calls: readonly RealCall[];
  /** For the queue model's handle times and patience. */
  seed: number;
  staffing: Staffing;
}

export interface ReplayOutput extends SimulationOutput {
  reproduction: { checked: number; same: number; differed: number[] };
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Each call through one version: on the worker threads when there are many, else in process between turns of the event loop. */
async function playCalls(flow: FlowUnderTest, calls: readonly RealCall[], options: SimulationOptions, onCalls: (n: number) => void): Promise<SimulatedCallResult[]> {
  // Compiled here even for the workers: a flow with errors is refused (422) before any thread starts.
  const prepared = simulationFlow(flow, options.nlu);
  if (options.workers && calls.length > IN_PROCESS_LIMIT)
    return options.workers.run({ flowKey: flowKeyOf(flow), flow, personas: [], seed: 0, calls: calls.length, realCalls: calls }, { signal: options.signal, onCalls });
  const results: SimulatedCallResult[] = [];
  for (let from = 0; from < calls.length; from += CHUNK) {
    if (options.signal?.aborted) throw new SimulationCancelled();
    const to = Math.min(calls.length, from + CHUNK);
    for (let i = from; i < to; i++) results.push(replayRealCall(prepared, calls[i], i).result);
    onCalls(to - from);
    if (to < calls.length) await nextTurn();
  }
  return results;
}

/**
 * Real calls replayed through a version (and a baseline): each caller's own events through the real engine and NLU,
 * the handoffs through the queue model at the moments the calls really came in, then the same report and what-if diff
 * as simulated callers get. Calls that ran on the baseline's version (or, alone, the version replayed) are checked to
 * end as they really did: the replay's own test.
 */
export async function replayRealCalls(input: ReplayInput, options: SimulationOptions): Promise<ReplayOutput> {
  const total = input.calls.length * (input.baseline ? 2 : 1);
  let done = 0;
  const first = input.calls.length ? Date.parse(input.calls[0].startedAt) : 0;
  const arrivals = Float64Array.from(input.calls, (c) => Math.max(0, (Date.parse(c.startedAt) - first) / 1000));
  const runVersion = async (flow: FlowUnderTest): Promise<VersionRun> => {
    const results = await playCalls(flow, input.calls, options, (n) => {
      done += n;
      options.onProgress?.(done, total);
    });
    const queue = runQueues(handoffArrivals(results, arrivals), input.staffing, input.seed);
    const report = buildReport({ flow: { id: flow.doc.id, version: flow.version }, seed: input.seed, results, queue, staffing: input.staffing });
    return { report, results, queue };
  };
  const run = await runVersion(input.flow);
  const baselineRun = input.baseline ? await runVersion(input.baseline) : undefined;
  const checkedRun = baselineRun ?? run;
  const checkedVersion = String((input.baseline ?? input.flow).version);
  const reproduction = { checked: 0, same: 0, differed: [] as number[] };
  input.calls.forEach((call, i) => {
    // A draft changes after its calls ran: only a published version's calls can be checked.
    if (checkedVersion === 'draft' || call.flowVersion !== checkedVersion) return;
    reproduction.checked += 1;
    const replayed = checkedRun.results[i];
    if (replayed.outcome === call.happened.outcome && (replayed.handoff?.category ?? null) === call.happened.category) reproduction.same += 1;
    else if (reproduction.differed.length < MAX_DIFFERED) reproduction.differed.push(i);
  });
  if (!baselineRun) return { run, reproduction };
  const comparison = compareRuns(baselineRun, run);
  for (const changed of comparison.changedCalls.calls) changed.realCall = { callId: input.calls[changed.index].callId, startedAt: input.calls[changed.index].startedAt };
  return { run, baselineRun, comparison, reproduction };
}

/**
 * Seeded callers' calls written as the call log keeps real ones (the start, then each caller turn at its time): real
 * calls for the bench and the tests, whose replay on the version they ran on must end each as it did.
 */
export function simulatedRealCalls(flow: SimulationFlow, personas: readonly Persona[], seed: number, count: number): RealCall[] {
  return Array.from({ length: count }, (_, i) => {
    const detail = simulateCall(flow, personas, seed, i);
    const startedAt = new Date(START).toISOString();
    const turns: CallEvent[] = [];
    detail.session.transcript.toArray().forEach((entry, at) => {
      if (entry.from !== 'caller') return;
      const loudnessDb = detail.loudness.get(at);
      turns.push({ type: 'utterance', at: entry.at, text: entry.text, ...(loudnessDb === undefined ? {} : { loudnessDb }) });
    });
    if (detail.result.outcome === 'hung_up') turns.push({ type: 'hangup', at: detail.session.endedAt ?? startedAt });
    const happened = { outcome: detail.result.outcome, category: detail.result.handoff?.category ?? null };
    return { callId: `real-${i}`, flowId: flow.runtime.compiled.flow.id, startedAt, flowVersion: String(flow.runtime.version), start: { type: 'start', at: startedAt }, turns, happened, path: detail.session.path.toArray() };
  });
}
