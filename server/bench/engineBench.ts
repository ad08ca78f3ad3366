import { readFileSync } from 'node:fs';
import { compileFlow, type EntityType } from '@baton/shared';
import { createSession, type CallSession } from '../src/engine/CallSession.ts';
import { prepareFlow } from '../src/engine/RuntimeFlow.ts';
import { step } from '../src/engine/step.ts';
import { analyzeText } from '../src/nlu/analyzeText.ts';
import type { IntentClassifier } from '../src/nlu/Nlu.ts';
import { NlpjsNlu } from '../src/nlu/NlpjsNlu.ts';
import { handWrittenOf, learnedSignalsOf, loadSignalModel } from '../src/signals/index.ts';
import { billingScript } from './script.ts';
import { median } from './median.ts';

const AT = '2026-11-24T10:00:00.000Z';
/** Short rounds, alternated: drift on a shared machine then hits the engine and the NLU alike (5 rounds of 1 s spread ±0.03). */
const ROUNDS = 15;

/** Engine turns per second against the NLU alone on the same utterances at the same nodes. */
export function engineBench(flowPath: string, seconds: number) {
  const compiled = compileFlow(JSON.parse(readFileSync(flowPath, 'utf8'))).compiled!;
  const nlu = new NlpjsNlu();
  const flow = prepareFlow(compiled, 'draft', nlu);
  const newCall = (n: number): CallSession => step(flow, createSession({ callId: `c${n}`, flowId: 'bench', flowVersion: 'draft', startNodeId: compiled.startId, at: AT }), { type: 'start', at: AT }).session;

  // Where each utterance lands, so the NLU-only run classifies it with the same node's model and entity types.
  const work: Array<{ text: string; classifier: IntentClassifier | null; threshold: number; entityTypes: readonly EntityType[] }> = [];
  let probe = newCall(0);
  for (const text of billingScript) {
    const here = flow.steps.get(probe.nodeId)!;
    work.push({ text, classifier: here.classifier, threshold: here.confidenceThreshold, entityTypes: here.entityTypes });
    probe = step(flow, probe, { type: 'utterance', at: AT, text }).session;
  }

  let session = newCall(1);
  let calls = 1;
  // Throughput is timed per round, as the NLU's is, without a timer around every turn (each costs about as much as
  // 1% of a turn); a caller's start (the greeting, no words to understand) is timed apart and left out.
  const engineRound = (ms: number) => {
    let turns = 0;
    let starts = 0;
    const t0 = performance.now();
    const deadline = t0 + ms;
    while (performance.now() < deadline) {
      for (const text of billingScript) {
        session = step(flow, session, { type: 'utterance', at: AT, text }).session;
        turns++;
      }
      const s0 = performance.now();
      session = newCall(++calls); // each pass of the script is one long call (18 caller turns); then the next caller
      starts += performance.now() - s0;
    }
    return turns / ((performance.now() - t0 - starts) / 1000);
  };
  // The p99 of single turns, from a pass of its own with a timer around each turn.
  const turnTimes = (ms: number) => {
    const times: number[] = [];
    const deadline = performance.now() + ms;
    while (performance.now() < deadline) {
      for (const text of billingScript) {
        const t0 = performance.now();
        session = step(flow, session, { type: 'utterance', at: AT, text }).session;
        times.push(performance.now() - t0);
      }
      session = newCall(++calls);
    }
    return times.sort((a, b) => a - b);
  };
  const nluRound = (ms: number) => {
    let turns = 0;
    const t0 = performance.now();
    const deadline = t0 + ms;
    while (performance.now() < deadline) {
      for (const { text, classifier, threshold, entityTypes } of work) {
        const analyzed = analyzeText(text);
        classifier?.classify(analyzed, threshold);
        if (entityTypes.length > 0) nlu.extractEntities(text, entityTypes, new Date(AT));
        turns++;
      }
    }
    return turns / ((performance.now() - t0) / 1000);
  };
  engineRound(300); // warm up both before measuring
  nluRound(300);
  // Alternate rounds and take medians, so drift on a shared machine hits both sides alike.
  const engineRates: number[] = [];
  const nluRates: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    engineRates.push(engineRound((seconds * 1000) / ROUNDS));
    nluRates.push(nluRound((seconds * 1000) / ROUNDS));
  }
  const times = turnTimes((seconds * 1000) / ROUNDS);
  // The learned detectors alone (hand-written cues included) on the same words: their share of a turn.
  const analyzedScript = billingScript.map((text) => analyzeText(text));
  const detectorRound = (ms: number) => {
    let turns = 0;
    const t0 = performance.now();
    const deadline = t0 + ms;
    while (performance.now() < deadline) {
      for (const analyzed of analyzedScript) learnedSignalsOf(analyzed, handWrittenOf(analyzed));
      turns += analyzedScript.length;
    }
    return ((performance.now() - t0) * 1000) / turns;
  };
  detectorRound(200);
  const detectorMicros = median(Array.from({ length: 5 }, () => detectorRound((seconds * 200) / 5)));
  // Loading the model file as the server does at start.
  const loads = Array.from({ length: 3 }, () => {
    const t0 = performance.now();
    loadSignalModel();
    return performance.now() - t0;
  });
  const engineRate = median(engineRates);
  const nluRate = median(nluRates);
  const ratio = median(engineRates.map((e, i) => e / nluRates[i]));
  return {
    engine_turns_per_s: Math.round(engineRate),
    engine_turn_p99_ms: Number(times[Math.floor(times.length * 0.99)].toFixed(3)),
    nlu_only_turns_per_s: Math.round(nluRate),
    engine_vs_nlu_ratio: Number(ratio.toFixed(3)),
    signal_detectors_us_per_turn: Number(detectorMicros.toFixed(1)),
    signal_detectors_share_of_turn: Number((detectorMicros / (1e6 / engineRate)).toFixed(3)),
    signal_model_load_ms: Math.round(median(loads)),
  };
}
