import type { VoiceEvidence } from './calls.ts';
import type { SensitiveTopic } from '../nodes/trigger.ts';

// What the signals found on one caller turn, with their evidence: the engine computes them, the test console shows them.

export interface SentimentSignal {
  /** -1 (very negative) .. 1 (very positive); 0 when neutral. */
  value: number;
  /** Words that carried the score, with their signed weight ("not good" gives "not good": -3). */
  evidence: Array<{ words: string; weight: number }>;
}

export interface ExplicitRequestSignal {
  /** Whether the learned detector is sure enough at its recommended threshold (a trigger may set its own). */
  requested: boolean;
  /** How likely it is that the caller asks for a person on this turn, 0..1 (calibrated). */
  probability: number;
  /** The words that weighed most ("talk to a real person"), when the probability is worth explaining. */
  evidence: string | null;
  /** A request phrase that was negated ("I don't need an agent"): not a request. */
  negated: string | null;
}

export interface SensitiveTopicSignal {
  /** The topics the turn may raise, likeliest first, with how likely (0..1, calibrated) and the words that weighed most. */
  topics: Array<{ topic: SensitiveTopic; probability: number; evidence: string }>;
  /** Matches of the flow's own keywords. */
  keywords: string[];
}

/** How likely the caller is frustrated on this turn (0..1, calibrated), and the words that weighed most. */
export interface FrustrationSignal {
  probability: number;
  evidence: string[];
}

/** How likely the caller is in danger or speaks of harming themselves (0..1, calibrated): always handed to a person. */
export interface SafetySignal {
  probability: number;
  /** Whether it is over the safety threshold, which no flow can change. */
  atRisk: boolean;
  evidence: string[];
}

export interface RepetitionSignal {
  /** How many earlier turns this one repeats (same words, a rephrasing, or the same intent again without progress). */
  repeats: number;
  evidence: Array<{ turn: number; text: string; how: 'same_words' | 'rephrased' | 'same_intent' }>;
}

export interface LoudnessSignal {
  /** Current loudness minus this caller's own baseline, in dB; 0 when unknown. */
  deltaDb: number;
  baselineDb: number | null;
  /** When the turn was measured from the caller's audio (a media stream): the measurement, and a sentence on it. */
  voice?: VoiceEvidence;
  evidence?: string;
}

/** Every signal of one caller turn. */
export interface TurnSignals {
  /** The words' feeling (AFINN), for rules and the console; frustration is judged by `frustration`. */
  sentiment: SentimentSignal;
  frustration: FrustrationSignal;
  safety: SafetySignal;
  explicitRequest: ExplicitRequestSignal;
  sensitive: SensitiveTopicSignal;
  repetition: RepetitionSignal;
  loudness: LoudnessSignal;
  asrConfidence: number | null;
  /** After this turn. */
  noMatchStreak: number;
  intent: string | null;
  intentConfidence: number;
  /** A language model's judgement of what the learned detectors were unsure of on this turn (optional, off by default). */
  judgement?: TurnJudgement;
  /** The turn was only the answer to the step's own question (a survey's score, the date asked for): the flow's triggers left it be. */
  answer?: true;
  /** The turn was only a greeting or thanks at an AI step ("hi there", "thanks"): the step asked its question again, and it is not counted as not understood. */
  courtesy?: true;
}

/**
 * A language model's answer on a turn the learned detectors were unsure of (`BATON_LLM_JUDGE`). Only the questions
 * asked are answered; a detector with an answer follows it instead of its threshold. It may add safety, never remove it.
 */
export interface TurnJudgement {
  person?: boolean;
  /** The sensitive matter the turn raises (safety aside), or null for none. */
  topic?: SensitiveTopic | null;
  frustrated?: boolean;
  inDanger?: boolean;
}

/**
 * `GET /api/signals`: the learned detectors the server runs. `thresholds` are the recommended probabilities at which
 * each detector hands a call over (a trigger without its own threshold uses them), chosen by `npm run train:signals`
 * for a stated precision on examples the model had not seen.
 */
export interface SignalModelInfo {
  thresholds: { person: number; sensitive: number; frustration: number; safety: number };
  /** Caller turns per corpus source the model was trained on. */
  trainedOn: Record<string, number>;
}
