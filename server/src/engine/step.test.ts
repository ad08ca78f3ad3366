import { describe, expect, it } from 'vitest';
import { compileFlow, type CallAction } from '@baton/shared';
import { smallFlow } from '../../../shared/src/testing/smallFlow.ts';
import { NlpjsNlu } from '../nlu/NlpjsNlu.ts';
import { createSession, type CallSession } from './CallSession.ts';
import { prepareFlow } from './RuntimeFlow.ts';
import { step, type StepEvent } from './step.ts';

const flow = prepareFlow(compileFlow(smallFlow()).compiled!, 'draft', new NlpjsNlu());
const at = (n: number) => new Date(Date.UTC(2026, 0, 5, 10, 0, n)).toISOString();
const fresh = () => createSession({ callId: 'c1', flowId: 'small', flowVersion: 'draft', startNodeId: 'start', at: at(0) });

function play(events: StepEvent[], session: CallSession = fresh()) {
  const actions: CallAction[] = [];
  for (const event of events) {
    const result = step(flow, session, event);
    actions.push(...result.actions);
    session = result.session;
  }
  return { session, actions, said: actions.flatMap((a) => (a.type === 'say' ? [a.text] : [])) };
}

/** A session as JSON sees it (its lists as arrays), to compare versions of it. */
const asStored = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('step', () => {
  it('When the same events are stepped twice, then the sessions and actions are identical and the input session is untouched', () => {
    const events: StepEvent[] = [{ type: 'start', at: at(0) }, { type: 'utterance', at: at(5), text: 'what is my balance' }];
    const before = fresh();
    const snapshot = asStored(before);
    const a = play(events, before);
    const b = play(events, before);
    expect(asStored(a)).toEqual(asStored(b));
    expect(asStored(before)).toEqual(snapshot);
  });

  it('When a call goes on turn after turn, then every earlier session stays exactly as it was (lists are shared, never changed)', () => {
    const events: StepEvent[] = [
      { type: 'start', at: at(0) },
      { type: 'utterance', at: at(5), text: 'what is my balance' },
      { type: 'utterance', at: at(10), text: 'this is useless', asrConfidence: 0.9, loudnessDb: -20 },
      { type: 'dtmf', at: at(15), digits: '0' },
    ];
    const sessions: CallSession[] = [fresh()];
    const snapshots = [asStored(sessions[0])];
    for (const event of events) {
      sessions.push(step(flow, sessions.at(-1)!, event).session);
      snapshots.push(asStored(sessions.at(-1)!));
    }
    sessions.forEach((session, i) => expect(asStored(session)).toEqual(snapshots[i]));
    // A second call from an earlier session (a replay) does not disturb the sessions after it.
    const replayed = step(flow, sessions[1], { type: 'utterance', at: at(12), text: 'I want to speak to an agent' }).session;
    expect(replayed.transcript.slice(0, sessions[1].transcript.length)).toEqual(sessions[1].transcript.slice());
    expect(replayed.transcript.length).toBeGreaterThan(sessions[1].transcript.length);
    sessions.forEach((session, i) => expect(asStored(session)).toEqual(snapshots[i]));
    expect(sessions.at(-1)!.transcript.length).toBeGreaterThan(sessions[1].transcript.length);
  });

  it('When a call starts, then the caller is greeted, asked, and listened to', () => {
    const { actions, session } = play([{ type: 'start', at: at(0), caller: { name: 'Ada', attributes: { vip: true } } }]);
    expect(actions.map((a) => a.type)).toEqual(['say', 'say', 'listen']);
    expect(session.caller).toMatchObject({ name: 'Ada', attributes: { vip: true } });
    expect(session.nodeId).toBe('main');
  });

  it('When the caller presses 0, then the call is handed over as an explicit request, and the caller hears why first', () => {
    const { actions, session } = play([{ type: 'start', at: at(0) }, { type: 'dtmf', at: at(3), digits: '0' }]);
    const tellAt = actions.findIndex((a) => a.type === 'say' && a.purpose === 'transparency');
    const transferAt = actions.findIndex((a) => a.type === 'transfer');
    expect(tellAt).toBeGreaterThan(0);
    expect(transferAt).toBeGreaterThan(tellAt);
    expect(session.handoff?.reason).toMatchObject({ category: 'explicit_request', signal: 'explicit_request', triggerId: 'person' });
    expect(session.status).toBe('queued');
  });

  it('When the caller says they want to die, then a person takes over at once as a safety matter, the caller hears why first, and if nobody can answer they hear the safety message', () => {
    const handedOver: StepEvent[] = [{ type: 'start', at: at(0) }, { type: 'utterance', at: at(5), text: "honestly I don't want to be alive anymore" }];
    const { session, actions } = play(handedOver);
    expect(session.handoff?.reason).toMatchObject({ category: 'complex_or_sensitive', signal: 'safety', triggerId: 'sensitive' });
    expect(session.handoff?.reason.explanation).toMatch(/may be in danger/);
    const tellAt = actions.findIndex((a) => a.type === 'say' && a.purpose === 'transparency');
    expect(tellAt).toBeGreaterThan(0);
    expect(actions.findIndex((a) => a.type === 'transfer')).toBeGreaterThan(tellAt);
    const noAgent = play([...handedOver, { type: 'transfer_outcome', at: at(60), outcome: 'no_agent' }]);
    expect(noAgent.said).toContain(flow.compiled.flow.settings.safetyMessage);
    expect(flow.compiled.flow.settings.safetyMessage).toMatch(/emergency/i);
  });

  it('When the caller asks for a person and raises a sensitive matter in one turn, then the request is the reason and the sensitive matter is listed as also holding', () => {
    const { session } = play([{ type: 'start', at: at(0) }, { type: 'utterance', at: at(5), text: 'my card was stolen and I want to speak to an agent' }]);
    expect(session.handoff?.reason).toMatchObject({ category: 'explicit_request', triggerId: 'person' });
    expect(session.handoff?.reason.alsoHeld?.map((h) => h.signal)).toContain('sensitive_topic');
  });

  it('When the caller stays silent three times, then the call ends politely', () => {
    const silence = (n: number): StepEvent => ({ type: 'silence', at: at(n) });
    const { session, actions } = play([{ type: 'start', at: at(0) }, silence(5), silence(10), silence(15)]);
    expect(session.status).toBe('ended');
    expect(session.disposition).toBe('abandoned');
    expect(actions.at(-1)?.type).toBe('hangup');
  });

  it('When no agent is free after a transfer, then the call follows "no agent"; when one answers, the agent has it', () => {
    const handedOver: StepEvent[] = [{ type: 'start', at: at(0) }, { type: 'utterance', at: at(5), text: 'agent please' }];
    const noAgent = play([...handedOver, { type: 'transfer_outcome', at: at(60), outcome: 'no_agent' }]);
    expect(noAgent.session.nodeId).toBe('busy');
    expect(noAgent.said.at(-1)).toMatch(/call back later/);
    const connected = play([...handedOver, { type: 'transfer_outcome', at: at(60), outcome: 'connected' }]);
    expect(connected.session.status).toBe('agent');
  });

  it('When the caller speaks while queued, then the words join the transcript but the AI does not answer', () => {
    const { session, actions } = play([{ type: 'start', at: at(0) }, { type: 'utterance', at: at(5), text: 'agent please' }]);
    const next = step(flow, session, { type: 'utterance', at: at(9), text: 'hello? is anyone there?' });
    expect(next.actions).toEqual([]);
    expect(next.session.transcript.at(-1)).toMatchObject({ from: 'caller', text: 'hello? is anyone there?' });
    expect(actions.some((a) => a.type === 'transfer')).toBe(true);
  });

  it('When the call has ended, then further events change nothing', () => {
    const { session } = play([{ type: 'start', at: at(0) }, { type: 'hangup', at: at(2) }]);
    expect(session.status).toBe('ended');
    const after = step(flow, session, { type: 'utterance', at: at(3), text: 'hello' });
    expect(after).toEqual({ session, actions: [] });
  });
});
