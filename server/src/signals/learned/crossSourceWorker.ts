// A worker thread of `npm run eval:signals`: runs the cross-source evaluation for the sources it is given (each left
// out of training in turn) and posts each run back. The corpus and the NLU are its own, so nothing is shared.
import { parentPort, workerData } from 'node:worker_threads';
import { NlpjsNlu } from '../../nlu/NlpjsNlu.ts';
import { readCorpus } from './corpus.ts';
import { leaveOut } from './evalMeasures.ts';

const examples = readCorpus();
const nlu = new NlpjsNlu();
for (const source of workerData as string[]) parentPort?.postMessage({ source, ...leaveOut(examples, source, nlu) });
