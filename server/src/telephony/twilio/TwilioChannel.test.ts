import { streamToken } from '../media/streamToken.ts';
import type { CallAction, CallState } from '@baton/shared';
import { describe, expect, it } from 'vitest';
import type { CallUpdate } from '../../usecases/CallService.ts';
import { TwilioChannel, type TwilioCallsPort } from './TwilioChannel.ts';
import { readTwiml } from './TwilioTestCaller.ts';

const say = (text: string, purpose: 'message' | 'agent' = 'message'): CallAction => ({ type: 'say', text, purpose, nodeId: 'n' });
const listen: CallAction = { type: 'listen', nodeId: 'n' };
const state = (status: CallState['status']): CallState => ({ nodeId: 'n', status });

/** A call API that answers each turn from a script and lets the test push updates, as routing would. */
function fakeCalls(answers: Array<{ actions: CallAction[]; state: CallState }>) {
  const turns: unknown[] = [];
  let current = state('ai');
  let outbox: CallAction[] = [];
  const calls: TwilioCallsPort = {
    start: async () => ({ callId: 'call-1', actions: [say('Hello.'), listen], state: state('ai') }),
    // These tests do not dial outside Baton, so no whisper asks for a briefing.
    briefing: async () => undefined,
    turn: async (_id, body) => {
      turns.push(body);
      const answer = answers.shift() ?? { actions: [listen], state: state('ai') };
      current = answer.state;
      return answer;
    },
    updates: () => {
      const actions = outbox;
      outbox = [];
      return { actions, state: current };
    },
    unsaid: (_id, actions) => {
      outbox = [...actions, ...outbox];
    },
  };
  const push = (u: CallUpdate) => {
    outbox.push(...u.actions);
    current = u.state;
  };
  return { calls, turns, push };
}

function channel(fake: ReturnType<typeof fakeCalls>, voice?: { take(sid: string): undefined | { baselineDb: number; peakDeltaDb: number; sustainedMs: number; raised: boolean } }) {
  const appended: Array<Record<string, unknown>> = [];
  const c = new TwilioChannel({
    calls: fake.calls,
    flows: { summary: () => undefined, list: () => [] },
    numbers: { get: (n) => (n === '+441' ? { number: n, flowId: 'f', updatedAt: '', version: 1 } : undefined) },
    callLog: { append: (_id, r) => appended.push(r) },
    settings: { voice: 'Polly.Joanna', language: 'en-US' },
    voice,
  });
  return { c, appended };
}

const B = 'https://baton.test';
const sid = { CallSid: 'CA1', To: '+441', From: '+447700900123' };
const transfer: CallAction = { type: 'transfer', queue: 'billing', nodeId: 't', packet: {} as never };

describe('Twilio channel', () => {
  it('When the caller waits and presses 1 for the call-back offer, then they leave the queue and the flow asks for their number', async () => {
    const fake = fakeCalls([
      { actions: [say('Connecting you.'), transfer], state: state('queued') },
      { actions: [say('What number should we call you on?'), listen], state: state('ai') },
    ]);
    const { c } = channel(fake);
    await c.incoming(sid, B);
    const queued = readTwiml(await c.gather({ ...sid, SpeechResult: 'a person please' }, 1, B));
    expect(queued.enqueue).toMatchObject({ queue: 'billing', waitUrl: `${B}/twilio/wait?step=2` });
    fake.push({ actions: [say('You can press 1 and we will call you back.')], state: state('queued') });
    const wait = readTwiml(await c.wait(sid, 2, B));
    expect(wait.says).toEqual(['You can press 1 and we will call you back.']);
    expect(wait.gather).toMatchObject({ action: `${B}/twilio/keypad?step=3`, input: 'dtmf' });
    expect(readTwiml(await c.keypad({ ...sid, Digits: '1' }, 3, B)).leave).toBe(true);
    expect(fake.turns.at(-1)).toEqual({ dtmf: '1' });
    const after = readTwiml(await c.queueResult({ ...sid, QueueResult: 'leave' }, 2, B));
    expect(after.says).toEqual(['What number should we call you on?']);
    expect(after.gather?.input).toBe('speech dtmf');
  });

  it('When Twilio takes the caller out of the queue itself, then the transfer has failed and the flow carries on', async () => {
    const fake = fakeCalls([
      { actions: [transfer], state: state('queued') },
      { actions: [say('Sorry, I could not connect you. Goodbye.'), { type: 'hangup', nodeId: 'e' }], state: state('ended') },
    ]);
    const { c } = channel(fake);
    await c.incoming(sid, B);
    await c.gather({ ...sid, SpeechResult: 'a person' }, 1, B);
    const ended = readTwiml(await c.queueResult({ ...sid, QueueResult: 'queue-full' }, 2, B));
    expect(fake.turns.at(-1)).toEqual({ transferOutcome: 'failed' });
    expect(ended).toMatchObject({ says: ['Sorry, I could not connect you. Goodbye.'], hangup: true });
  });

  it('When the caller is with an agent and says nothing, then the call is not sent a turn and the agent\'s words are spoken', async () => {
    const fake = fakeCalls([{ actions: [transfer], state: state('queued') }]);
    const { c } = channel(fake);
    await c.incoming(sid, B);
    await c.gather({ ...sid, SpeechResult: 'a person' }, 1, B);
    fake.push({ actions: [say("You're through to Amara.")], state: state('agent') });
    expect(readTwiml(await c.wait(sid, 2, B)).leave).toBe(true);
    const through = readTwiml(await c.queueResult({ ...sid, QueueResult: 'leave' }, 2, B));
    expect(through.says).toEqual(["You're through to Amara."]);
    fake.push({ actions: [say('Hi, how can I help?', 'agent')], state: state('agent') });
    const turnsBefore = fake.turns.length;
    expect(readTwiml(await c.gather(sid, 4, B)).says).toEqual(['Hi, how can I help?']);
    expect(fake.turns.length).toBe(turnsBefore);
  });

  it('When the media stream measured the caller\'s voice, then the turn carries it; the settings choose the voice and language', async () => {
    const evidence = { baselineDb: -30, peakDeltaDb: 10, sustainedMs: 700, raised: true };
    const fake = fakeCalls([]);
    const { c } = channel(fake, { take: (s) => (s === 'CA1' ? evidence : undefined) });
    const first = await c.incoming(sid, B);
    expect(first).toContain('<Say voice="Polly.Joanna" language="en-US">Hello.</Say>');
    // The token tells /twilio/media that Baton started this stream (it is the HMAC of the call SID).
    expect(first).toContain(`<Start><Stream url="wss://baton.test/twilio/media"><Parameter name="callSid" value="CA1"/><Parameter name="token" value="${streamToken('', 'CA1')}"/></Stream></Start>`);
    await c.gather({ ...sid, SpeechResult: 'I am really annoyed', Confidence: '0.5' }, 1, B);
    expect(fake.turns[0]).toEqual({ text: 'I am really annoyed', asrConfidence: 0.5, voice: evidence });
  });

  it('When a final status arrives, then the call hangs up once and the status is recorded once', async () => {
    const fake = fakeCalls([{ actions: [], state: state('ended') }]);
    const { c, appended } = channel(fake);
    await c.incoming(sid, B);
    await c.status({ ...sid, CallStatus: 'no-answer' });
    await c.status({ ...sid, CallStatus: 'no-answer' });
    expect(fake.turns).toEqual([{ hangup: true }]);
    expect(appended).toEqual([expect.objectContaining({ telephony: { provider: 'twilio', callSid: 'CA1', status: 'no-answer' } })]);
    expect(c.liveCalls).toBe(0);
  });
});
