// `npm run eval:signals`: how well the learned detectors judge caller turns they were not trained on.
// 1. A held-out split of the corpus (a fifth, chosen by a hash of each text).
// 2. Cross-source: each source left out of training in turn and judged by a model trained on the others.
// 3. Calm turns (no request, nothing sensitive, no frustration) that a detector would hand over.
// The hand-written word lists are judged on the same turns, for comparison.
import { createHash } from 'node:crypto';
import { analyzeText } from '../../nlu/analyzeText.ts';
import { NlpjsNlu } from '../../nlu/NlpjsNlu.ts';
import { addTally, emptyTally, judgeCalls, printCalls } from './callEval.ts';
import { handWrittenOf } from './cues.ts';
import { readCorpus } from './corpus.ts';
import type { HandoffModel } from './HandoffModel.ts';
import { readTurn } from './readTurn.ts';
import { FRUSTRATION_PRECISION, trainModel, type Example } from './train.ts';

const CLASSES = ['person', 'sensitive', 'safety', 'frustration'] as const;
type Class = (typeof CLASSES)[number];
type Decide = (example: Example) => Record<Class, boolean>;

interface Tally {
  tp: number;
  fp: number;
  fn: number;
}

interface Result {
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

function learned(model: HandoffModel): Decide {
  const t = model.thresholds;
  return (ex) => {
    const analyzed = analyzeText(ex.text);
    const found = handWrittenOf(analyzed);
    const p = readTurn(model, analyzed, found);
    return { person: p.person >= t.person, sensitive: p.sensitive >= t.sensitive, safety: p.safety >= t.safety || found.danger !== null, frustration: p.frustration >= t.frustration };
  };
}

/** Today's word lists: a request phrase, a listed sensitive phrase ("vulnerability" stands for safety), sentiment below -0.5. */
const handWritten: Decide = (ex) => {
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

function evaluate(decide: Decide, test: readonly Example[]): Result {
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

function print(title: string, r: Result): void {
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

const examples = readCorpus();
const verbose = process.argv.includes('--verbose');
const inTest = (ex: Example) => createHash('sha256').update(ex.text).digest()[0] < 256 / 5;
const test = examples.filter(inTest);
const train = examples.filter((ex) => !inTest(ex));

console.log(`Corpus: ${examples.length} caller turns from ${new Set(examples.map((e) => e.source)).size} sources. Decisions at the thresholds each model chose for precision 0.95 (frustration: ${FRUSTRATION_PRECISION}; safety: see train.ts).`);
const nlu = new NlpjsNlu();
const heldOutModel = trainModel(train);
const heldOut = evaluate(learned(heldOutModel), test);
print(`Held-out split (${test.length} turns, trained on the other ${train.length}): learned detectors`, heldOut);
printCalls('Held-out split as calls through the billing example (each turn alone, and after one to three calm turns)', judgeCalls(heldOutModel, test, nlu));
print('Held-out split: hand-written word lists (today)', evaluate(handWritten, test));

const sources = [...new Set(examples.map((e) => e.source))].sort();
const pooled: Result[] = [];
const calls = emptyTally();
for (const source of sources) {
  const left = examples.filter((e) => e.source === source);
  // A turn two writers happened to both write ("agent") is left out of training too, so nothing judged was seen.
  const leftTexts = new Set(left.map((e) => e.text.trim().toLowerCase()));
  const model = trainModel(examples.filter((e) => e.source !== source && !leftTexts.has(e.text.trim().toLowerCase())));
  const result = evaluate(learned(model), left);
  pooled.push(result);
  addTally(calls, judgeCalls(model, left, nlu));
  if (verbose) print(`Left out: ${source} (${left.length} turns)`, result);
}
const sum = (pick: (r: Result) => number) => pooled.reduce((s, r) => s + pick(r), 0);
const crossSource: Result = {
  byClass: Object.fromEntries(CLASSES.map((c) => [c, { tp: sum((r) => r.byClass[c].tp), fp: sum((r) => r.byClass[c].fp), fn: sum((r) => r.byClass[c].fn) }])) as Record<Class, Tally>,
  calm: sum((r) => r.calm),
  calmHandedOver: sum((r) => r.calmHandedOver),
  calmFrustrated: sum((r) => r.calmFrustrated),
  safetyMissed: pooled.flatMap((r) => r.safetyMissed),
  calmExamples: pooled.flatMap((r) => r.calmExamples),
};
print(`Cross-source (each of ${sources.join(', ')} left out in turn; pooled)`, crossSource);
print('All sources: hand-written word lists (today)', evaluate(handWritten, examples));
printCalls('Cross-source as calls through the billing example (each turn alone, and after one to three calm turns)', calls);
if (verbose) console.log(`\nCalm turns handed over (cross-source):\n  ${crossSource.calmExamples.join('\n  ')}`);
if (verbose) console.log(`\nCalls judged wrong (cross-source):\n  ${calls.wrong.join('\n  ')}`);
