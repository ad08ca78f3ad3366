import { analyzeText } from '../../nlu/analyzeText.ts';
import type { AnalyzedText } from '../../nlu/Nlu.ts';
import { cuesOf, handWrittenOf, type HandWritten } from './cues.ts';
import { sentencesOf } from './sentences.ts';
import { BUCKET_BITS, createFeatures, featuresOf } from './features.ts';
import { wordGroups } from './wordGroups.ts';
import { FRUSTRATION, HandoffModel, OUTPUTS, PERSON, sigmoid, softmax, TOPIC0, TOPICS, type Calibration, type LearnedTopic, type Thresholds } from './HandoffModel.ts';

// Training the learned detectors: logistic regression (two yes/no heads and a softmax over topics) by AdaGrad over
// hashed features. Hand-written rather than a library: the model is ~10 multiply-adds per feature, and the trainer must
// produce exactly the features the server reads, deterministically (fixed order, seeded shuffle, no threads).

/** One labelled caller turn of the corpus. */
export interface Example {
  text: string;
  person: boolean;
  frustration: boolean;
  topic: LearnedTopic | null;
  source: string;
}

interface Encoded {
  buckets: Int32Array;
  values: Float32Array;
  person: number;
  frustration: number;
  topic: number;
  /** A long turn's sentences, read apart as the server reads them (see sentences.ts); not trained on. */
  sentences: Array<{ buckets: Int32Array; values: Float32Array }>;
}

/** What the detectors must reach on examples they were not trained on; the thresholds are chosen for it. */
export const TARGET_PRECISION = 0.95;
/**
 * Frustration is a matter of degree that people label differently; 0.95 would leave it deaf to all but the loudest
 * turns. At 0.9, about one handover in ten for frustration is of a caller who was not, and over a call the trigger also
 * weighs repetition, voice and the turns before. (0.88 handed over more calm callers in whole calls through the billing
 * example, where a calm caller speaks several turns, for little more recall: see `npm run eval:signals`.)
 */
export const FRUSTRATION_PRECISION = 0.9;

const scratch = createFeatures();

/** A turn's features exactly as the server reads them. */
export function encode(example: Example): Encoded {
  const analyzed = analyzeText(example.text);
  const read = (a: AnalyzedText, found: HandWritten) => {
    const f = featuresOf(a, cuesOf(a, found), scratch);
    return { buckets: f.buckets.slice(0, f.count), values: f.values.slice(0, f.count) };
  };
  return {
    ...read(analyzed, handWrittenOf(analyzed)),
    sentences: sentencesOf(analyzed).map((s) => read(s.analyzed, s.found)),
    person: example.person ? 1 : 0,
    frustration: example.frustration ? 1 : 0,
    topic: example.topic ? TOPICS.indexOf(example.topic) : 0,
  };
}

export interface TrainOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
}

export const DEFAULT_TRAINING: TrainOptions = { epochs: 12, learningRate: 0.2, l2: 1e-4, seed: 20261205 };

interface Raw {
  weights: Float32Array;
  bias: number[];
}

/** Seeded PRNG (mulberry32): the same shuffle on every machine. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  const next = random(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function trainRaw(data: readonly Encoded[], options: TrainOptions): Raw {
  const size = OUTPUTS << BUCKET_BITS;
  const weights = new Float32Array(size);
  const squares = new Float32Array(size);
  const bias = new Array<number>(OUTPUTS).fill(0);
  const biasSquares = new Array<number>(OUTPUTS).fill(0);
  const z = new Float64Array(OUTPUTS);
  const g = new Float64Array(OUTPUTS);
  const topics = new Float64Array(TOPICS.length);
  const { learningRate: lr, l2 } = options;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (const ex of shuffled(data, options.seed + epoch)) {
      for (let k = 0; k < OUTPUTS; k++) z[k] = bias[k];
      for (let f = 0; f < ex.buckets.length; f++) {
        const base = ex.buckets[f] * OUTPUTS;
        for (let k = 0; k < OUTPUTS; k++) z[k] += weights[base + k] * ex.values[f];
      }
      g[PERSON] = sigmoid(z[PERSON]) - ex.person;
      g[FRUSTRATION] = sigmoid(z[FRUSTRATION]) - ex.frustration;
      softmax(z, TOPIC0, TOPICS.length, 1, topics);
      for (let t = 0; t < TOPICS.length; t++) g[TOPIC0 + t] = topics[t] - (t === ex.topic ? 1 : 0);
      for (let k = 0; k < OUTPUTS; k++) {
        biasSquares[k] += g[k] * g[k];
        bias[k] -= (lr * g[k]) / (Math.sqrt(biasSquares[k]) + 1e-8);
      }
      for (let f = 0; f < ex.buckets.length; f++) {
        const base = ex.buckets[f] * OUTPUTS;
        const v = ex.values[f];
        for (let k = 0; k < OUTPUTS; k++) {
          const i = base + k;
          const grad = g[k] * v + l2 * weights[i];
          squares[i] += grad * grad;
          weights[i] -= (lr * grad) / (Math.sqrt(squares[i]) + 1e-8);
        }
      }
    }
  }
  return { weights, bias };
}

/**
 * The raw scores the server's reading of a turn decides by: the whole turn's, with a sentence's own for the request
 * and the topics where that sentence reads more strongly (as readTurn does).
 */
function pooledScores(model: Raw, ex: Encoded, z: Float64Array): Float64Array {
  rawScores(model, ex, z);
  const s = new Float64Array(OUTPUTS);
  for (const sentence of ex.sentences) {
    rawScores(model, sentence, s);
    if (s[PERSON] > z[PERSON]) z[PERSON] = s[PERSON];
    if (sensitiveMargin(s) > sensitiveMargin(z)) for (let t = 0; t < TOPICS.length; t++) z[TOPIC0 + t] = s[TOPIC0 + t];
  }
  return z;
}

/** How much more the topics other than "none" weigh than "none", in raw scores (the order of 1 - P(none)). */
function sensitiveMargin(z: Float64Array): number {
  let max = -Infinity;
  for (let t = 1; t < TOPICS.length; t++) max = Math.max(max, z[TOPIC0 + t]);
  let sum = 0;
  for (let t = 1; t < TOPICS.length; t++) sum += Math.exp(z[TOPIC0 + t] - max);
  return max + Math.log(sum) - z[TOPIC0];
}

function rawScores(model: Raw, ex: { buckets: Int32Array; values: Float32Array }, z: Float64Array): Float64Array {
  for (let k = 0; k < OUTPUTS; k++) z[k] = model.bias[k];
  for (let f = 0; f < ex.buckets.length; f++) {
    const base = ex.buckets[f] * OUTPUTS;
    for (let k = 0; k < OUTPUTS; k++) z[k] += model.weights[base + k] * ex.values[f];
  }
  return z;
}

/** Platt scaling: a and b of p = sigmoid(a·z + b), by Newton's method on the log loss. */
function platt(z: readonly number[], y: readonly number[]): { a: number; b: number } {
  let a = 1;
  let b = 0;
  for (let iteration = 0; iteration < 50; iteration++) {
    let ga = 0, gb = 0, haa = 1e-9, hab = 0, hbb = 1e-9;
    for (let i = 0; i < z.length; i++) {
      const p = sigmoid(a * z[i] + b);
      const d = p - y[i];
      const w = p * (1 - p);
      ga += d * z[i];
      gb += d;
      haa += w * z[i] * z[i];
      hab += w * z[i];
      hbb += w;
    }
    const det = haa * hbb - hab * hab;
    if (Math.abs(det) < 1e-12) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-9) break;
  }
  return { a, b };
}

/** The softmax temperature that best fits held-out topic scores (golden-section search on the log loss). */
function temperature(z: readonly Float64Array[], y: readonly number[]): number {
  const out = new Float64Array(TOPICS.length);
  const loss = (t: number) => {
    let sum = 0;
    for (let i = 0; i < z.length; i++) sum -= Math.log(Math.max(1e-12, softmax(z[i], TOPIC0, TOPICS.length, t, out)[y[i]]));
    return sum;
  };
  let lo = 0.2;
  let hi = 5;
  const ratio = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 60; i++) {
    const m1 = hi - ratio * (hi - lo);
    const m2 = lo + ratio * (hi - lo);
    if (loss(m1) < loss(m2)) hi = m2;
    else lo = m1;
  }
  return (lo + hi) / 2;
}

/** The lowest threshold whose decisions reach `precision` on these scores; the highest score + 1 if none does. */
export function thresholdForPrecision(scores: readonly number[], truth: readonly boolean[], precision: number): number {
  const order = scores.map((_, i) => i).sort((i, j) => scores[j] - scores[i]);
  let tp = 0;
  let fp = 0;
  let best = 1;
  for (let r = 0; r < order.length; r++) {
    const i = order[r];
    if (truth[i]) tp++;
    else fp++;
    // Only where the score changes: ties are decided together.
    if (r + 1 < order.length && scores[order[r + 1]] === scores[i]) continue;
    if (tp > 0 && tp / (tp + fp) >= precision) best = scores[i];
  }
  return best;
}

/** The probabilities that decide each detector, of a calibrated model or of held-out predictions. */
export interface Probabilities {
  person: number;
  frustration: number;
  /** That the turn raises some sensitive matter other than safety: the topics' probabilities together. */
  sensitive: number;
  safety: number;
}

export function decisionsOf(topics: Float64Array, person: number, frustration: number): Probabilities {
  let sensitive = 0;
  for (let t = 1; t < TOPICS.length; t++) if (TOPICS[t] !== 'safety') sensitive += topics[t];
  return { person, frustration, sensitive, safety: topics[TOPICS.indexOf('safety')] };
}

const FOLDS = 5;
/**
 * Share of held-out safety turns the safety threshold must catch by itself, and the lowest threshold it may have: below
 * about 0.35 the model says "safety" of ordinary turns ("hang on", "I haven't got the bill here"). The danger phrases
 * catch the rest.
 */
const SAFETY_FLOOR = 0.35;
const SAFETY_RECALL = 0.95;

/**
 * Trains the detectors on these examples: calibration and default thresholds from out-of-fold predictions (each
 * example predicted by a model trained without it), then the weights from all of them.
 */
export function trainModel(examples: readonly Example[], options: TrainOptions = DEFAULT_TRAINING): HandoffModel {
  const data = shuffled(examples, options.seed).map(encode);
  const outOfFold = data.map(() => new Float64Array(OUTPUTS));
  for (let fold = 0; fold < FOLDS; fold++) {
    const model = trainRaw(data.filter((_, i) => i % FOLDS !== fold), options);
    data.forEach((ex, i) => {
      if (i % FOLDS === fold) pooledScores(model, ex, outOfFold[i]);
    });
  }
  const calibration: Calibration = {
    person: platt(outOfFold.map((z) => z[PERSON]), data.map((ex) => ex.person)),
    frustration: platt(outOfFold.map((z) => z[FRUSTRATION]), data.map((ex) => ex.frustration)),
    topicTemperature: temperature(outOfFold, data.map((ex) => ex.topic)),
  };
  const topics = new Float64Array(TOPICS.length);
  const held = outOfFold.map((z) =>
    decisionsOf(
      softmax(z, TOPIC0, TOPICS.length, calibration.topicTemperature, topics).slice(),
      sigmoid(calibration.person.a * z[PERSON] + calibration.person.b),
      sigmoid(calibration.frustration.a * z[FRUSTRATION] + calibration.frustration.b),
    ),
  );
  const safetyIndex = TOPICS.indexOf('safety');
  // Safety must never be missed: the threshold keeps SAFETY_RECALL of the held-out safety examples (the rest are the
  // odd turn that reads as safety only with the call around it), and stays within reason.
  const safetyScores = held.filter((_, i) => data[i].topic === safetyIndex).map((p) => p.safety).sort((a, b) => a - b);
  const thresholds: Thresholds = {
    person: thresholdForPrecision(held.map((p) => p.person), data.map((ex) => ex.person === 1), TARGET_PRECISION),
    sensitive: thresholdForPrecision(held.map((p) => p.sensitive), data.map((ex) => ex.topic !== 0 && ex.topic !== safetyIndex), TARGET_PRECISION),
    frustration: thresholdForPrecision(held.map((p) => p.frustration), data.map((ex) => ex.frustration === 1), FRUSTRATION_PRECISION),
    safety: Math.min(0.5, Math.max(SAFETY_FLOOR, safetyScores[Math.floor(safetyScores.length * (1 - SAFETY_RECALL))] * 0.9)),
  };
  const raw = trainRaw(data, options);
  const trainedOn: Record<string, number> = {};
  for (const ex of examples) trainedOn[ex.source] = (trainedOn[ex.source] ?? 0) + 1;
  return new HandoffModel({ format: 1, bucketBits: BUCKET_BITS, topics: [...TOPICS], bias: raw.bias, calibration, thresholds, wordGroups: wordGroups().sha256, trainedOn }, raw.weights);
}
