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
  requested: boolean;
  /** The phrase that asked for a person ("talk to a real person"). */
  evidence: string | null;
  /** A request phrase that was negated ("I don't need an agent"): not a request. */
  negated: string | null;
}

export interface SensitiveTopicSignal {
  topics: Array<{ topic: SensitiveTopic; evidence: string }>;
  /** Matches of the flow's own keywords. */
  keywords: string[];
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
  sentiment: SentimentSignal;
  explicitRequest: ExplicitRequestSignal;
  sensitive: SensitiveTopicSignal;
  repetition: RepetitionSignal;
  loudness: LoudnessSignal;
  asrConfidence: number | null;
  /** After this turn. */
  noMatchStreak: number;
  intent: string | null;
  intentConfidence: number;
}
