import type { Caller, CallStatus, HandoffPacket, HandoffReason, RecognisedIntent, SlotValue, StepTried, TranscriptEntry } from '@baton/shared';
import type { PastTurn } from '../signals/types.ts';
import type { TurnSignals } from './understandTurn.ts';

/** Everything the engine knows about one call. `step` never mutates it: it returns a new one. */
export interface CallSession {
  callId: string;
  flowId: string;
  flowVersion: number | 'draft';
  status: CallStatus;
  nodeId: string;
  caller: Caller;
  slots: Record<string, SlotValue>;
  transcript: TranscriptEntry[];
  /** The caller's recent turns, for the signals (the last ten are enough). */
  recentTurns: PastTurn[];
  sentimentTrend: number[];
  asrTrend: number[];
  intents: RecognisedIntent[];
  stepsTried: StepTried[];
  /** Node ids in the order the call visited them. */
  path: string[];
  turnCount: number;
  noMatchStreak: number;
  silenceStreak: number;
  /** Failed attempts at the current question. */
  attempts: number;
  lastIntent: { name: string; confidence: number } | null;
  lastSignals: TurnSignals | null;
  handoff: { reason: HandoffReason; at: string; queue?: string; packet?: HandoffPacket } | null;
  disposition: string | null;
  startedAt: string;
  endedAt: string | null;
}

export const RECENT_TURNS = 10;

/** A session for a call that has not started yet; the `start` event runs the flow's start node. */
export function createSession(init: { callId: string; flowId: string; flowVersion: number | 'draft'; startNodeId: string; at: string }): CallSession {
  return {
    callId: init.callId,
    flowId: init.flowId,
    flowVersion: init.flowVersion,
    status: 'ai',
    nodeId: init.startNodeId,
    caller: { attributes: {} },
    slots: {},
    transcript: [],
    recentTurns: [],
    sentimentTrend: [],
    asrTrend: [],
    intents: [],
    stepsTried: [],
    path: [],
    turnCount: 0,
    noMatchStreak: 0,
    silenceStreak: 0,
    attempts: 0,
    lastIntent: null,
    lastSignals: null,
    handoff: null,
    disposition: null,
    startedAt: init.at,
    endedAt: null,
  };
}

/** A copy whose arrays and maps can be changed without touching the original. */
export function draftOf(session: CallSession): CallSession {
  return {
    ...session,
    caller: { ...session.caller, attributes: { ...session.caller.attributes } },
    slots: { ...session.slots },
    transcript: session.transcript.slice(),
    recentTurns: session.recentTurns.slice(),
    sentimentTrend: session.sentimentTrend.slice(),
    asrTrend: session.asrTrend.slice(),
    intents: session.intents.slice(),
    stepsTried: session.stepsTried.slice(),
    path: session.path.slice(),
  };
}
