import type { CallAction, CallEvent, ConversationTest, ExpectationResult, ScriptedTurn } from '@baton/shared';
import { createSession, type CallSession } from '../engine/CallSession.ts';
import type { RuntimeFlow } from '../engine/RuntimeFlow.ts';
import { step } from '../engine/step.ts';

export interface ConversationResult {
  name: string;
  passed: boolean;
  results: ExpectationResult[];
  session: CallSession;
  heard: Array<Extract<CallAction, { type: 'say' }>>;
}

/** Conversation tests start at this time and space their turns 5 s apart. */
export const CONVERSATION_START = Date.parse('2026-01-05T10:00:00.000Z');

function eventFor(turn: ScriptedTurn, at: string): CallEvent {
  if ('text' in turn) return { type: 'utterance', at, text: turn.text, loudnessDb: turn.loudnessDb, asrConfidence: turn.asrConfidence };
  if ('dtmf' in turn) return { type: 'dtmf', at, digits: turn.dtmf };
  return { type: 'silence', at };
}

function isSubsequence(wanted: readonly string[], path: readonly string[]): boolean {
  let i = 0;
  for (const id of path) if (id === wanted[i]) i++;
  return i === wanted.length;
}

/** Plays a conversation test through the engine and checks each expectation. Deterministic: turns are 5 s apart from a fixed time. */
export function runConversation(flow: RuntimeFlow, test: ConversationTest): ConversationResult {
  const at = (n: number) => new Date(CONVERSATION_START + n * 5000).toISOString();
  let session = createSession({ callId: 'conversation-test', flowId: flow.compiled.flow.id, flowVersion: flow.version, startNodeId: flow.compiled.startId, at: at(0) });
  let result = step(flow, session, { type: 'start', at: at(0), caller: test.caller ? { ...test.caller, attributes: {} } : undefined });
  const actions: CallAction[] = [...result.actions];
  session = result.session;
  test.turns.forEach((turn, i) => {
    result = step(flow, session, eventFor(turn, at(i + 1)));
    actions.push(...result.actions);
    session = result.session;
  });
  const heard = actions.filter((a): a is Extract<CallAction, { type: 'say' }> => a.type === 'say');
  const e = test.expect;
  const results: ExpectationResult[] = [];
  const check = (expectation: string, passed: boolean, detail: string) => results.push({ expectation, passed, detail });
  if (e.path) check('path', isSubsequence(e.path, session.path.toArray()), `wanted ${e.path.join(' → ')}; the call went ${session.path.toArray().join(' → ')}`);
  if (e.notPath) check('notPath', !e.notPath.some((id) => session.path.toArray().includes(id)), `must avoid ${e.notPath.join(', ')}; the call went ${session.path.toArray().join(' → ')}`);
  if (e.endsAt) check('endsAt', session.nodeId === e.endsAt, `wanted the call at ${e.endsAt}; it is at ${session.nodeId}`);
  if (e.status) check('status', session.status === e.status, `wanted status ${e.status}; it is ${session.status}`);
  if (e.handoff === null) check('handoff', session.handoff === null, session.handoff ? `wanted no handoff; got ${JSON.stringify(session.handoff.reason)}` : 'no handoff');
  else if (e.handoff) {
    const reason = session.handoff?.reason;
    const ok = !!reason && Object.entries(e.handoff).every(([k, v]) => reason[k as keyof typeof reason] === v);
    check('handoff', ok, `wanted ${JSON.stringify(e.handoff)}; got ${reason ? JSON.stringify(reason) : 'no handoff'}`);
  }
  if (e.heard) {
    let from = 0;
    const missing = e.heard.find((h) => {
      const found = heard.findIndex((a, i) => i >= from && ('exact' in h ? a.text === h.exact : a.text.toLowerCase().includes(h.contains.toLowerCase())));
      if (found < 0) return true;
      from = found + 1;
      return false;
    });
    const wanted = (h: NonNullable<typeof missing>) => ('exact' in h ? `"${h.exact}"` : `anything with "${h.contains}"`);
    check('heard', !missing, missing ? `The caller never heard ${wanted(missing)} (in that order). They heard: ${heard.map((a) => `"${a.text}"`).join(' / ')}` : 'heard every message in order');
  }
  if (e.slots) {
    const wrong = Object.entries(e.slots).filter(([k, v]) => session.slots[k] !== v);
    check('slots', wrong.length === 0, wrong.length ? `slots differ: ${wrong.map(([k, v]) => `${k}: wanted ${v}, got ${session.slots[k]}`).join('; ')}` : 'slots as expected');
  }
  // A best practice holds in every conversation: nobody is transferred without first hearing why.
  const transferAt = actions.findIndex((a) => a.type === 'transfer');
  if (transferAt >= 0) check('told before transfer', actions.slice(0, transferAt).some((a) => a.type === 'say' && a.purpose === 'transparency'), 'a transparency message must come before the transfer');
  return { name: test.name, passed: results.every((r) => r.passed), results, session, heard };
}
