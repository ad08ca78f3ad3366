import type { EntityType, IntentDefinition } from '@baton/shared';

/** A caller's words, normalised once per turn and shared by the NLU and every signal. */
export interface AnalyzedText {
  text: string;
  /** Lower-case, accents removed, punctuation dropped (apostrophes kept inside words: "don't"). */
  normalized: string;
  /** Words of `normalized`, in order. */
  tokens: string[];
  /** Porter stems of `tokens` (nlp.js StemmerEn), same order and length. */
  stems: string[];
}

export interface Classification {
  /** Best intent at or above the threshold, or null (no match). */
  intent: string | null;
  /** Confidence of the best intent, 0..1 (also when below the threshold). */
  confidence: number;
  /** The best intent whatever the threshold; useful in the test console. */
  best: string | null;
  scores: Record<string, number>;
}

/** A trained model for one AI node's intents. Classification is synchronous and deterministic. */
export interface IntentClassifier {
  classify(input: AnalyzedText, threshold: number): Classification;
}

export type EntityValue = { type: EntityType; value: string | number; text: string };

/** The embedded NLU. Training is cached by content hash, so the same intents train once. */
export interface Nlu {
  train(intents: readonly IntentDefinition[]): IntentClassifier;
  extractEntities(text: string, types: readonly EntityType[], now: Date): EntityValue[];
}
