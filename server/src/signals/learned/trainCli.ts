// `npm run train:signals`: trains the learned handoff detectors on the corpus and writes the model file the server
// loads at start. Deterministic: the same corpus gives the same file, byte for byte.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { MODEL_FILE, readCorpus } from './corpus.ts';
import { trainModel } from './train.ts';

const started = performance.now();
const examples = readCorpus();
const model = trainModel(examples);
const file = model.toFile();
mkdirSync(path.dirname(MODEL_FILE), { recursive: true });
writeFileSync(MODEL_FILE, file);
const { thresholds, trainedOn } = model.header;
console.log(`Trained on ${examples.length} examples (${Object.entries(trainedOn).map(([s, n]) => `${s} ${n}`).join(', ')}) in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
console.log(`Default thresholds: person ${thresholds.person.toFixed(3)}, sensitive ${thresholds.sensitive.toFixed(3)}, safety ${thresholds.safety.toFixed(3)}, frustration ${thresholds.frustration.toFixed(3)}.`);
console.log(`Wrote ${path.relative(process.cwd(), MODEL_FILE)} (${(file.length / 1024).toFixed(0)} KB).`);
