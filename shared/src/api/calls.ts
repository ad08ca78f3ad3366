import type { HandoffCategory } from '../flow/flowSchema.ts';
import type { TurnJudgement, TurnSignals } from './signals.ts';
import type { HandoffSignal } from '../nodes/trigger.ts';
import type { TransferResult, TransferTarget } from '../nodes/transfer.ts';

/** Why a call went to a person: used in the caller's message, the agent's briefing and analytics. */
export interface HandoffReason {
  category: HandoffCategory;
  signal: HandoffSignal;
  /** The trigger node that fired; null when the flow's own path led to a transfer. */
  triggerId: string | null;
  /** One sentence a person can read: "The caller sounds frustrated ("thanks for nothing") (91% sure, threshold 80%)". */
  explanation: string;
  /** Other triggers that held on the same turn, set aside for this one's more telling reason (see precedence). */
  alsoHeld?: Array<Omit<HandoffReason, 'alsoHeld'>>;
}

/** `agent`: the words of the person who took the call, typed in the agent desk. */
export type SayPurpose = 'message' | 'transparency' | 'question' | 'agent';

export type CallAction =
  | { type: 'say'; text: string; purpose: SayPurpose; nodeId: string }
  | { type: 'listen'; nodeId: string }
  /** `target`: a destination outside Baton (the channel dials it and reports the outcome); absent for Baton's own queues. */
  /** `warm`: the person who answers an outside number hears why first and accepts or refuses (see the transfer node). */
  | { type: 'transfer'; queue: string; nodeId: string; packet: HandoffPacket; target?: Exclude<TransferTarget, { type: 'baton' }>; warm?: true }
  | { type: 'hangup'; nodeId: string }
  /** The caller accepted a call back: the channel creates the request agents see in the desk. `phone` is null when none was collected. */
  | { type: 'callback'; queue: string; phone: string | null; nodeId: string };

export type CallStatus = 'ai' | 'queued' | 'agent' | 'ended';

export interface CallState {
  nodeId: string;
  status: CallStatus;
}

export interface TranscriptEntry {
  from: 'caller' | 'ai' | 'agent';
  text: string;
  /** ISO time. */
  at: string;
  nodeId: string;
  purpose?: SayPurpose;
}

export interface Caller {
  id?: string;
  phone?: string;
  name?: string;
  attributes: Record<string, string | number | boolean>;
}

export interface RecognisedIntent {
  name: string;
  confidence: number;
  nodeId: string;
  at: string;
}

export interface StepTried {
  nodeId: string;
  kind: string;
  label: string;
  outcome: string;
}

/** A finished call from the same number, as the next call's briefing shows it. */
export interface EarlierCall {
  callId: string;
  startedAt: string;
  endedAt: string;
  /** How it ended: resolved, transferred, abandoned, callback, ended_by_agent, … */
  disposition: string;
  /** Why it went to a person, and how that went, when it did. */
  handoff?: { category: HandoffCategory; signal: HandoffSignal; queue?: string; outcome?: TransferResult };
  /** The caller's answer to the satisfaction survey, 1–5. */
  surveyScore?: number;
}

/** Everything the agent who takes over receives. */
export interface HandoffPacket {
  callId: string;
  flow: { id: string; version: number | 'draft' };
  caller: Caller;
  reason: HandoffReason;
  /** Three short lines: what the caller wants, what was collected, what the caller was told (why, without it). */
  summary: string;
  /** `model`: the summary was written by the language model (else it is put together from the call's facts). */
  summaryBy?: 'model';
  /** What the queue's caller lookup knew of the caller's number (account, name, tier…), when it answered in time. */
  callerDetails?: Record<string, string | number | boolean>;
  /** The caller's number's latest finished calls, newest first (at most five), when there are any. */
  earlierCalls?: EarlierCall[];
  /** When an agent sent the call on to this queue: who, from which queue, and their note. */
  transferredBy?: { agentId: string; agentName: string; fromQueue: string; note: string; at: string };
  intents: RecognisedIntent[];
  slots: Record<string, SlotValue>;
  transcript: TranscriptEntry[];
  /** Sentiment of each caller turn, oldest first, -1..1. */
  sentimentTrend: number[];
  stepsTried: StepTried[];
  startedAt: string;
  handoffAt: string;
}

export type SlotValue = string | number | boolean;

/**
 * What the caller's audio showed during one turn (from a media stream): their level against their own baseline.
 * `raised` when the level stayed above the baseline by the stream's threshold for long enough.
 */
export interface VoiceEvidence {
  /** The caller's usual level (running median of voiced frames over their first seconds), dBFS. */
  baselineDb: number;
  /** The highest smoothed level above the baseline during the turn, dB. */
  peakDeltaDb: number;
  /** How long the level stayed above the baseline by the threshold, ms. */
  sustainedMs: number;
  raised: boolean;
}

/** What a channel feeds the engine. `at` is the event's time (ISO), so stepping stays deterministic. */
export type CallEvent =
  | { type: 'start'; at: string; caller?: Partial<Caller> }
  /** `generated`: a language model's answer at a generative AI step, fetched by the channel before stepping (never from the caller). */
  | { type: 'utterance'; at: string; text: string; asrConfidence?: number; loudnessDb?: number; voice?: VoiceEvidence; generated?: { reply: string; intent?: string; neverHandleTopic?: string }; judgement?: TurnJudgement }
  | { type: 'dtmf'; at: string; digits: string }
  | { type: 'silence'; at: string }
  /** How the transfer went; `agent` is who answered, `reason` why no agent could (both from routing, when it decides). */
  | { type: 'transfer_outcome'; at: string; outcome: 'connected' | 'no_agent' | 'failed'; result?: TransferResult; agent?: { id: string; name: string }; reason?: string }
  /** The caller hung up; `idle`: Baton ended the call because the caller's side sent nothing for too long (a client gone). */
  | { type: 'hangup'; at: string; idle?: boolean }
  /** Routing's figures for a waiting call, sent every few seconds; the flow decides when the caller hears them. */
  | { type: 'queue_update'; at: string; position: number; ewtSeconds: number | null; agentsAvailable: number; overMaxWait: boolean }
  /** The agent who took the call said something (typed in the desk). */
  | { type: 'agent_message'; at: string; text: string; agentId: string }
  /** The agent ended the call from the desk; `disposition` is their wrap-up's, when they saved it with the hang-up. */
  | { type: 'agent_hangup'; at: string; agentId: string; disposition?: string }
  /** The agent sent the call on to another queue from the desk, with its briefing and their note. */
  | { type: 'agent_transfer'; at: string; agentId: string; agentName: string; queueId: string; queueName: string; note: string }
  /** The agent handed the call back to the assistant from the desk, with a note and the values they set. */
  | { type: 'agent_hand_back'; at: string; agentId: string; note: string; slots?: Record<string, SlotValue> };

/** What `POST /api/calls` and `POST /api/calls/:id/turns` answer; `?signals=true` (the test console) adds the rest. */
export interface CallStepView {
  callId?: string;
  flow?: { id: string; version: number | 'draft' };
  actions: CallAction[];
  state: CallState;
  /** Set when a handoff trigger fired on this event. */
  handoff?: HandoffReason;
  /** What the signals found on this turn, with their evidence (null before the caller has said anything). */
  signals?: TurnSignals | null;
  /** The intent recognised on the last turn at an AI step. */
  intent?: { name: string; confidence: number } | null;
  /** Every step the call has visited, in order. */
  path?: string[];
  slots?: Record<string, SlotValue>;
}
