// A worker thread of the simulation: plays ranges of calls and posts their results back.
import { parentPort } from 'node:worker_threads';
import type { Persona } from '@baton/shared';
import { NlpjsNlu } from '../nlu/NlpjsNlu.ts';
import { simulateCall, type SimulationFlow } from './simulateCall.ts';
import { simulationFlow, type FlowUnderTest } from './simulationFlow.ts';

export interface ChunkRequest {
  chunk: number;
  /** Identifies `flow`'s content, so each worker compiles and trains a flow once. */
  flowKey: string;
  flow: FlowUnderTest;
  personas: Persona[];
  seed: number;
  from: number;
  to: number;
}

const nlu = new NlpjsNlu();
const flows = new Map<string, SimulationFlow>();
const FLOWS_KEPT = 8;

parentPort!.on('message', (req: ChunkRequest) => {
  try {
    let flow = flows.get(req.flowKey);
    if (!flow) {
      flow = simulationFlow(req.flow, nlu);
      flows.set(req.flowKey, flow);
      if (flows.size > FLOWS_KEPT) flows.delete(flows.keys().next().value!);
    }
    const results = [];
    for (let i = req.from; i < req.to; i++) results.push(simulateCall(flow, req.personas, req.seed, i).result);
    parentPort!.postMessage({ chunk: req.chunk, results });
  } catch (err) {
    parentPort!.postMessage({ chunk: req.chunk, error: err instanceof Error ? err.message : String(err) });
  }
});
