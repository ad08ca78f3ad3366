import { createHash } from 'node:crypto';
import { isStopword } from '../lexicon.ts';
import { BUCKET_BITS, WHOLE_TURN, type Features } from './features.ts';
import { wordGroups } from './wordGroups.ts';

/**
 * The learned handoff detectors: one linear model over hashed features with three heads, read on every caller turn.
 * - `person`: the caller asks for a person (logistic);
 * - `frustration`: the caller is frustrated on this turn (logistic);
 * - `topic`: which sensitive matter the turn raises, if any (softmax over TOPICS, "none" first).
 * Each head's raw score is calibrated (Platt scaling for the two yes/no heads, a temperature for the topics) on
 * predictions for examples the model had not seen, so a probability of 0.9 means about 9 in 10.
 */

export const TOPICS = ['none', 'fraud', 'bereavement', 'legal_threat', 'medical', 'vulnerability', 'complaint', 'safety'] as const;
export type LearnedTopic = Exclude<(typeof TOPICS)[number], 'none'>;
export const PERSON = 0;
export const FRUSTRATION = 1;
export const TOPIC0 = 2;
/** Outputs per bucket: person, frustration, then one per topic. */
export const OUTPUTS = TOPIC0 + TOPICS.length;

export interface Calibration {
  person: { a: number; b: number };
  frustration: { a: number; b: number };
  topicTemperature: number;
}

/** Probabilities at which each detector should say yes by default, chosen by the trainer from held-out predictions. */
export interface Thresholds {
  person: number;
  frustration: number;
  sensitive: number;
  safety: number;
}

export interface ModelHeader {
  format: 1;
  bucketBits: number;
  topics: readonly string[];
  bias: number[];
  calibration: Calibration;
  thresholds: Thresholds;
  /** The word groups' file the model was trained with (its SHA-256): its weights mean nothing with other groups. */
  wordGroups: string;
  /** Examples per corpus source the model was trained on. */
  trainedOn: Record<string, number>;
  /** Buckets with a weight, and the quantisation of their weights: one scale per output. */
  nonzero: number;
  scales: number[];
  payloadBytes: number;
  payloadSha256: string;
}

export interface Prediction {
  person: number;
  frustration: number;
  /** Probability of each of TOPICS (index 0: none). */
  topics: Float64Array;
}

/** A phrase of the turn and how much it pushed a head's score up. */
export interface Weighed {
  words: string;
  weight: number;
}

const MAGIC = 'baton-handoff-signals\n';

export class ModelFileError extends Error {}

export class HandoffModel {
  private readonly logits = new Float64Array(OUTPUTS);

  constructor(
    readonly header: Omit<ModelHeader, 'nonzero' | 'scales' | 'payloadBytes' | 'payloadSha256'>,
    /** Dense weights, OUTPUTS per bucket. */
    readonly weights: Float32Array,
  ) {
    if (weights.length !== OUTPUTS << header.bucketBits) throw new ModelFileError(`expected ${OUTPUTS << header.bucketBits} weights, got ${weights.length}`);
  }

  get thresholds(): Thresholds {
    return this.header.thresholds;
  }

  /** Raw scores of every output for these features (into `logits`, reused). */
  scores(features: Features): Float64Array {
    const { weights, logits } = this;
    const bias = this.header.bias;
    for (let k = 0; k < OUTPUTS; k++) logits[k] = bias[k];
    const { buckets, values, count } = features;
    for (let f = 0; f < count; f++) {
      const base = buckets[f] * OUTPUTS;
      const v = values[f];
      for (let k = 0; k < OUTPUTS; k++) logits[k] += weights[base + k] * v;
    }
    return logits;
  }

  predict(features: Features): Prediction {
    const z = this.scores(features);
    const c = this.header.calibration;
    const topics = new Float64Array(TOPICS.length);
    softmax(z, TOPIC0, TOPICS.length, c.topicTemperature, topics);
    return {
      person: sigmoid(c.person.a * z[PERSON] + c.person.b),
      frustration: sigmoid(c.frustration.a * z[FRUSTRATION] + c.frustration.b),
      topics,
    };
  }

  /**
   * The phrases that pushed `output` up most (for a topic, against "none"), strongest first: each feature counts for
   * the word or pair of words it was read from. `tokens` are the turn's words the features were read from.
   */
  weightiest(features: Features, tokens: readonly string[], output: number, limit = 3): Weighed[] {
    const against = output >= TOPIC0 ? TOPIC0 : -1;
    const byPhrase = new Map<string, number>();
    for (let f = 0; f < features.count; f++) {
      const word = features.words[f];
      if (word === WHOLE_TURN) continue;
      const base = features.buckets[f] * OUTPUTS;
      const weight = (this.weights[base + output] - (against >= 0 ? this.weights[base + against] : 0)) * features.values[f];
      const span = features.spans[f];
      // Words that say little on their own ("my", "to a") are not shown as the reason, though they count.
      if (isStopword(tokens[word]) && (span === 1 || isStopword(tokens[word + span - 1] ?? ''))) continue;
      const phrase = span === 3 ? `${tokens[word]} … ${tokens[word + 2]}` : span === 2 ? `${tokens[word]} ${tokens[word + 1]}` : tokens[word];
      byPhrase.set(phrase, (byPhrase.get(phrase) ?? 0) + weight);
    }
    return [...byPhrase]
      .filter(([, weight]) => weight > 0.05)
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([words, weight]) => ({ words, weight: Math.round(weight * 100) / 100 }));
  }

  /** The model file: a line naming the format, a line of JSON (the header), then the weights of the buckets that have any. */
  toFile(): Buffer {
    const { weights } = this;
    const buckets: number[] = [];
    const scales = new Array<number>(OUTPUTS).fill(0);
    for (let b = 0; b < 1 << this.header.bucketBits; b++) {
      let any = false;
      for (let k = 0; k < OUTPUTS; k++) {
        const w = Math.abs(weights[b * OUTPUTS + k]);
        if (w > 0) any = true;
        if (w > scales[k]) scales[k] = w;
      }
      if (any) buckets.push(b);
    }
    for (let k = 0; k < OUTPUTS; k++) scales[k] = scales[k] / 32767 || 1;
    const payload = Buffer.alloc(buckets.length * (4 + OUTPUTS * 2));
    let at = 0;
    for (const b of buckets) at = payload.writeUInt32LE(b, at);
    for (const b of buckets) for (let k = 0; k < OUTPUTS; k++) at = payload.writeInt16LE(Math.round(weights[b * OUTPUTS + k] / scales[k]), at);
    const header: ModelHeader = {
      ...this.header,
      nonzero: buckets.length,
      scales,
      payloadBytes: payload.length,
      payloadSha256: createHash('sha256').update(payload).digest('hex'),
    };
    return Buffer.concat([Buffer.from(MAGIC + JSON.stringify(header) + '\n'), payload]);
  }

  /** Reads a model file; throws ModelFileError saying what is wrong when it is not a whole model file of this format. */
  static fromFile(file: Buffer): HandoffModel {
    if (file.subarray(0, MAGIC.length).toString('latin1') !== MAGIC) throw new ModelFileError('it is not a Baton handoff-signals model file');
    const headerEnd = file.indexOf(0x0a, MAGIC.length);
    if (headerEnd < 0) throw new ModelFileError('its header is cut off');
    let header: ModelHeader;
    try {
      header = JSON.parse(file.subarray(MAGIC.length, headerEnd).toString('utf8')) as ModelHeader;
    } catch {
      throw new ModelFileError('its header is not valid JSON');
    }
    if (header.format !== 1 || header.bucketBits !== BUCKET_BITS || header.topics?.join() !== TOPICS.join())
      throw new ModelFileError(`it was written for another version of Baton (format ${header.format}, ${header.bucketBits} bucket bits, topics ${header.topics?.join(', ')})`);
    if (header.wordGroups !== wordGroups().sha256) throw new ModelFileError('it was trained with other word groups than server/src/signals/model/word-groups.txt');
    const payload = file.subarray(headerEnd + 1);
    if (payload.length !== header.payloadBytes || payload.length !== header.nonzero * (4 + OUTPUTS * 2))
      throw new ModelFileError(`its weights are ${payload.length} bytes, ${header.payloadBytes} expected: the file is cut off or was changed`);
    if (createHash('sha256').update(payload).digest('hex') !== header.payloadSha256) throw new ModelFileError('its weights do not match their checksum: the file was changed or damaged');
    const weights = new Float32Array(OUTPUTS << header.bucketBits);
    const n = header.nonzero;
    let w = n * 4;
    for (let i = 0; i < n; i++) {
      const b = payload.readUInt32LE(i * 4);
      if (b >= 1 << header.bucketBits) throw new ModelFileError(`it names bucket ${b}, past the last one`);
      for (let k = 0; k < OUTPUTS; k++, w += 2) weights[b * OUTPUTS + k] = payload.readInt16LE(w) * header.scales[k];
    }
    const { nonzero: _n, scales: _s, payloadBytes: _p, payloadSha256: _h, ...rest } = header;
    return new HandoffModel(rest, weights);
  }
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** Softmax of `z[from..from+n)` at `temperature`, into `out`. */
export function softmax(z: ArrayLike<number>, from: number, n: number, temperature: number, out: Float64Array): Float64Array {
  let max = -Infinity;
  for (let k = 0; k < n; k++) max = Math.max(max, z[from + k] / temperature);
  let sum = 0;
  for (let k = 0; k < n; k++) sum += out[k] = Math.exp(z[from + k] / temperature - max);
  for (let k = 0; k < n; k++) out[k] /= sum;
  return out;
}
