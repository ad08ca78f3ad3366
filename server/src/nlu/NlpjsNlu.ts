import { createHash } from 'node:crypto';
import { NeuralNetwork, type Features } from '@nlpjs/neural';
import type { EntityType, IntentDefinition } from '@baton/shared';
import type { AnalyzedText, Classification, EntityValue, IntentClassifier, Nlu } from './Nlu.ts';
import { analyzeText } from './analyzeText.ts';
import { extractEntities } from './extractEntities.ts';

/** nlp.js' own name for the feature; NeuralNetwork.train treats a last corpus entry carrying it specially. */
const NONE_FEATURE = 'nonefeature';
const NONE = 'None';
const CACHE_LIMIT = 200;
// nlp.js keeps features and outputs in plain objects, where a word such as "constructor" would hit
// Object.prototype; prefixed keys cannot.
const featureKey = (stem: string) => `w:${stem}`;
const outputKey = (intent: string) => `i:${intent}`;

/**
 * The intent classifier of nlp.js' NluNeural, run synchronously: @nlpjs/nlu's pipeline is asynchronous
 * and container-bound, so its few steps around the network (the "none" feature, dropping intents that
 * share no word with the utterance, squaring and normalising scores) are replicated here.
 */
class NeuralClassifier implements IntentClassifier {
  private readonly net = new NeuralNetwork({ log: false });
  private readonly features = new Set<string>();
  private readonly intentFeatures = new Map<string, Set<string>>();

  constructor(intents: readonly IntentDefinition[]) {
    const corpus: Array<{ input: Features; output: Features }> = [];
    for (const intent of intents) {
      const own = new Set<string>();
      this.intentFeatures.set(intent.name, own);
      for (const example of intent.examples) {
        const input: Features = {};
        for (const stem of analyzeText(example).stems) {
          const key = featureKey(stem);
          input[key] = 1;
          own.add(key);
          this.features.add(key);
        }
        corpus.push({ input, output: { [outputKey(intent.name)]: 1 } });
      }
    }
    if (corpus.length > 0) {
      corpus.push({ input: { [NONE_FEATURE]: 1 }, output: { [NONE]: 1 } });
      this.net.train(corpus);
    }
  }

  classify(input: AnalyzedText, threshold: number): Classification {
    const features: Features = {};
    let unknown = 0;
    for (const stem of input.stems) {
      const key = featureKey(stem);
      if (this.features.has(key)) features[key] = 1;
      else unknown++;
    }
    // The "none" feature weighs the share of words never seen in training. nlp.js adds
    // numIntents/numFeatures per unknown word, which on a node's handful of examples is too faint
    // to keep "what's the weather like" below a 0.6 threshold; a share does, and paraphrases
    // with a stray "please" still score well above it.
    if (unknown > 0) features[NONE_FEATURE] = unknown / input.stems.length;
    const raw = this.net.run(features) ?? {};

    const none = raw[NONE] ?? 0;
    let total = none * none;
    const squared = new Map<string, number>();
    for (const name of this.intentFeatures.keys()) {
      const score = this.sharesAFeature(name, features) ? (raw[outputKey(name)] ?? 0) : 0;
      squared.set(name, score * score);
      total += score * score;
    }
    const scores: Record<string, number> = {};
    let best: string | null = null;
    let confidence = 0;
    for (const [name, value] of squared) {
      const score = total > 0 ? value / total : 0;
      scores[name] = score;
      if (score > confidence) {
        best = name;
        confidence = score;
      }
    }
    return { intent: best !== null && confidence >= threshold ? best : null, confidence, best, scores };
  }

  private sharesAFeature(intent: string, features: Features): boolean {
    const own = this.intentFeatures.get(intent);
    if (!own) return false;
    for (const feature in features) if (own.has(feature)) return true;
    return false;
  }
}

export class NlpjsNlu implements Nlu {
  /** Trained classifiers by content hash, oldest use first, so a busy server retrains rarely and memory stays bounded. */
  private readonly cache = new Map<string, IntentClassifier>();

  train(intents: readonly IntentDefinition[]): IntentClassifier {
    const key = createHash('sha256')
      .update(JSON.stringify(intents.map((i) => [i.name, i.examples])))
      .digest('base64');
    let classifier = this.cache.get(key);
    if (classifier) this.cache.delete(key);
    else classifier = new NeuralClassifier(intents);
    this.cache.set(key, classifier);
    if (this.cache.size > CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value!);
    return classifier;
  }

  extractEntities(text: string, types: readonly EntityType[], now: Date): EntityValue[] {
    return extractEntities(text, types, now);
  }
}
