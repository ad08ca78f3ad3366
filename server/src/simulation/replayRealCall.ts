import { REAL_CALLER, type CallAction, type CallEvent, type CallFacts, type HandoffReason, type RealCallEnding, type SimulatedCallResult, type TurnSignals } from '@baton/shared';
import { createSession, type CallSession } from '../engine/CallSession.ts';
import type { RuntimeFlow } from '../engine/RuntimeFlow.ts';
import { step, type StepResult } from '../engine/step.ts';
import type { SimulationFlow, SimulatedCallDetail } from './simulateCall.ts';

/** A finished real call as a replay needs it: how it started, what the caller did while with the assistant, how it ended. */
export interface RealCall {
  callId: string;
  flowId: string;
  startedAt: string;
  phone?: string;
  /** The version it ran on ("draft" from the test console, or a published number). */
  flowVersion: string;
  start: Extract<CallEvent, { type: 'start' }>;
  /** The caller's events up to the moment the call left the assistant (handed over or ended), in order. */
  turns: CallEvent[];
  happened: RealCallEnding;
  /** The steps it really went through, in order. */
  path: string[];
}

const CALLER_EVENTS = new Set<CallEvent['type']>(['utterance', 'dtmf', 'silence', 'hangup']);

/** How a finished call ended, in a what-if's words. */
export function endingOf(facts: CallFacts): RealCallEnding {
  if (facts.handoff) return { outcome: 'handoff', category: facts.handoff.category };
  return { outcome: facts.disposition === 'abandoned' ? 'hung_up' : 'contained', category: null };
}

/**
 * A real call from its call log records; null when it cannot be replayed (not finished, or written before the log kept
 * its start). The caller's events are taken while the call was with the assistant: what a caller said to an agent or
 * while waiting was not said to the flow.
 */
export function realCallOf(callId: string, records: ReadonlyArray<Record<string, unknown>>): RealCall | null {
  let start: RealCall['start'] | undefined;
  let flowVersion: string | undefined;
  let facts: CallFacts | undefined;
  let withAssistant = false;
  let left = false;
  const turns: CallEvent[] = [];
  for (const record of records) {
    if (record.facts && typeof record.facts === 'object') facts = record.facts as CallFacts;
    const event = record.event as CallEvent | undefined;
    if (!event || typeof event !== 'object' || typeof event.type !== 'string') continue;
    if (event.type === 'start') {
      start = event;
      const flow = record.flow as { version?: unknown } | undefined;
      flowVersion = flow?.version === undefined ? undefined : String(flow.version);
    } else if (!left && withAssistant && CALLER_EVENTS.has(event.type)) turns.push(event);
    const status = (record.state as { status?: unknown } | undefined)?.status;
    if (status === undefined) continue;
    if (status !== 'ai' && start) left = true;
    withAssistant = status === 'ai';
  }
  if (!start || !facts) return null;
  return {
    callId,
    flowId: facts.flowId,
    startedAt: facts.startedAt,
    ...(facts.phone ? { phone: facts.phone } : {}),
    flowVersion: flowVersion ?? facts.flowVersion,
    start,
    turns,
    happened: endingOf(facts),
    path: facts.path ?? [],
  };
}

function transferIn(actions: readonly CallAction[]): Extract<CallAction, { type: 'transfer' }> | undefined {
  for (const a of actions) if (a.type === 'transfer') return a;
  return undefined;
}

interface Played {
  session: CallSession;
  transfer: Extract<CallAction, { type: 'transfer' }> | undefined;
  transferAt: string;
  turns: number;
  loudness: Map<number, number>;
}

/**
 * A real call's caller through a flow version with the real engine: the same start (time, number), then the caller's
 * own events at their own times, until this version hands the call over or ends it. `onStep` sees each caller event's
 * step.
 */
function play(runtime: RuntimeFlow, call: RealCall, onStep?: (event: CallEvent, before: CallSession, result: StepResult) => void): Played {
  const fresh: CallSession = createSession({ callId: call.callId, flowId: runtime.compiled.flow.id, flowVersion: runtime.version, startNodeId: runtime.compiled.startId, at: call.start.at });
  let result: StepResult = step(runtime, fresh, call.start);
  let session = result.session;
  let transfer = transferIn(result.actions);
  let transferAt = call.start.at;
  let turns = 0;
  const loudness = new Map<number, number>();
  for (const event of call.turns) {
    if (transfer || session.status !== 'ai') break;
    if (event.type === 'utterance' || event.type === 'dtmf') turns += 1;
    if (event.type === 'utterance' && event.loudnessDb !== undefined) loudness.set(session.transcript.length, event.loudnessDb);
    const before = session;
    result = step(runtime, session, event);
    session = result.session;
    onStep?.(event, before, result);
    transfer = transferIn(result.actions);
    if (transfer) transferAt = event.at;
  }
  return { session, transfer, transferAt, turns, loudness };
}

const outcomeOf = ({ transfer, session }: Played) => (transfer ? 'handoff' : session.status === 'ended' && session.disposition === 'abandoned' ? 'hung_up' : 'contained');

/**
 * Replays a real call through a flow version (see `play`). When the caller's recorded events run out with the call
 * still with the assistant (it was handed over sooner on the real call), the call counts as staying with the
 * assistant: what the caller would have said next is not known.
 */
export function replayRealCall(flow: SimulationFlow, call: RealCall, index: number): SimulatedCallDetail {
  const played = play(flow.runtime, call);
  const { session, transfer, transferAt, turns, loudness } = played;
  const reason = session.handoff?.reason;
  const summary: SimulatedCallResult = {
    index,
    persona: REAL_CALLER,
    intent: session.intents.toArray()[0]?.name ?? null,
    outcome: outcomeOf(played),
    turns,
    disposition: session.disposition,
    handoff:
      transfer && reason
        ? {
            category: reason.category,
            signal: reason.signal,
            triggerId: reason.triggerId,
            nodeId: reason.triggerId ?? transfer.nodeId,
            queue: transfer.queue,
            atSeconds: Math.max(0, (Date.parse(transferAt) - Date.parse(call.start.at)) / 1000),
          }
        : null,
  };
  return { session, loudness, result: summary };
}

/** One caller turn of a real call as Baton read it: what was said or pressed, the signals, a trigger that fired. */
export interface ReadTurn {
  at: string;
  text: string;
  nodeId: string;
  signals: TurnSignals | null;
  handoff: HandoffReason | null;
}

/**
 * What Baton noticed on each caller turn of a real call, worked out again on the version it ran on (signals are not
 * kept in the call log: the detectors are deterministic, so the same words give the same reading). `reproduced`: the
 * replay ended as the call really did, so the reading is the one the call had.
 */
export function readRealCall(runtime: RuntimeFlow, call: RealCall): { reproduced: boolean; turns: ReadTurn[] } {
  const turns: ReadTurn[] = [];
  const played = play(runtime, call, (event, before, result) => {
    if (event.type !== 'utterance' && event.type !== 'dtmf') return;
    const said = result.session.transcript.slice(before.transcript.length).find((line) => line.from === 'caller');
    turns.push({ at: event.at, text: said?.text ?? (event.type === 'utterance' ? event.text : event.digits), nodeId: before.nodeId, signals: result.signals ?? null, handoff: result.handoff ?? null });
  });
  const category = played.transfer ? (played.session.handoff?.reason.category ?? null) : null;
  return { reproduced: outcomeOf(played) === call.happened.outcome && category === call.happened.category, turns };
}
