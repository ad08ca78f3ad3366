// `npm run eval:signals`: how well the learned detectors judge caller turns they were not trained on.
// 1. A held-out split of the corpus (a fifth, chosen by a hash of each text).
// 2. Cross-source: each source left out of training in turn and judged by a model trained on the others.
// 3. Calm turns (no request, nothing sensitive, no frustration) that a detector would hand over.
// `--held-out` stops after the held-out split (a couple of minutes rather than about 22 minutes), for trying a change.
// The hand-written word lists are judged on the same turns, for comparison.
// Calls are also reported for the team-written sources alone: the public dialogue sources are all calm and mostly
// easy, so figures without them compare with those measured before they were added (2026-12-08).
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { NlpjsNlu } from '../../nlu/NlpjsNlu.ts';
import { addTally, emptyTally, judgeCalls, pct, printCalls, type CallTally } from './callEval.ts';
import { readCorpus } from './corpus.ts';
import { CLASSES, evaluate, handWritten, learned, print, type Class, type Result, type Tally } from './evalMeasures.ts';
import { FRUSTRATION_PRECISION, trainModel, type Example } from './train.ts';

const examples = readCorpus();
const verbose = process.argv.includes('--verbose');
const teamWritten = (ex: { source: string }) => ex.source.startsWith('team-');
const inTest = (ex: Example) => createHash('sha256').update(ex.text).digest()[0] < 256 / 5;
const test = examples.filter(inTest);
const train = examples.filter((ex) => !inTest(ex));

console.log(`Corpus: ${examples.length} caller turns from ${new Set(examples.map((e) => e.source)).size} sources. Decisions at the thresholds each model chose for precision 0.95 (frustration: ${FRUSTRATION_PRECISION}; safety: see train.ts).`);
const nlu = new NlpjsNlu();
const heldOutModel = trainModel(train);
const heldOut = evaluate(learned(heldOutModel), test);
print(`Held-out split (${test.length} turns, trained on the other ${train.length}): learned detectors`, heldOut);
// Each turn judged once: the team's turns (their lead turns from the team's calm turns) and the public ones apart.
const teamHeldOutCalls = judgeCalls(heldOutModel, test.filter(teamWritten), nlu);
const heldOutCalls = emptyTally();
addTally(heldOutCalls, teamHeldOutCalls);
addTally(heldOutCalls, judgeCalls(heldOutModel, test.filter((ex) => !teamWritten(ex)), nlu));
printCalls('Held-out split as calls through the billing example (each turn alone, and after one to three calm turns)', heldOutCalls);
printCalls('Held-out split as calls, the team-written sources only', teamHeldOutCalls);
print('Held-out split: hand-written word lists (today)', evaluate(handWritten, test));
if (process.argv.includes('--held-out')) {
  if (verbose) console.log(`\nCalls judged wrong (held-out):\n  ${heldOutCalls.wrong.join('\n  ')}`);
  process.exit(0);
}

const sources = [...new Set(examples.map((e) => e.source))].sort();
// Each left-out source trains a model of its own: the runs are shared out between worker threads, one per core.
const runs = new Map<string, { result: Result; calls: CallTally }>();
const workers = Math.max(1, Math.min(availableParallelism(), sources.length));
await Promise.all(
  Array.from({ length: workers }, (_, w) => {
    const mine = sources.filter((_, i) => i % workers === w);
    return new Promise<void>((resolve, reject) => {
      // A worker does not inherit tsx's loader: it registers it before importing the TypeScript worker.
      const script = new URL('./crossSourceWorker.ts', import.meta.url).href;
      const worker = new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(script)}); })`, { eval: true, workerData: mine });
      worker.on('message', (run: { source: string; result: Result; calls: CallTally }) => runs.set(run.source, run));
      worker.on('error', reject);
      worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`a cross-source worker stopped with code ${code}`))));
    });
  }),
);
const pooled: Result[] = [];
const calls = emptyTally();
const teamCalls = emptyTally();
for (const source of sources) {
  const run = runs.get(source);
  if (!run) throw new Error(`no cross-source run for ${source}`);
  pooled.push(run.result);
  addTally(calls, run.calls);
  if (teamWritten({ source })) addTally(teamCalls, run.calls);
  if (verbose) print(`Left out: ${source}`, run.result);
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
printCalls('Cross-source as calls, the team-written sources only', teamCalls);
for (const source of sources.filter((s) => !teamWritten({ source: s }))) {
  const { calm, calmHandedOver } = runs.get(source)!.calls;
  console.log(`  left out, ${source}: calm cases handed over ${calmHandedOver} of ${calm} (${pct(calmHandedOver, calm)})`);
}
if (verbose) console.log(`\nCalm turns handed over (cross-source):\n  ${crossSource.calmExamples.join('\n  ')}`);
if (verbose) console.log(`\nCalls judged wrong (cross-source):\n  ${calls.wrong.join('\n  ')}`);
