import type { Caller, CallStatus, HandoffPacket, HandoffReason, RecognisedIntent, SlotValue, StepTried, TranscriptEntry, TransferResult } from '@baton/shared';
import type { PastTurn } from '../signals/types.ts';
import { AppendOnlyList } from './AppendOnlyList.ts';
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
  transcript: AppendOnlyList<TranscriptEntry>;
  /** The caller's recent turns, for the signals (the last ten are enough). */
  recentTurns: AppendOnlyList<PastTurn>;
  sentimentTrend: AppendOnlyList<number>;
  asrTrend: AppendOnlyList<number>;
  intents: AppendOnlyList<RecognisedIntent>;
  stepsTried: AppendOnlyList<StepTried>;
  /** Node ids in the order the call visited them. */
  path: AppendOnlyList<string>;
  turnCount: number;
  noMatchStreak: number;
  silenceStreak: number;
  /** Failed attempts at the current question. */
  attempts: number;
  lastIntent: { name: string; confidence: number } | null;
  lastSignals: TurnSignals | null;
  /**
   * The call's handoff: why and when; once a transfer step routes it, its queue, briefing and that step (`nodeId`);
   * once the agent handed the call back to the assistant, their note.
   */
  handoff: {
    reason: HandoffReason;
    at: string;
    /** Where the caller was when it was decided (the step a trigger fired at), and after how many of their turns. */
    fromNodeId?: string;
    turns?: number;
    queue?: string;
    packet?: HandoffPacket;
    nodeId?: string;
    outcome?: TransferResult;
    /** When the transfer's outcome came (an agent took the call, or nobody could). */
    outcomeAt?: string;
    /** The agent gave the call back to the assistant, after the caller's `turns`-th turn: the handoff is over. */
    handedBack?: { note: string; at: string; agentId: string; turns?: number };
  } | null;
  /** The agent who took the call, once one has. */
  agent: { id: string; name: string } | null;
  /** While queued: when the caller last heard how long the wait is, and whether a call back was offered. */
  waiting: { lastUpdateAt: string; callbackOffered: boolean } | null;
  disposition: string | null;
  /** The caller's answer to a satisfaction survey: a score from 1 to 5, and the survey step that asked. */
  survey: { score: number; at: string; nodeId: string } | null;
  startedAt: string;
  endedAt: string | null;
}

export const RECENT_TURNS = 10;

/**
 * The handoff the call is on its way to or with a person for, or null: none yet, or the agent handed the call back, so
 * the flow's triggers (safety first) listen again and a later handoff is a new one.
 */
export function handoffUnderway(session: CallSession): CallSession['handoff'] {
  return session.handoff && !session.handoff.handedBack ? session.handoff : null;
}

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
    transcript: AppendOnlyList.of(),
    recentTurns: AppendOnlyList.of(),
    sentimentTrend: AppendOnlyList.of(),
    asrTrend: AppendOnlyList.of(),
    intents: AppendOnlyList.of(),
    stepsTried: AppendOnlyList.of(),
    path: AppendOnlyList.of(),
    turnCount: 0,
    noMatchStreak: 0,
    silenceStreak: 0,
    attempts: 0,
    lastIntent: null,
    lastSignals: null,
    handoff: null,
    agent: null,
    waiting: null,
    disposition: null,
    survey: null,
    startedAt: init.at,
    endedAt: null,
  };
}

type List = 'transcript' | 'recentTurns' | 'sentimentTrend' | 'asrTrend' | 'intents' | 'stepsTried' | 'path';
type ItemOf<L extends List> = CallSession[L] extends AppendOnlyList<infer T> ? T : never;

/**
 * The session a step works on: a copy that may change without touching the original. Its lists are immutable and
 * shared with the original (adding makes a new list); its slots are copied the first time a step sets one.
 */
export class SessionDraft {
  readonly session: CallSession;
  private slotsCopied = false;

  constructor(from: CallSession) {
    this.session = copySession(from);
  }

  /** Adds to one of the session's lists, keeping at most `keep` items (the oldest go first) when `keep` is above 0. */
  append<L extends List>(list: L, item: ItemOf<L>, keep = 0): void {
    const s = this.session;
    // One case per list rather than s[list]: a keyed access by many names is several times slower than a named one.
    switch (list as List) {
      case 'transcript':
        s.transcript = s.transcript.with(item as ItemOf<'transcript'>, keep);
        break;
      case 'recentTurns':
        s.recentTurns = s.recentTurns.with(item as ItemOf<'recentTurns'>, keep);
        break;
      case 'sentimentTrend':
        s.sentimentTrend = s.sentimentTrend.with(item as ItemOf<'sentimentTrend'>, keep);
        break;
      case 'asrTrend':
        s.asrTrend = s.asrTrend.with(item as ItemOf<'asrTrend'>, keep);
        break;
      case 'intents':
        s.intents = s.intents.with(item as ItemOf<'intents'>, keep);
        break;
      case 'stepsTried':
        s.stepsTried = s.stepsTried.with(item as ItemOf<'stepsTried'>, keep);
        break;
      case 'path':
        s.path = s.path.with(item as ItemOf<'path'>, keep);
        break;
    }
  }

  setSlot(name: string, value: SlotValue): void {
    if (!this.slotsCopied) {
      this.session.slots = { ...this.session.slots };
      this.slotsCopied = true;
    }
    this.session.slots[name] = value;
  }
}

/**
 * A shallow copy, field by field: every session then has the same shape, which keeps copying and reading them fast
 * (a spread of sessions whose fields were set in different orders was several times slower).
 */
function copySession(f: CallSession): CallSession {
  return {
    callId: f.callId,
    flowId: f.flowId,
    flowVersion: f.flowVersion,
    status: f.status,
    nodeId: f.nodeId,
    caller: f.caller,
    slots: f.slots,
    transcript: f.transcript,
    recentTurns: f.recentTurns,
    sentimentTrend: f.sentimentTrend,
    asrTrend: f.asrTrend,
    intents: f.intents,
    stepsTried: f.stepsTried,
    path: f.path,
    turnCount: f.turnCount,
    noMatchStreak: f.noMatchStreak,
    silenceStreak: f.silenceStreak,
    attempts: f.attempts,
    lastIntent: f.lastIntent,
    lastSignals: f.lastSignals,
    handoff: f.handoff,
    agent: f.agent,
    waiting: f.waiting,
    disposition: f.disposition,
    // Saved before surveys existed: none.
    survey: f.survey ?? null,
    startedAt: f.startedAt,
    endedAt: f.endedAt,
  };
}

/** A session saved as JSON (its lists as arrays, as `JSON.stringify` writes them) made whole again, e.g. after a restart. */
export function sessionFromJson(json: Record<string, unknown>): CallSession {
  const list = <T>(value: unknown) => AppendOnlyList.of<T>(Array.isArray(value) ? (value as T[]) : []);
  return copySession({
    ...(json as unknown as CallSession),
    transcript: list(json.transcript),
    recentTurns: list(json.recentTurns),
    sentimentTrend: list(json.sentimentTrend),
    asrTrend: list(json.asrTrend),
    intents: list(json.intents),
    stepsTried: list(json.stepsTried),
    path: list(json.path),
  });
}
