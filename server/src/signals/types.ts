import type { AnalyzedText } from '../nlu/Nlu.ts';

// What each signal reports is part of the API (the test console shows it), so it is defined in shared/.
export type { ExplicitRequestSignal, FrustrationSignal, LoudnessSignal, RepetitionSignal, SafetySignal, SensitiveTopicSignal, SentimentSignal } from '@baton/shared';

/** An earlier caller turn, as the signals see it. */
export interface PastTurn {
  analyzed: AnalyzedText;
  /** Intent recognised on that turn (null when none or not at an AI node). */
  intent: string | null;
  nodeId: string;
  sentiment: number;
  /** How likely the caller was frustrated on that turn (the learned detector). */
  frustration: number;
  loudnessDb?: number;
  /** The words that carry content (see repetition); a turn without any cannot repeat. */
  content: ContentWords;
}

/** The stems of the words that carry content, with a sketch of them: 32 bits, one set for each stem (stems may share one). */
export interface ContentWords {
  /** Each stem once. */
  readonly stems: readonly string[];
  readonly sketch: number;
}

/** What the signals read of the earlier turns: an array, or the session's AppendOnlyList. */
export interface TurnHistory {
  readonly length: number;
  at(index: number): PastTurn | undefined;
}
