import type { SensitiveTopic } from '@baton/shared';
import type { AnalyzedText } from '../../nlu/Nlu.ts';
import type { ExplicitRequestSignal, FrustrationSignal, SafetySignal, SensitiveTopicSignal } from '../types.ts';
import type { HandWritten } from './cues.ts';
import { TOPICS } from './HandoffModel.ts';
import { readTurn } from './readTurn.ts';
import { signalModel } from './signalModel.ts';

/** Below this, a probability is not worth explaining (and the words that weighed are not looked for). */
const EXPLAINED = 0.2;
/** Topics less likely than this are not listed at all. */
const LISTED = 0.1;
/**
 * A danger phrase makes a turn a safety matter unless the model, which weighs the phrase too, is all but sure the turn
 * is something else: "does my home insurance cover a break-in?" reads 0.0004, "the gas leak was fixed yesterday"
 * 0.0004. Measured on five folds of the corpus (each turn read by a model trained without it): every safety turn
 * holding a danger phrase read at least 0.2, and a fifth of the other turns holding one (19 of 88) below 0.02.
 */
export const DANGER_FLOOR = 0.02;

/** Whether a turn is a safety matter: the model is sure enough, or a danger phrase is there and the model does not rule it out. */
export function atRisk(safety: number, threshold: number, found: HandWritten): boolean {
  return safety >= threshold || (found.danger !== null && safety >= DANGER_FLOOR);
}

export interface LearnedSignals {
  explicitRequest: ExplicitRequestSignal;
  sensitive: SensitiveTopicSignal;
  frustration: FrustrationSignal;
  safety: SafetySignal;
}

const words = (weighed: Array<{ words: string }>) => weighed.map((w) => w.words);

/**
 * The learned detectors' reading of a turn, as the signals the console, the triggers and the call log show. The
 * hand-written findings are cues of the model, and give the evidence where they name the very phrase.
 */
export function learnedSignalsOf(analyzed: AnalyzedText, found: HandWritten): LearnedSignals {
  const model = signalModel();
  const t = model.thresholds;
  const r = readTurn(model, analyzed, found);

  const listed: Array<SensitiveTopicSignal['topics'][number]> = [];
  for (let k = 1; k < TOPICS.length; k++) {
    const topic = TOPICS[k];
    const probability = r.topics[k];
    if (topic === 'safety' || probability < LISTED) continue;
    const named = found.sensitive.topics.find((s) => s.topic === topic)?.evidence;
    listed.push({ topic: topic as SensitiveTopic, probability: round(probability), evidence: named ?? words(r.weighed(topic)).join(', ') });
  }
  listed.sort((a, b) => b.probability - a.probability);

  return {
    explicitRequest: {
      requested: r.person >= t.person,
      probability: round(r.person),
      evidence: r.person >= EXPLAINED ? (found.explicitRequest.evidence ?? (words(r.weighed('person')).join(', ') || null)) : null,
      negated: found.explicitRequest.negated,
    },
    sensitive: listed.length === 0 && found.sensitive.keywords.length === 0 ? NOTHING_SENSITIVE : { topics: listed, keywords: found.sensitive.keywords },
    frustration: { probability: round(r.frustration), evidence: r.frustration >= EXPLAINED ? words(r.weighed('frustration')) : [] },
    safety: {
      probability: round(r.safety),
      atRisk: atRisk(r.safety, t.safety, found),
      evidence: found.danger !== null && r.safety >= DANGER_FLOOR ? [found.danger] : r.safety >= EXPLAINED ? words(r.weighed('safety')) : [],
    },
  };
}

/** Most turns raise nothing sensitive: one shared, frozen answer. */
const NOTHING_SENSITIVE: SensitiveTopicSignal = Object.freeze({ topics: Object.freeze([]), keywords: Object.freeze([]) }) as unknown as SensitiveTopicSignal;

const round = (p: number) => Math.round(p * 1000) / 1000;
