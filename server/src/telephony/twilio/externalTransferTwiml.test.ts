import type { HandoffPacket } from '@baton/shared';
import { describe, expect, it } from 'vitest';
import { dialOutcome, externalTransferTwiml } from './externalTransferTwiml.ts';

const packet = {
  callId: 'call-42',
  reason: { category: 'explicit_request', signal: 'explicit_request', triggerId: 't', explanation: 'The caller asked for a person.' },
  summary: 'Wants a refund.',
  transcript: Array.from({ length: 400 }, (_, i) => ({ from: 'caller', text: `turn ${i} `.repeat(10), at: '', nodeId: 'n' })),
} as unknown as HandoffPacket;
const action = 'https://baton.test/twilio/transfer-result?step=3';

describe('transfers outside Baton', () => {
  it('When the target is a SIP endpoint, then the packet id and reason go in X- headers', () => {
    const xml = externalTransferTwiml({ type: 'sip', uri: 'sip:desk@pbx.example.com' }, packet, action);
    expect(xml).toContain('<Sip>sip:desk@pbx.example.com?X-Baton-Packet-Id=call-42&amp;X-Baton-Reason=explicit_request%3B+explicit_request%3B+The+caller+asked+for+a+person.</Sip>');
    expect(xml).toContain('<Dial action="https://baton.test/twilio/transfer-result?step=3" method="POST">');
  });

  it('When the target is a phone number, then the call is dialled there', () => {
    expect(externalTransferTwiml({ type: 'number', number: '+15005550006' }, packet, action)).toContain('<Number>+15005550006</Number>');
  });

  it('When the target is a TaskRouter workflow, then the task carries the packet, its transcript cut to fit', () => {
    const xml = externalTransferTwiml({ type: 'taskrouter', workflowSid: 'WW123' }, packet, action);
    expect(xml).toContain('<Enqueue workflowSid="WW123"');
    const task = /<Task>([^<]*)<\/Task>/.exec(xml)![1].replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    const attributes = JSON.parse(task);
    expect(attributes).toMatchObject({ type: 'baton_handoff', callId: 'call-42', summary: 'Wants a refund.' });
    expect(attributes.packet.transcript).toHaveLength(5);
  });
});

describe('dialOutcome', () => {
  it('When Twilio reports how a dial ended, then the transfer outcome says it as a person would: answered, busy, no answer, failed; a caller who hung up first leaves it unset', () => {
    expect(dialOutcome({ DialCallStatus: 'completed' })).toBe('connected');
    expect(dialOutcome({ DialCallStatus: 'busy' })).toBe('busy');
    expect(dialOutcome({ DialCallStatus: 'no-answer' })).toBe('no_answer');
    expect(dialOutcome({ QueueResult: 'leave' })).toBe('no_answer');
    expect(dialOutcome({ DialCallStatus: 'failed' })).toBe('failed');
    expect(dialOutcome({ DialCallStatus: 'canceled' })).toBe('failed');
    expect(dialOutcome({ QueueResult: 'hangup' })).toBeUndefined();
  });
});
