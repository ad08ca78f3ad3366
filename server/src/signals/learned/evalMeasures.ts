// What `npm run eval:signals` measures: each class's decisions against the corpus's labels, and the left-out-source
// runs of the cross-source evaluation (run in worker threads, one per core: see crossSourceWorker.ts).
import { analyzeText } from '../../nlu/analyzeText.ts';
import type { Nlu } from '../../nlu/Nlu.ts';
import { judgeCalls, type CallTally } from './callEval.ts';
import { handWrittenOf } from './cues.ts';
import type { HandoffModel } from './HandoffModel.ts';
import { atRisk } from './learnedSignals.ts';
import { readTurn } from './readTurn.ts';
import { trainModel, type Example } from './train.ts';

export const CLASSES = ['person', 'sensitive', 'safety', 'frustration'] as const;
export type Class = (typeof CLASSES)[number];
type Decide = (example: Example) => Record<Class, boolean>;

export interface Tally {
  tp: number;
  fp: number;
  fn: number;
}

export interface Result {
  byClass: Record<Class, Tally>;
  calm: number;
  calmHandedOver: number;
  calmFrustrated: number;
  safetyMissed: string[];
  calmExamples: string[];
}

const truthOf = (ex: Example): Record<Class, boolean> => ({
  person: ex.person,
  sensitive: ex.topic !== null && ex.topic !== 'safety',
  safety: ex.topic === 'safety',
  frustration: ex.frustration,
});

export function learned(model: HandoffModel): Decide {
  const t = model.thresholds;
  return (ex) => {
    const analyzed = analyzeText(ex.text);
    const found = handWrittenOf(analyzed);
    const p = readTurn(model, analyzed, found);
    return { person: p.person >= t.person, sensitive: p.sensitive >= t.sensitive, safety: atRisk(p.safety, t.safety, found), frustration: p.frustration >= t.frustration };
  };
}

/** Today's word lists: a request phrase, a listed sensitive phrase ("vulnerability" stands for safety), sentiment below -0.5. */
export const handWritten: Decide = (ex) => {
  const analyzed = analyzeText(ex.text);
  const found = handWrittenOf(analyzed);
  const topics = found.sensitive.topics.map((t) => t.topic);
  return {
    person: found.explicitRequest.requested,
    sensitive: topics.length > 0,
    safety: topics.includes('vulnerability'),
    frustration: found.sentiment.value <= -0.5,
  };
};

export function evaluate(decide: Decide, test: readonly Example[]): Result {
  const byClass = Object.fromEntries(CLASSES.map((c) => [c, { tp: 0, fp: 0, fn: 0 }])) as Record<Class, Tally>;
  const result: Result = { byClass, calm: 0, calmHandedOver: 0, calmFrustrated: 0, safetyMissed: [], calmExamples: [] };
  for (const ex of test) {
    const said = decide(ex);
    const truth = truthOf(ex);
    for (const c of CLASSES) {
      if (said[c] && truth[c]) byClass[c].tp++;
      else if (said[c]) byClass[c].fp++;
      else if (truth[c]) byClass[c].fn++;
    }
    if (truth.safety && !said.safety) result.safetyMissed.push(ex.text);
    if (!truth.person && !truth.sensitive && !truth.safety && !truth.frustration) {
      result.calm++;
      if (said.person || said.sensitive || said.safety || said.frustration) {
        result.calmHandedOver++;
        result.calmExamples.push(ex.text);
      }
      if (said.frustration) result.calmFrustrated++;
    }
  }
  return result;
}

const pct = (n: number) => `${(100 * n).toFixed(1)}%`;
const fixed = (n: number) => (Number.isFinite(n) ? n.toFixed(3) : '  -  ');

export function print(title: string, r: Result): void {
  console.log(`\n${title}`);
  console.log('  class         precision  recall     F1   (true+, false+, missed)');
  for (const c of CLASSES) {
    const { tp, fp, fn } = r.byClass[c];
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    const f1 = (2 * tp) / (2 * tp + fp + fn);
    console.log(`  ${c.padEnd(12)}  ${fixed(precision).padStart(9)}  ${fixed(recall).padStart(6)}  ${fixed(f1).padStart(5)}   (${tp}, ${fp}, ${fn})`);
  }
  console.log(`  calm turns handed over by a detector (frustration included): ${r.calmHandedOver} of ${r.calm} (${pct(r.calmHandedOver / r.calm)}); read as frustrated: ${r.calmFrustrated} (${pct(r.calmFrustrated / r.calm)})`);
  console.log(`  safety messages missed: ${r.safetyMissed.length}${r.safetyMissed.length ? ': ' + r.safetyMissed.map((t) => JSON.stringify(t)).join('; ') : ''}`);
}

/** One run of the cross-source evaluation: the source judged by a model trained on all the others. */
export function leaveOut(examples: readonly Example[], source: string, nlu: Nlu): { result: Result; calls: CallTally } {
  const left = examples.filter((e) => e.source === source);
  // A turn two writers happened to both write ("agent") is left out of training too, so nothing judged was seen.
  const leftTexts = new Set(left.map((e) => e.text.trim().toLowerCase()));
  const model = trainModel(examples.filter((e) => e.source !== source && !leftTexts.has(e.text.trim().toLowerCase())));
  return { result: evaluate(learned(model), left), calls: judgeCalls(model, left, nlu) };
}
