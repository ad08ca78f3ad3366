import type { HandoffCategory } from '../flow/flowSchema.ts';
import type { HandoffSignal } from '../nodes/trigger.ts';
import type { TransferResult } from '../nodes/transfer.ts';
import type { HandoffReason } from './calls.ts';
import type { TurnSignals } from './signals.ts';

/**
 * One finished call as analytics counts it, written once into the call log with the call's last event (`facts`) and
 * read from there into the analytics copy.
 */
export interface CallFacts {
  callId: string;
  flowId: string;
  /** A published version's number, or "draft" (test calls). */
  flowVersion: string;
  startedAt: string;
  endedAt: string;
  /** How it ended: resolved, transferred, callback, abandoned, abandoned_in_queue, ended_by_agent, ended_by_caller, … */
  disposition: string;
  /** The caller's turns (words and keys). */
  turns: number;
  phone?: string;
  handoff?: {
    category: HandoffCategory;
    signal: HandoffSignal;
    triggerId: string | null;
    /** The step the caller was at when it was decided, and after how many of their turns. */
    fromNodeId?: string;
    turns?: number;
    at: string;
    queue?: string;
    outcome?: TransferResult;
    outcomeAt?: string;
  };
  surveyScore?: number;
  /** The collected details (slot names) the agent asked the caller for again, found in what the agent typed. */
  askedAgain?: string[];
  /** The caller's words each intent was understood from (a few): how real callers put what they want. */
  phrases?: Array<{ intent: string; text: string }>;
  /** The steps the call went through, in order. */
  path: string[];
  /** Everything the caller said, for searching calls by their words. */
  callerText: string;
}

/** The agent's word on the handoff: a person was needed, the assistant could have finished it, or it came too late. */
export const handoffFeedbacks = ['needed', 'not_needed', 'sooner'] as const;
export type HandoffFeedback = (typeof handoffFeedbacks)[number];

/** An agent's wrap-up of a call, as the call log keeps it. */
export interface WrapUpFacts {
  agentId: string;
  disposition: 'resolved' | 'follow_up' | 'transferred';
  hadToAskAgain: boolean;
  handoffFeedback?: HandoffFeedback;
  at: string;
}

/** A period's headline figures. */
export interface PeriodFigures {
  calls: number;
  /** Finished by the assistant, never handed to a person. */
  contained: number;
  handedOver: number;
  /** Turns the caller took before the handoff: mean. */
  turnsBeforeHandoff: number | null;
  /** Handed over and connected to a person; wait from handoff to an agent, seconds. */
  connected: number;
  waitMeanSeconds: number | null;
  waitP90Seconds: number | null;
  /** Connected within the service level (20 s unless the query says). */
  withinServiceLevel: number;
  /** Hung up while waiting for a person. */
  abandonedWaiting: number;
  /** Wrap-ups saying the call was resolved, of those with a wrap-up. */
  wrappedUp: number;
  resolvedByAgent: number;
  /** Calls where the caller had to repeat something the AI already had: the agent said so in the wrap-up, or asked for a collected detail again in the desk. */
  hadToRepeat: number;
  /** Of those, calls where the agent was seen asking for a collected detail again in what they typed. */
  askedAgain: number;
  surveyed: number;
  satisfactionMean: number | null;
}

/** The headline figures of a period, as GET /api/analytics/summary answers, with the period before it to compare. */
export interface AnalyticsSummary extends PeriodFigures {
  from: string;
  to: string;
  flowId: string | null;
  serviceLevelSeconds: number;
  /** Handed over, by category of reason. */
  byCategory: Array<{ category: HandoffCategory; calls: number }>;
  /** Handed over, by the trigger (or path) and the step the caller was at. */
  byTrigger: Array<{ triggerId: string | null; signal: HandoffSignal; fromNodeId: string | null; calls: number; notNeeded: number; sooner: number }>;
  /** The period of the same length just before, to compare with. */
  previous: PeriodFigures & { from: string; to: string };
  /** Calls by hour (periods up to two days) or by day (UTC): `at` is "2026-12-01T09:00" or "2026-12-01". */
  trend: { by: 'hour' | 'day'; points: Array<{ at: string; calls: number; contained: number; handedOver: number }> };
  /** By flow and version the calls ran on (published numbers, newest first, then "draft" for test calls). */
  byVersion: Array<{ flowId: string; version: string; calls: number; contained: number; handedOver: number; connected: number; withinServiceLevel: number; surveyed: number; satisfactionMean: number | null; notNeeded: number }>;
}

/** One call as the call explorer lists it. */
export interface CallListItem {
  callId: string;
  flowId: string;
  flowVersion: string;
  startedAt: string;
  endedAt: string;
  disposition: string;
  turns: number;
  phone: string | null;
  handoff: { category: HandoffCategory; signal: HandoffSignal; triggerId: string | null; fromNodeId: string | null } | null;
  surveyScore: number | null;
  /** The start of what the caller said. */
  snippet: string;
  /** What the agent said of the handoff in the wrap-up, when they said. */
  handoffFeedback: HandoffFeedback | null;
}

/** GET /api/analytics/calls: the calls that match, newest first, a page of them, and how many match in all. */
export interface CallList {
  total: number;
  calls: CallListItem[];
}

/** GET /api/analytics/flows/:id/steps: real calls per step of a flow, for the heatmap on its canvas. */
export interface FlowStepFigures {
  /** Calls of the flow in the period. */
  calls: number;
  /** By node id; a step no call reached is absent. */
  steps: Record<string, { passed: number; handedOver: number; hungUp: number; fired: number; notNeeded: number }>;
}

/** GET /api/analytics/calls/:id: one finished call, its path, and what Baton noticed on each caller turn. */
export interface RealCallReading {
  callId: string;
  flowId: string;
  flowVersion: string;
  /** The steps it went through, in order. */
  path: string[];
  /** The turns were read again on the version the call ran on and ended the same way: the reading is the call's own. */
  reproduced: boolean;
  /** The caller's turns with the assistant: what was said or pressed, at which step, the signals, a trigger that fired. */
  turns: Array<{ at: string; text: string; nodeId: string; signals: TurnSignals | null; handoff: HandoffReason | null }>;
}

/** GET /api/analytics/phrases: how real callers put an intent, most said first. */
export interface RealPhrases {
  intent: string;
  phrases: Array<{ text: string; calls: number }>;
}
