import { describe, expect, it } from 'vitest';
import { compileFlow, type CallAction } from '@baton/shared';
import { smallFlow } from '../../../shared/src/testing/smallFlow.ts';
import { NlpjsNlu } from '../nlu/NlpjsNlu.ts';
import { createSession, type CallSession } from './CallSession.ts';
import { prepareFlow } from './RuntimeFlow.ts';
import { step, type StepEvent } from './step.ts';

/** The small flow whose no-agent path books a call back, with wait updates every 30 s. */
function callbackFlow() {
  const doc = smallFlow();
  Object.assign(doc.nodes.find((n) => n.id === 'transfer')!.data, { updateEverySeconds: 30 });
  doc.nodes.push(
    { id: 'ask_number', kind: 'ask', position: { x: 400, y: 0 }, data: { question: 'What number should we call you on?', slot: 'callback_number', valueType: 'phone' } },
    { id: 'booked', kind: 'end', position: { x: 400, y: 100 }, data: { message: 'We will call you on {{slots.callback_number}} {{queue.callbackWindow}}.', disposition: 'callback' } },
  );
  doc.edges = doc.edges.filter((e) => e.id !== 'transfer-no_agent');
  doc.edges.push(
    { id: 'transfer-no_agent', source: 'transfer', sourcePort: 'no_agent', target: 'ask_number' },
    { id: 'ask_number-filled', source: 'ask_number', sourcePort: 'filled', target: 'booked' },
    { id: 'ask_number-failed', source: 'ask_number', sourcePort: 'failed', target: 'busy' },
  );
  const { compiled, issues } = compileFlow(doc);
  expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
  return prepareFlow(compiled!, 'draft', new NlpjsNlu());
}

const flow = callbackFlow();
const at = (s: number) => new Date(Date.UTC(2026, 0, 5, 10, 0, 0) + s * 1000).toISOString();
const waiting = (s: number, figures: Partial<{ position: number; ewtSeconds: number | null; overMaxWait: boolean }> = {}): StepEvent => ({
  type: 'queue_update', at: at(s), position: 3, ewtSeconds: 200, agentsAvailable: 0, overMaxWait: false, ...figures,
});

function play(events: StepEvent[], session?: CallSession) {
  let s = session ?? createSession({ callId: 'c1', flowId: 'small', flowVersion: 'draft', startNodeId: 'start', at: at(0) });
  const actions: CallAction[] = [];
  for (const event of events) {
    const result = step(flow, s, event);
    actions.push(...result.actions);
    s = result.session;
  }
  return { session: s, actions, said: actions.flatMap((a) => (a.type === 'say' ? [a.text] : [])) };
}

const queued = () => play([{ type: 'start', at: at(0) }, { type: 'dtmf', at: at(2), digits: '0' }]).session;

describe('waiting in the queue', () => {
  it('When the caller waits, then they hear their place and the wait at the flow\'s interval, not on every update', () => {
    const { said } = play([waiting(10), waiting(33), waiting(45), waiting(64, { position: 1, ewtSeconds: 40 })], queued());
    expect(said).toEqual([
      "Thanks for waiting. You're number 3 in line, and the wait is about 3 minutes.",
      "Thanks for waiting. You're number 1 in line, and the wait is less than a minute.",
    ]);
  });

  it('When the wait grows past the queue\'s maximum, then the caller is offered a call back once, and pressing 1 takes them to book it', () => {
    const offered = play([waiting(10, { overMaxWait: true }), waiting(50, { overMaxWait: true })], queued());
    expect(offered.said.filter((t) => /call you back/.test(t))).toHaveLength(1);
    expect(offered.session.status).toBe('queued');
    const accepted = play([{ type: 'dtmf', at: at(60), digits: '1' }], offered.session);
    expect(accepted.session.status).toBe('ai');
    expect(accepted.said).toEqual(['What number should we call you on?']);
  });

  it('When nobody who can take the call is signed in (no estimate), then the waiting caller is offered a call back and never told a wait', () => {
    const { said } = play([waiting(10, { ewtSeconds: null, overMaxWait: true }), waiting(45, { ewtSeconds: null, overMaxWait: true }), waiting(80, { ewtSeconds: null, overMaxWait: true })], queued());
    expect(said.filter((t) => /call you back/.test(t))).toHaveLength(1);
    const updates = said.filter((t) => /Thanks for waiting/.test(t));
    expect(updates.length).toBeGreaterThan(0);
    for (const update of updates) {
      expect(update).not.toMatch(/minute/);
      expect(update).toMatch(/hard to say right now/);
    }
  });

  it('When the caller says "call me back" before any offer, then they stay in the queue', () => {
    const { session } = play([{ type: 'utterance', at: at(5), text: 'can you call me back' }], queued());
    expect(session.status).toBe('queued');
  });

  it('When an agent takes the call, then the caller hears the agent\'s first name, and then the agent\'s own words', () => {
    const { said, actions, session } = play(
      [
        { type: 'transfer_outcome', at: at(20), outcome: 'connected', agent: { id: 'amara-okafor', name: 'Amara Okafor' } },
        { type: 'agent_message', at: at(25), text: 'Hi, I can see you want a refund of {{slots.amount}}.', agentId: 'amara-okafor' },
      ],
      queued(),
    );
    expect(said).toEqual(["You're through to Amara, who has the details of your call.", 'Hi, I can see you want a refund of {{slots.amount}}.']);
    expect(actions.at(-1)).toMatchObject({ type: 'say', purpose: 'agent' });
    expect(session).toMatchObject({ status: 'agent', agent: { id: 'amara-okafor', name: 'Amara Okafor' } });
    expect(session.transcript.at(-1)).toMatchObject({ from: 'agent', text: 'Hi, I can see you want a refund of {{slots.amount}}.' });
  });

  it('When the agent hangs up, then the caller hears goodbye and a hang-up, the call ends with the disposition, and later events change nothing', () => {
    const connected: StepEvent = { type: 'transfer_outcome', at: at(20), outcome: 'connected', agent: { id: 'amara-okafor', name: 'Amara Okafor' } };
    const { actions, session } = play([connected, { type: 'agent_hangup', at: at(90), agentId: 'amara-okafor', disposition: 'resolved' }], queued());
    expect(actions.slice(-2)).toEqual([expect.objectContaining({ type: 'say', text: 'Thanks for calling. Goodbye.' }), expect.objectContaining({ type: 'hangup' })]);
    expect(session).toMatchObject({ status: 'ended', disposition: 'resolved', endedAt: at(90) });
    expect(play([{ type: 'utterance', at: at(95), text: 'hello?' }], session).actions).toEqual([]);
    // An agent hang-up reaches only a call that is with an agent.
    expect(play([{ type: 'agent_hangup', at: at(30), agentId: 'amara-okafor' }], queued()).session.status).toBe('queued');
  });

  it('When the caller books a call back, then the goodbye names the window and the call leaves a callback request with the number given', () => {
    const { actions, said, session } = play(
      [{ type: 'transfer_outcome', at: at(5), outcome: 'no_agent' }, { type: 'utterance', at: at(10), text: 'it is 020 7946 0018', queues: () => ({ callbackWindow: 'between 2:10 pm and 2:40 pm' }) }],
      queued(),
    );
    expect(said.at(-1)).toMatch(/We will call you on .+ between 2:10 pm and 2:40 pm\./);
    expect(actions.find((a) => a.type === 'callback')).toEqual({ type: 'callback', queue: 'billing', phone: session.slots.callback_number, nodeId: 'booked' });
    expect(session.disposition).toBe('callback');
  });

  it('When the caller keys in their call-back number, then it is taken and the call back is booked on it', () => {
    const { actions, session } = play(
      [{ type: 'transfer_outcome', at: at(5), outcome: 'no_agent' }, { type: 'dtmf', at: at(10), digits: '02079460018', queues: () => ({ callbackWindow: 'between 2:10 pm and 2:40 pm' }) }],
      queued(),
    );
    expect(session.slots.callback_number).toBe('02079460018');
    expect(actions.find((a) => a.type === 'callback')).toEqual({ type: 'callback', queue: 'billing', phone: '02079460018', nodeId: 'booked' });
    expect(session.disposition).toBe('callback');
  });

  it('When a decision before the transfer checks queue.ewtSeconds, then it reads the live wait of the queue the transfer leads to', () => {
    const doc = smallFlow();
    doc.nodes.push({ id: 'wait_check', kind: 'branch', position: { x: 400, y: 0 }, data: { conditions: [{ id: 'long', rule: 'queue.ewtSeconds > 300' }] } });
    doc.edges = doc.edges.filter((e) => e.id !== 'person-fired');
    doc.edges.push(
      { id: 'person-fired', source: 'person', sourcePort: 'fired', target: 'wait_check' },
      { id: 'wait_check-long', source: 'wait_check', sourcePort: 'long', target: 'busy' },
      { id: 'wait_check-else', source: 'wait_check', sourcePort: 'else', target: 'tell' },
    );
    const decided = prepareFlow(compileFlow(doc).compiled!, 'draft', new NlpjsNlu());
    const callWith = (ewtSeconds: number) => {
      const session = step(decided, createSession({ callId: 'c', flowId: 'small', flowVersion: 'draft', startNodeId: 'start', at: at(0) }), { type: 'start', at: at(0) }).session;
      return step(decided, session, { type: 'dtmf', at: at(2), digits: '0', queues: (id) => (id === 'billing' ? { ewtSeconds } : undefined) }).session;
    };
    expect(callWith(600).status).toBe('ended');
    expect(callWith(60).status).toBe('queued');
  });
});
