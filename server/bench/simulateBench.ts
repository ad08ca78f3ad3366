import { readFileSync } from 'node:fs';
import path from 'node:path';
import { staffingSchema } from '@baton/shared';
import { replayRealCalls, simulatedRealCalls } from '../src/simulation/replayRealCalls.ts';
import { simulationFlow } from '../src/simulation/simulationFlow.ts';
import { NlpjsNlu } from '../src/nlu/NlpjsNlu.ts';
import { loadPersonas } from '../src/simulation/loadPersonas.ts';
import { runSimulation, type SimulationInput } from '../src/simulation/runSimulation.ts';
import { SimulationWorkers } from '../src/simulation/SimulationWorkers.ts';
import { median } from './median.ts';

const CALLS = 10_000;
const ROUNDS = 5;
/** A server keeps its worker pool warm between runs: runs are repeated until the workers' code is optimised. */
const WARM_UP_MS = 2000;
const root = path.resolve(import.meta.dirname, '../..');

/**
 * Simulated calls per second: 10,000 calls of the billing example with the default persona mix on
 * every core, against the engine's own turns per second from the same run (`engineTurnsPerS`, one core).
 * The worker pool is warmed up first, as a server keeps it warm between runs: its first runs, while the workers start
 * and their code is optimised, are up to twice as slow.
 */
export async function simulateBench(engineTurnsPerS: number) {
  const doc = JSON.parse(readFileSync(path.join(root, 'flows/billing-support.json'), 'utf8'));
  const personas = await loadPersonas(path.join(root, 'flows/personas'));
  const workers = new SimulationWorkers();
  const nlu = new NlpjsNlu();
  const input = (seed: number): SimulationInput => ({ flow: { doc, version: 'draft' }, personas, calls: CALLS, seed, staffing: staffingSchema.parse({}) });
  try {
    for (let seed = 1, t0 = performance.now(); performance.now() - t0 < WARM_UP_MS; seed++) await runSimulation(input(seed), { nlu, workers });
    const rates: number[] = [];
    const turnsPerCall: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const t0 = performance.now();
      const { run } = await runSimulation(input(100 + round), { nlu, workers });
      rates.push(CALLS / ((performance.now() - t0) / 1000));
      turnsPerCall.push(run.results.reduce((sum, r) => sum + r.turns, 0) / CALLS);
    }
    const callsPerS = median(rates);
    const meanTurns = median(turnsPerCall);
    // Real calls: 10,000 simulated callers' calls written as a call log would keep them, replayed through the flow.
    const calls = simulatedRealCalls(simulationFlow({ doc, version: 1 }, nlu), personas, 100, CALLS);
    const replay = { flow: { doc, version: 'draft' as const }, calls, seed: 1, staffing: staffingSchema.parse({}) };
    for (let t0 = performance.now(); performance.now() - t0 < WARM_UP_MS; ) await replayRealCalls(replay, { nlu, workers });
    const replayRates: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const t0 = performance.now();
      await replayRealCalls(replay, { nlu, workers });
      replayRates.push(CALLS / ((performance.now() - t0) / 1000));
    }
    const replayPerS = median(replayRates);
    return {
      replay_real_calls_per_s: Math.round(replayPerS),
      replay_vs_simulate_ratio: Number((replayPerS / callsPerS).toFixed(2)),
      simulate_calls_per_s: Math.round(callsPerS),
      simulate_mean_turns_per_call: Number(meanTurns.toFixed(2)),
      simulate_vs_engine_ratio: Number(((callsPerS * meanTurns) / engineTurnsPerS / workers.size).toFixed(3)),
      simulate_cores: workers.size,
    };
  } finally {
    await workers.close();
  }
}
