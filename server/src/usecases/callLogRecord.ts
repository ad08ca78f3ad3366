import type { CallEvent, CallFacts, EarlierCall } from '@baton/shared';
import type { CallSession } from '../engine/CallSession.ts';
import { keepsHidden, type StepResult } from '../engine/step.ts';
import { HIDDEN_ANSWER } from '../engine/executors/askExecutor.ts';
import { askedAgain } from '../analytics/askedAgain.ts';
import { maskPersonalData } from '../privacy/maskPersonalData.ts';
import type { LiveCall } from './LiveCall.ts';

/**
 * The call log's line for one event: what happened, what was said, the other actions (enough to replay the call) and
 * where the call is; the handoff when it was handed over, the disposition when it ended. Undefined for a wait update
 * nobody heard, which changes nothing worth keeping. One pass over the actions, as this runs on every turn.
 */
export function callLogRecord(event: CallEvent, before: CallSession, result: StepResult): Record<string, unknown> | undefined {
  const s = result.session;
  if (event.type === 'queue_update' && result.actions.length === 0) return undefined;
  const actions: Array<Record<string, unknown>> = [];
  let transferred = false;
  for (const a of result.actions) {
    if (a.type === 'say') continue;
    if (a.type === 'transfer') transferred = true;
    actions.push(a.type === 'transfer' ? { type: a.type, queue: a.queue, nodeId: a.nodeId } : a);
  }
  const record: Record<string, unknown> = { at: event.at, event, said: s.transcript.slice(before.transcript.length), actions, state: { nodeId: s.nodeId, status: s.status } };
  if (transferred) record.handoff = s.handoff;
  if (s.survey !== before.survey) record.survey = s.survey;
  if (event.type === 'start') record.flow = { id: s.flowId, version: s.flowVersion };
  if (s.status === 'ended') {
    record.disposition = s.disposition;
    record.endedAt = s.endedAt;
    if (before.status !== 'ended') record.facts = callFactsOf(s);
  }
  return record;
}

/** A call as `GET /api/calls/:id` shows it, with its log's records as its events: from its session while it is held here. */
export function callView(callId: string, s: CallSession | undefined, records: Array<Record<string, unknown>>) {
  const events = records.map(({ callId: _id, ...rest }) => rest);
  if (s) {
    return { callId, flow: { id: s.flowId, version: s.flowVersion }, state: { nodeId: s.nodeId, status: s.status }, caller: s.caller, transcript: s.transcript.toArray(), slots: s.slots, handoff: s.handoff, agent: s.agent, disposition: s.disposition, survey: s.survey, startedAt: s.startedAt, endedAt: s.endedAt, events };
  }
  // After a restart the log is the record: replay what it says.
  const last = records[records.length - 1] as { state?: unknown; session?: Partial<CallSession> };
  const handoff = records.map((r) => r.handoff).findLast((h) => h) ?? null;
  const survey = records.map((r) => r.survey).findLast((v) => v) ?? null;
  return { callId, state: last.state ?? null, transcript: records.flatMap((r) => (r.said as unknown[]) ?? []), handoff, survey, events };
}

/**
 * A caller's words or keys as the call log keeps them: an answer to a step that keeps it hidden not at all, a card
 * number keyed in as its last four digits (the step collecting digits still got them as pressed). Words arrive masked.
 */
export function asLogged(event: CallEvent, call: LiveCall, before: CallSession): CallEvent {
  if (event.type !== 'utterance' && event.type !== 'dtmf') return event;
  const hidden = keepsHidden(call.flow.steps.get(before.nodeId)!, before);
  if (event.type === 'utterance') return hidden ? { ...event, text: HIDDEN_ANSWER } : event;
  return { ...event, digits: hidden ? '' : maskPersonalData(event.digits) };
}

/** A finished call as the briefing of the same number's next call shows it. */
export function earlierCallOf(s: CallSession): EarlierCall {
  const call: EarlierCall = { callId: s.callId, startedAt: s.startedAt, endedAt: s.endedAt ?? s.startedAt, disposition: s.disposition ?? 'other' };
  if (s.handoff) call.handoff = { category: s.handoff.reason.category, signal: s.handoff.reason.signal, ...(s.handoff.queue ? { queue: s.handoff.queue } : {}), ...(s.handoff.outcome ? { outcome: s.handoff.outcome } : {}) };
  if (s.survey) call.surveyScore = s.survey.score;
  return call;
}

/** A call's understood phrases kept for analytics: enough for what a caller came for and a few follow-ups. */
const MAX_PHRASES = 5;

/** A finished call as analytics counts it (see CallFacts). */
export function callFactsOf(s: CallSession): CallFacts {
  const facts: CallFacts = {
    callId: s.callId,
    flowId: s.flowId,
    flowVersion: String(s.flowVersion),
    startedAt: s.startedAt,
    endedAt: s.endedAt ?? s.startedAt,
    disposition: s.disposition ?? 'other',
    turns: s.turnCount,
    path: s.path.toArray(),
    callerText: s.transcript
      .toArray()
      .flatMap((t) => (t.from === 'caller' ? [t.text] : []))
      .join('\n'),
  };
  if (s.caller.phone) facts.phone = s.caller.phone;
  const transcript = s.transcript.toArray();
  const again = askedAgain(transcript, s.slots);
  // How the caller put what they wanted, by the intent it was understood as: what personas can learn to say.
  const phrases: Array<{ intent: string; text: string }> = [];
  for (const intent of s.intents.toArray()) {
    const said = transcript.find((line) => line.from === 'caller' && line.at === intent.at);
    if (said && phrases.length < MAX_PHRASES) phrases.push({ intent: intent.name, text: said.text });
  }
  if (phrases.length > 0) facts.phrases = phrases;
  if (again.length > 0) facts.askedAgain = again;
  const h = s.handoff;
  if (h) {
    facts.handoff = { category: h.reason.category, signal: h.reason.signal, triggerId: h.reason.triggerId, at: h.at };
    if (h.fromNodeId) facts.handoff.fromNodeId = h.fromNodeId;
    if (h.turns !== undefined) facts.handoff.turns = h.turns;
    if (h.queue) facts.handoff.queue = h.queue;
    if (h.outcome) facts.handoff.outcome = h.outcome;
    if (h.outcomeAt) facts.handoff.outcomeAt = h.outcomeAt;
  }
  if (s.survey) facts.surveyScore = s.survey.score;
  return facts;
}
