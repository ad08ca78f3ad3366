// A worker thread of the simulation: plays ranges of calls and posts their results back.
import { parentPort } from 'node:worker_threads';
import type { Persona } from '@baton/shared';
import { NlpjsNlu } from '../nlu/NlpjsNlu.ts';
import { replayRealCall, type RealCall } from './replayRealCall.ts';
import { simulateCall, type SimulationFlow } from './simulateCall.ts';
import { simulationFlow, type FlowUnderTest } from './simulationFlow.ts';

/**
 * What a worker is told. A batch's flow and callers come once, before its ranges of calls; the messages of one port
 * arrive in order, so every range runs with its own batch.
 */
export type WorkerRequest =
  | {
      type: 'batch';
      /** Identifies `flow`'s content, so each worker compiles and trains a flow once. */
      flowKey: string;
      flow: FlowUnderTest;
      personas: Persona[];
      seed: number;
    }
  /** `realCalls`: the range's real calls to replay (from `from` on), instead of seeded callers. */
  | { type: 'calls'; chunk: number; from: number; to: number; realCalls?: readonly RealCall[] };

const nlu = new NlpjsNlu();
const flows = new Map<string, SimulationFlow>();
const FLOWS_KEPT = 8;
let batch: { flow: SimulationFlow; personas: Persona[]; seed: number } | Error | undefined;

parentPort!.on('message', (req: WorkerRequest) => {
  if (req.type === 'batch') {
    try {
      batch = { flow: flowFor(req.flowKey, req.flow), personas: req.personas, seed: req.seed };
    } catch (err) {
      // Reported with the batch's first range of calls.
      batch = err instanceof Error ? err : new Error(String(err));
    }
    return;
  }
  try {
    if (!batch) throw new Error('a range of calls came before its batch');
    if (batch instanceof Error) throw batch;
    const results = [];
    const { flow, personas, seed } = batch;
    const real = req.realCalls;
    for (let i = req.from; i < req.to; i++) results.push((real ? replayRealCall(flow, real[i - req.from], i) : simulateCall(flow, personas, seed, i)).result);
    parentPort!.postMessage({ chunk: req.chunk, results });
  } catch (err) {
    parentPort!.postMessage({ chunk: req.chunk, error: err instanceof Error ? err.message : String(err) });
  }
});

function flowFor(key: string, flow: FlowUnderTest): SimulationFlow {
  let prepared = flows.get(key);
  if (!prepared) {
    prepared = simulationFlow(flow, nlu);
    flows.set(key, prepared);
    if (flows.size > FLOWS_KEPT) flows.delete(flows.keys().next().value!);
  }
  return prepared;
}
