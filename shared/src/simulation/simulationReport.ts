import type { HandoffCategory } from '../flow/flowSchema.ts';
import type { HandoffSignal } from '../nodes/trigger.ts';
import type { TranscriptEntry } from '../api/calls.ts';
import type { SimulationRequest } from './simulationRequest.ts';

/** How a simulated call left the AI: the flow finished it, it went to a person, or the caller gave up. */
export type SimulatedOutcome = 'contained' | 'handoff' | 'hung_up';

/** Lists of call indexes behind a figure stop at this many, enough to drill down without bloating the report. */
export const MAX_CALLS_PER_FIGURE = 50;

/** A count, its share, and (up to MAX_CALLS_PER_FIGURE) the indexes of the simulated calls behind it. */
export interface CallFigure {
  count: number;
  /** 0..1, over the denominator the field names (all calls, or handed-off calls). */
  rate: number;
  calls: number[];
}

export interface BreakdownRow extends CallFigure {
  /** A category, a signal, a node id, a persona id or a queue id. */
  key: string;
}

/** What happened to one simulated call in the AI, before any queue. */
export interface SimulatedCallResult {
  index: number;
  persona: string;
  /** The intent the caller came for (null when nothing the flow knows). */
  intent: string | null;
  outcome: SimulatedOutcome;
  /** Caller turns before the call left the AI. */
  turns: number;
  disposition: string | null;
  handoff: {
    category: HandoffCategory;
    signal: HandoffSignal;
    triggerId: string | null;
    /** The trigger that fired, or else the transfer node the flow's path reached. */
    nodeId: string;
    queue: string;
    /** Seconds from the start of the call to the transfer. */
    atSeconds: number;
  } | null;
}

/** What the queue model gave a handed-off call. */
export interface QueueResult {
  queue: string;
  /** Seconds from the transfer to an agent answering, or to the caller hanging up. */
  waitSeconds: number;
  answered: boolean;
}

export interface QueueReport {
  /** Over answered calls. */
  waitMeanSeconds: number;
  waitP90Seconds: number;
  waitMaxSeconds: number;
  /** Over handed-off calls. */
  answeredWithin20s: CallFigure;
  /** Over handed-off calls: callers who hung up before an agent answered. */
  abandoned: CallFigure;
  byQueue: Array<{ queue: string; agents: number; ahtSeconds: number; handoffs: number; waitMeanSeconds: number; abandoned: number }>;
}

export interface SimulationReport {
  flow: { id: string; version: number | 'draft' };
  seed: number;
  calls: number;
  /** Rates over all calls. */
  byPersona: BreakdownRow[];
  containment: CallFigure;
  handoff: CallFigure;
  hungUp: CallFigure;
  /** Rates over handed-off calls. */
  handoffsByCategory: BreakdownRow[];
  handoffsBySignal: BreakdownRow[];
  handoffsByNode: BreakdownRow[];
  turnsBeforeHandoff: { mean: number; distribution: Array<{ turns: number; count: number }> };
  queue: QueueReport;
}

/** How a call's ending changed from the baseline to the version under test. */
export type CallChange = 'newly_handed_over' | 'no_longer_handed_over' | 'other_reason' | 'earlier' | 'later' | 'other_ending';

/** A call whose ending differs between the two versions: its outcome, why it went to a person, or when. */
export interface ChangedCall {
  index: number;
  persona: string;
  /** A replayed real call: which one, and when it came in. */
  realCall?: { callId: string; startedAt: string };
  change: CallChange;
  /** `turns`: the caller's turns before the call left the AI. */
  before: { outcome: SimulatedOutcome; category: HandoffCategory | null; signal?: HandoffSignal; turns: number };
  after: { outcome: SimulatedOutcome; category: HandoffCategory | null; signal?: HandoffSignal; turns: number };
}

/** The middle 95 % of a rate's change over resamples of the calls (0..1 points, `version` minus baseline). */
export interface RateRanges {
  containmentRate: [number, number];
  handoffRate: [number, number];
  hungUpRate: [number, number];
  answeredWithin20sRate: [number, number];
  abandonedRate: [number, number];
}

/** A what-if: the same callers against `compareWith` (the baseline, "before") and `version` ("after"). */
export interface SimulationComparison {
  baseline: SimulationReport;
  /** `version` minus baseline. */
  deltas: {
    containmentRate: number;
    handoffRate: number;
    hungUpRate: number;
    turnsBeforeHandoffMean: number;
    waitMeanSeconds: number;
    waitP90Seconds: number;
    answeredWithin20sRate: number;
    abandonedRate: number;
  };
  /** How sure each change of a rate is: a range that holds 0 could be chance. */
  ranges: RateRanges;
  /** `byChange`: how many calls changed in each way. */
  changedCalls: { count: number; byChange: Record<CallChange, number>; calls: ChangedCall[] };
}

export type SimulationStatus = 'running' | 'done' | 'cancelled' | 'failed';

export interface SimulationRun {
  id: string;
  status: SimulationStatus;
  progress: { done: number; total: number };
  request: SimulationRequest;
  /** When done: the report for `version`. */
  report?: SimulationReport;
  /** When done and `compareWith` was given. */
  comparison?: SimulationComparison;
  /** When real calls were replayed: which, and whether the replay reproduces how they really went. */
  replay?: RealCallsReplay;
  /** When simulated callers spoke as real callers did: the phrases taken from real calls, by intent. */
  realPhrasing?: RealPhrasing;
  error?: string;
}

/** The words simulated callers took from real calls: for each intent of the personas, how many phrases. */
export interface RealPhrasing {
  from: string;
  to: string;
  intents: Array<{ intent: string; phrases: number }>;
}

/** The persona id every replayed real call carries: its caller is a real person, not a persona. */
export const REAL_CALLER = 'real_caller';

/** How a real call really went, as the call log keeps it. */
export interface RealCallEnding {
  outcome: SimulatedOutcome;
  category: HandoffCategory | null;
}

/** A replay of real calls: the period, the calls, and the reproduction check. */
export interface RealCallsReplay {
  from: string;
  to: string;
  /** Finished calls of the flow in the period; the newest `request.calls` of them were replayed. */
  found: number;
  /**
   * The check that a replay can be trusted: each call that ran on the baseline's version (or, alone, the version
   * replayed), replayed there, should end as it really ended. `differed`: the indexes of those that did not (first 50).
   */
  reproduction: { checked: number; same: number; differed: number[] };
}

/** One simulated call replayed from (seed, index): what was said, where it went, how long it waited. */
export interface SimulatedCall {
  result: SimulatedCallResult;
  /** A replayed real call: which one, when, from which number and how it really ended. */
  realCall?: { callId: string; startedAt: string; phone?: string; flowVersion: string; happened: RealCallEnding };
  personaName: string;
  path: string[];
  transcript: Array<TranscriptEntry & { loudnessDb?: number }>;
  handoffExplanation: string | null;
  queue: QueueResult | null;
}
