import type { AnalyzedText } from '../../nlu/Nlu.ts';
import { cuesOf, type HandWritten } from './cues.ts';
import { createFeatures, featuresOf, type Features } from './features.ts';
import { FRUSTRATION, PERSON, TOPIC0, TOPICS, type HandoffModel, type Prediction, type Weighed } from './HandoffModel.ts';
import { sentencesOf, type Sentence } from './sentences.ts';
import { decisionsOf, type Probabilities } from './train.ts';

/** What the learned detectors read of one turn: each probability, and the topics' own. */
export interface LearnedReading extends Probabilities {
  topics: Float64Array;
  /** The phrases that weighed most for a head; only valid until the next turn is read. */
  weighed(head: 'person' | 'frustration' | (typeof TOPICS)[number], limit?: number): Weighed[];
}

type Head = Parameters<LearnedReading['weighed']>[0];

// One buffer for the features of the turn being read: the server reads one turn at a time.
const scratch: Features = createFeatures();

const outputOf = (head: Head) => (head === 'person' ? PERSON : head === 'frustration' ? FRUSTRATION : TOPIC0 + TOPICS.indexOf(head));

/**
 * The turn read whole; in a long turn of several sentences, a request for a person, a sensitive matter or a danger
 * that one sentence carries more surely than the whole counts as the turn's (how frustrated a caller sounds is read
 * from the whole turn). The words that weighed are those of the sentence that decided.
 */
export function readTurn(model: HandoffModel, analyzed: AnalyzedText, found: HandWritten): LearnedReading {
  const whole = model.predict(featuresOf(analyzed, cuesOf(analyzed, found), scratch));
  const best = { person: { p: whole.person, from: null as Sentence | null }, topics: { p: whole.topics, from: null as Sentence | null } };
  for (const sentence of sentencesOf(analyzed)) {
    const p = model.predict(featuresOf(sentence.analyzed, cuesOf(sentence.analyzed, sentence.found), scratch));
    if (p.person > best.person.p) best.person = { p: p.person, from: sentence };
    if (1 - p.topics[0] > 1 - best.topics.p[0] + 1e-9) best.topics = { p: p.topics, from: sentence };
  }
  const prediction: Prediction = { person: best.person.p, frustration: whole.frustration, topics: best.topics.p };
  return {
    ...decisionsOf(prediction.topics, prediction.person, prediction.frustration),
    topics: prediction.topics,
    weighed: (head, limit) => {
      const from = head === 'person' ? best.person.from : head === 'frustration' ? null : best.topics.from;
      const read = from ?? { analyzed, found };
      const features = featuresOf(read.analyzed, cuesOf(read.analyzed, read.found), scratch);
      return model.weightiest(features, read.analyzed.tokens, outputOf(head), limit);
    },
  };
}
