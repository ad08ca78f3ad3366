import type { AnalyzedText } from '../../nlu/Nlu.ts';
import { cuesOf, type HandWritten } from './cues.ts';
import { createFeatures, featuresOf, type Features } from './features.ts';
import { FRUSTRATION, PERSON, TOPIC0, TOPICS, type HandoffModel, type Weighed } from './HandoffModel.ts';
import { decisionsOf, type Probabilities } from './train.ts';

/** What the learned detectors read of one turn: each probability, and the topics' own. */
export interface LearnedReading extends Probabilities {
  topics: Float64Array;
  /** The phrases that weighed most for a head; only valid until the next turn is read. */
  weighed(head: 'person' | 'frustration' | (typeof TOPICS)[number], limit?: number): Weighed[];
}

// One buffer for the features of the turn being read: the server reads one turn at a time.
const scratch: Features = createFeatures();

export function readTurn(model: HandoffModel, analyzed: AnalyzedText, found: HandWritten): LearnedReading {
  const features = featuresOf(analyzed, cuesOf(analyzed, found), scratch);
  const p = model.predict(features);
  return {
    ...decisionsOf(p.topics, p.person, p.frustration),
    topics: p.topics,
    weighed: (head, limit) =>
      model.weightiest(features, analyzed.tokens, head === 'person' ? PERSON : head === 'frustration' ? FRUSTRATION : TOPIC0 + TOPICS.indexOf(head), limit),
  };
}
