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
  /** The agent who took the call, once one has. */
  agent: { id: string; name: string } | null;
  /** While queued: when the caller last heard how long the wait is, and whether a call back was offered. */
  waiting: { lastUpdateAt: string; callbackOffered: boolean } | null;
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
    agent: null,
    waiting: null,
    disposition: null,
    startedAt: init.at,
    endedAt: null,
  };
}

type List = 'transcript' | 'recentTurns' | 'sentimentTrend' | 'asrTrend' | 'intents' | 'stepsTried' | 'path';
const LIST_BIT: Record<List, number> = { transcript: 1, recentTurns: 2, sentimentTrend: 4, asrTrend: 8, intents: 16, stepsTried: 32, path: 64 };

/**
 * The session a step works on: a copy that may change without touching the original. Its maps are copied at once;
 * its lists are shared with the original until `append` first adds to one (a step adds to few lists, and a long
 * call's lists are long).
 */
export class SessionDraft {
  readonly session: CallSession;
  private copied = 0;

  constructor(from: CallSession) {
    this.session = { ...from, caller: { ...from.caller, attributes: { ...from.caller.attributes } }, slots: { ...from.slots } };
  }

  /** Adds to one of the session's lists, keeping at most `keep` items (the oldest go first). */
  append<K extends List>(list: K, item: CallSession[K][number], keep = Infinity): void {
    const s = this.session;
    if (!(this.copied & LIST_BIT[list])) {
      (s[list] as unknown[]) = s[list].slice(Math.max(0, s[list].length + 1 - keep));
      this.copied |= LIST_BIT[list];
    } else if (s[list].length + 1 > keep) s[list].shift();
    (s[list] as unknown[]).push(item);
  }
}
