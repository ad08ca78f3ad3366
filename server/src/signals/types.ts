import type { SensitiveTopic } from '@baton/shared';
import type { AnalyzedText } from '../nlu/Nlu.ts';

/** An earlier caller turn, as the signals see it. */
export interface PastTurn {
  analyzed: AnalyzedText;
  /** Intent recognised on that turn (null when none or not at an AI node). */
  intent: string | null;
  nodeId: string;
  sentiment: number;
  loudnessDb?: number;
}

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
}
