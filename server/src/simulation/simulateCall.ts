import type { CallAction, Persona, SimulatedCallResult, TranscriptEntry } from '@baton/shared';
import { createSession, type CallSession } from '../engine/CallSession.ts';
import type { RuntimeFlow } from '../engine/RuntimeFlow.ts';
import { step, type StepResult } from '../engine/step.ts';
import { SeededRandom, STREAM } from './SeededRandom.ts';
import { pickPersona, SimulatedCaller } from './SimulatedCaller.ts';

/** Simulated time: every call starts at the same moment and turns are this far apart, so runs are deterministic. */
export const START = Date.parse('2026-01-05T10:00:00.000Z');
export const TURN_SECONDS = 12;
/** A guard against a flow that keeps a caller talking forever. */
const MAX_TURNS = 40;

/** A flow ready to simulate: the engine's runtime, the intents its AI nodes know, and its opening. */
export interface SimulationFlow {
  runtime: RuntimeFlow;
  intents: ReadonlySet<string>;
  /** Every simulated call starts the same way (same time, no caller details): the start is stepped once per flow. */
  opening: StepResult;
}

export interface SimulatedCallDetail {
  result: SimulatedCallResult;
  session: CallSession;
  loudness: Map<number, number>;
}

const TIMES = Array.from({ length: MAX_TURNS + 2 }, (_, turn) => new Date(START + turn * TURN_SECONDS * 1000).toISOString());
const at = (turn: number) => TIMES[turn];

/** The start of every simulated call on this flow. */
export function openingOf(runtime: RuntimeFlow): StepResult {
  const session = createSession({ callId: 'sim', flowId: runtime.compiled.flow.id, flowVersion: runtime.version, startNodeId: runtime.compiled.startId, at: at(0) });
  return step(runtime, session, { type: 'start', at: at(0) });
}

function transferIn(actions: readonly CallAction[]): Extract<CallAction, { type: 'transfer' }> | undefined {
  for (const a of actions) if (a.type === 'transfer') return a;
  return undefined;
}

/**
 * Plays call `index` of a seeded population through the real engine and NLU. The persona and every
 * word depend on (seed, index) only, so a call can be replayed alone and gives the same result.
 */
export function simulateCall(flow: SimulationFlow, personas: readonly Persona[], seed: number, index: number): SimulatedCallDetail {
  const random = new SeededRandom(seed, STREAM.caller, index);
  const persona = pickPersona(personas, random);
  const caller = new SimulatedCaller(persona, random, flow.intents);
  const runtime = flow.runtime;
  // step never changes the session it is given, so every call can begin from the shared opening.
  let session: CallSession = { ...flow.opening.session, callId: `sim-${index}` };
  let transfer = transferIn(flow.opening.actions);
  let result: StepResult;
  const loudness = new Map<number, number>();
  while (!transfer && session.status === 'ai' && caller.turns < MAX_TURNS) {
    const turn = caller.next(runtime, session);
    const when = at(caller.turns + ('hangUp' in turn ? 1 : 0));
    if ('hangUp' in turn) {
      session = step(runtime, session, { type: 'hangup', at: when }).session;
      break;
    }
    loudness.set(session.transcript.length, turn.loudnessDb);
    result = step(runtime, session, { type: 'utterance', at: when, text: turn.text, loudnessDb: turn.loudnessDb });
    session = result.session;
    transfer = transferIn(result.actions);
    caller.heard(session, runtime);
  }
  const reason = session.handoff?.reason;
  const outcome = transfer ? 'handoff' : session.status === 'ended' && session.disposition !== 'abandoned' ? 'contained' : 'hung_up';
  return {
    session,
    loudness,
    result: {
      index,
      persona: persona.id,
      intent: caller.goal?.intent ?? null,
      outcome,
      turns: caller.turns,
      disposition: session.disposition,
      handoff:
        transfer && reason
          ? { category: reason.category, signal: reason.signal, triggerId: reason.triggerId, nodeId: reason.triggerId ?? transfer.nodeId, queue: transfer.queue, atSeconds: caller.turns * TURN_SECONDS }
          : null,
    },
  };
}

/** The transcript with each caller turn's loudness, for the drill-down view. */
export function transcriptOf(detail: SimulatedCallDetail): Array<TranscriptEntry & { loudnessDb?: number }> {
  return detail.session.transcript.toArray().map((entry, i) => (detail.loudness.has(i) ? { ...entry, loudnessDb: detail.loudness.get(i) } : entry));
}
