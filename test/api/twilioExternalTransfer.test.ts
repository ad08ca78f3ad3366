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
