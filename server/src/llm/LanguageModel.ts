import type { AiData, HandoffPacket, TranscriptEntry, TurnJudgement } from '@baton/shared';
import type { JudgeQuestion } from './judgePrompt.ts';
import type { GeneratedAnswer } from '../engine/executors/aiExecutor.ts';

export type { GeneratedAnswer };

/** Where the optional language model is and how long a phone turn may wait for it. */
export interface LlmSettings {
  /** An OpenAI-compatible API, e.g. http://localhost:11434/v1 (Ollama), http://localhost:8000/v1 (vLLM). */
  baseUrl: string;
  model: string;
  apiKey?: string;
  /** After this, the call goes on without the model's answer. */
  timeoutMs: number;
  /** Whether the model also judges caller turns the learned detectors are unsure of (`BATON_LLM_JUDGE`, off by default). */
  judge?: boolean;
}

/** The AI step the model answers for. */
export interface GenerativeStep {
  label: string;
  data: AiData;
}

/** One line of the conversation so far, oldest first; the caller's latest words last. */
export type ConversationLine = Pick<TranscriptEntry, 'from' | 'text'>;

/**
 * An optional language model. Both methods answer null — never throw — when the model is slow, fails or answers
 * something unusable: the caller then gets exactly what the embedded NLU (or the extractive summary) gives.
 */
export interface LanguageModel {
  generateReply(step: GenerativeStep, conversation: readonly ConversationLine[], signal?: AbortSignal): Promise<GeneratedAnswer | null>;
  /** Three short lines for the agent: what the caller wants, what was collected, why the AI handed over. */
  summarize(packet: HandoffPacket, signal?: AbortSignal): Promise<string | null>;
  /** Whether `judge` is to be asked at all. */
  readonly judgesTurns: boolean;
  /** Answers the questions the learned detectors were unsure of on the caller's latest words (last in `conversation`). */
  judge(conversation: readonly ConversationLine[], questions: readonly JudgeQuestion[], signal?: AbortSignal): Promise<TurnJudgement | null>;
}
