import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { billingExample, startTwilioTestServer } from '../../server/src/telephony/twilio/startTwilioTestServer.ts';
import { TwilioTestCaller } from '../../server/src/telephony/twilio/TwilioTestCaller.ts';

const TOKEN = 'test-auth-token-0123456789abcdef';
const NUMBER = '+442071234567';

let server: Awaited<ReturnType<typeof startTwilioTestServer>>;
beforeEach(async () => {
  // The billing team answers on the company's own phone system, not on Baton's agent desk.
  const billing = await billingExample((flow) => Object.assign(flow.nodes.find((n) => n.id === 'transfer_billing')!.data, { target: { type: 'sip', uri: 'sip:billing@pbx.example.com' } }));
  server = await startTwilioTestServer({ authToken: TOKEN }, [billing]);
  await server.api(`/api/numbers/${encodeURIComponent(NUMBER)}`, { method: 'PUT', body: { flowId: 'billing-support' } });
});
afterEach(() => server.stop());

/** Rings the billing number and asks for a person: the TwiML that hands the call to the outside destination. */
async function askForAPerson() {
  const caller = new TwilioTestCaller(server.url, TOKEN, '+447700900123', NUMBER);
  const greeting = await caller.dial();
  const person = await caller.answer(greeting.twiml.gather!.action, { speech: 'let me talk to a real person' });
  return { caller, person };
}

describe('a transfer to a phone system outside Baton', () => {
  it('When the caller asks for a person, then they hear why and the call is dialled to the SIP address with the briefing id and reason in its headers', async () => {
    const { person } = await askForAPerson();
    expect(person.twiml.says.join(' ')).toMatch(/connecting you to our billing team because you asked to speak with a person/);
    expect(person.twiml.enqueue).toBeUndefined();
    const sip = /<Sip>([^<]*)<\/Sip>/.exec(person.body)![1].replace(/&amp;/g, '&');
    const headers = new URLSearchParams(sip.split('?')[1]);
    expect(sip.startsWith('sip:billing@pbx.example.com?')).toBe(true);
    expect(headers.get('X-Baton-Packet-Id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(headers.get('X-Baton-Reason')).toMatch(/^explicit_request; explicit_request; The caller asked for a person/);
    // Nobody on Baton's desk is offered the call.
    const live = (await (await server.api('/api/routing/live')).json()) as { queues: Array<{ queueId: string; waiting: number }> };
    expect(live.queues.find((q) => q.queueId === 'billing')!.waiting).toBe(0);
  });

  it('When nobody answers on the phone system, then the flow takes its no-agent path and offers a call back', async () => {
    const { caller, person } = await askForAPerson();
    const dialAction = /<Dial action="([^"]*)"/.exec(person.body)![1].replace(/&amp;/g, '&');
    const unanswered = await caller.post(dialAction, { DialCallStatus: 'no-answer' });
    expect(unanswered.twiml.says).toEqual(['Nobody is free to take your call just now. What number should we call you back on?']);
    expect(unanswered.twiml.gather).toBeDefined();
    // Twilio retrying the same report changes nothing.
    expect((await caller.post(dialAction, { DialCallStatus: 'no-answer' })).body).toBe(unanswered.body);
  });

  it('When the phone system answers and the conversation ends, then the call is over for Baton, recorded as connected', async () => {
    const { caller, person } = await askForAPerson();
    const dialAction = /<Dial action="([^"]*)"/.exec(person.body)![1].replace(/&amp;/g, '&');
    const done = await caller.post(dialAction, { DialCallStatus: 'completed' });
    expect(done.twiml.hangup).toBe(true);
  });
});

describe('a warm transfer to a phone number', () => {
  let warm: Awaited<ReturnType<typeof startTwilioTestServer>>;
  beforeEach(async () => {
    // The billing team answers on a phone number; they hear why before the caller is put through, and may refuse.
    const billing = await billingExample((flow) => Object.assign(flow.nodes.find((n) => n.id === 'transfer_billing')!.data, { target: { type: 'number', number: '+442079460000' }, warm: true }));
    warm = await startTwilioTestServer({ authToken: TOKEN }, [billing]);
    await warm.api(`/api/numbers/${encodeURIComponent(NUMBER)}`, { method: 'PUT', body: { flowId: 'billing-support' } });
  });
  afterEach(() => warm.stop());

  /** The caller asks for a person; the number is dialled with a whisper for whoever answers. */
  async function dialled() {
    const caller = new TwilioTestCaller(warm.url, TOKEN, '+447700900123', NUMBER);
    const greeting = await caller.dial();
    await caller.answer(greeting.twiml.gather!.action, { speech: 'I want a refund' });
    const person = await caller.answer(greeting.twiml.gather!.action.replace(/step=\d+/, 'step=2'), { speech: 'let me talk to a real person' });
    const whisper = /<Number url="([^"]*)"/.exec(person.body)?.[1]?.replace(/&amp;/g, '&');
    const dialAction = /<Dial action="([^"]*)"/.exec(person.body)![1].replace(/&amp;/g, '&');
    // The person who answers is on another leg of the call, with its own CallSid.
    const agentLeg = new TwilioTestCaller(warm.url, TOKEN, NUMBER, '+442079460000');
    return { caller, person, whisper: whisper!, dialAction, agentLeg };
  }

  it('When the person who answers hears the whisper and presses 1, then the calls are joined and the transfer is connected', async () => {
    const { caller, whisper, dialAction, agentLeg } = await dialled();
    expect(whisper).toMatch(/\/twilio\/whisper\?call=/);
    const heard = await agentLeg.post(whisper, { CallStatus: 'in-progress', ParentCallSid: caller.callSid });
    expect(heard.twiml.says.join(' ')).toMatch(/^A caller from Baton\. The caller asked for a person: "let me talk to a real person".*refund.*Press 1 to take the call, or hang up to refuse it\./);
    const answer = heard.twiml.gather!.action;
    expect((await agentLeg.post(answer, { Digits: '1' })).body).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    const done = await caller.post(dialAction, { DialCallStatus: 'completed', DialBridged: 'true' });
    expect(done.twiml.hangup).toBe(true);
  });

  it('When the person who answers refuses the call, then the caller is not put through: the flow takes its no-agent path and the transfer is recorded as declined', async () => {
    const { caller, whisper, dialAction, agentLeg } = await dialled();
    const heard = await agentLeg.post(whisper, { CallStatus: 'in-progress' });
    expect((await agentLeg.post(heard.twiml.gather!.action, { Digits: '2' })).twiml.hangup).toBe(true);
    const back = await caller.post(dialAction, { DialCallStatus: 'completed', DialBridged: 'false' });
    expect(back.twiml.says).toEqual(['Nobody is free to take your call just now. What number should we call you back on?']);
    const callId = /call=([^&]+)/.exec(whisper)![1];
    const record = (await (await warm.api(`/api/calls/${decodeURIComponent(callId)}`)).json()) as { handoff: { outcome: string } };
    expect(record.handoff.outcome).toBe('declined');
    // To the end: the caller gives a number, hears when they will be called, and the line ends.
    const booked = await caller.answer(back.twiml.gather!.action, { speech: '020 7946 0018' });
    expect(booked.twiml.says.join(' ')).toMatch(/will call you on/);
    expect(booked.twiml.hangup).toBe(true);
  });

  it('When a whisper is asked for a call that is no longer waiting, or without a signature, then nobody is joined to anything', async () => {
    const { caller, whisper, agentLeg } = await dialled();
    await caller.hangUp();
    const late = await agentLeg.post(whisper, { CallStatus: 'in-progress' });
    expect(late.twiml.says).toEqual(['The caller has already hung up. Goodbye.']);
    expect(late.twiml.hangup).toBe(true);
    expect((await agentLeg.post(whisper, { CallStatus: 'in-progress' }, 'forged')).status).toBe(403);
  });
});
