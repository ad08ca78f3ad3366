import type { HandoffPacket, HandoffReason } from '@baton/shared';
import type { CallSession } from './CallSession.ts';

function describeSlots(slots: CallSession['slots']): string {
  const entries = Object.entries(slots);
  if (entries.length === 0) return 'Nothing collected yet.';
  return `Collected: ${entries.map(([k, v]) => `${k.replace(/_/g, ' ')} ${typeof v === 'boolean' ? (v ? 'yes' : 'no') : v}`).join(', ')}.`;
}

function describeWants(session: CallSession): string {
  const names = [...new Set(session.intents.toArray().map((i) => i.name.replace(/_/g, ' ')))];
  if (names.length > 0) return `Caller wants: ${names.join(', then ')}.`;
  const said = session.transcript.toArray().find((t) => t.from === 'caller')?.text;
  return said ? `Caller said: "${said.slice(0, 120)}".` : 'The caller has not said what they want yet.';
}

/** What the caller was last told about the handover (the transparency message, with the wait they heard). */
export function toldCaller(session: CallSession): string | undefined {
  for (let i = session.transcript.length - 1; i >= 0; i--) {
    const line = session.transcript.at(i)!;
    if (line.from === 'ai' && line.purpose === 'transparency') return line.text;
  }
  return undefined;
}

/**
 * Three lines an agent can read before saying hello: what the caller wants, what was collected, and what they were
 * told. Why the call was handed over is the packet's `reason`, shown on its own: the summary does not repeat it.
 */
export function summarize(session: CallSession, reason: HandoffReason): string {
  const told = toldCaller(session);
  return [describeWants(session), describeSlots(session.slots), told ? `Told: "${told}"` : `Handed over: ${reason.explanation}`].join('\n');
}

/** What the agent who takes over receives. */
export function buildPacket(session: CallSession, reason: HandoffReason, at: string): HandoffPacket {
  return {
    callId: session.callId,
    flow: { id: session.flowId, version: session.flowVersion },
    caller: session.caller,
    reason,
    summary: summarize(session, reason),
    intents: session.intents.toArray(),
    slots: { ...session.slots },
    transcript: session.transcript.toArray(),
    sentimentTrend: session.sentimentTrend.toArray().map((s) => Number(s.toFixed(2))),
    stepsTried: session.stepsTried.toArray(),
    startedAt: session.startedAt,
    handoffAt: at,
  };
}
