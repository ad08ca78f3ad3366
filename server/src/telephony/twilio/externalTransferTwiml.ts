import type { HandoffPacket, TransferResult, TransferTarget } from '@baton/shared';
import twilio from 'twilio';

/** Where a transfer goes outside Baton's own queues (the `transfer` node's target). */
export type ExternalTarget = Exclude<TransferTarget, { type: 'baton' }>;
type VoiceResponse = InstanceType<typeof twilio.twiml.VoiceResponse>;

/** TaskRouter refuses task attributes over 16 KB; the transcript is what gives way first. */
const MAX_TASK_ATTRIBUTES = 15_000;
/** SIP headers travel in the INVITE; Twilio allows 1 KB of custom headers in all. */
const MAX_REASON = 200;

/**
 * Hands the call to an outside destination with the packet: a SIP endpoint gets the packet's id and the reason as
 * X- headers, TaskRouter (Flex) gets the packet as the task's attributes. `action` hears how the dial went.
 */
export function externalTransfer(r: VoiceResponse, target: ExternalTarget, packet: HandoffPacket, action: string): void {
  if (target.type === 'taskrouter') {
    r.enqueue({ workflowSid: target.workflowSid, action, method: 'POST' }).task(taskAttributes(packet));
    return;
  }
  const dial = r.dial({ action, method: 'POST' });
  if (target.type === 'number') dial.number(target.number);
  else dial.sip(sipWithHeaders(target.uri, packet));
}

/** The same as a whole TwiML document. */
export function externalTransferTwiml(target: ExternalTarget, packet: HandoffPacket, action: string): string {
  const r = new twilio.twiml.VoiceResponse();
  externalTransfer(r, target, packet, action);
  return r.toString();
}

/**
 * How a dial to an outside destination ended, as a transfer outcome: `connected` once someone answered (the call is
 * over when Twilio reports it), `busy` for a busy line, `no_answer` when nobody answered (or TaskRouter let the caller
 * go), `failed` otherwise. `undefined` when the caller hung up first. Dial reports `DialCallStatus`; a TaskRouter
 * `<Enqueue>` reports `QueueResult`.
 */
export function dialOutcome(params: { DialCallStatus?: string; QueueResult?: string }): TransferResult | undefined {
  const status = params.DialCallStatus ?? params.QueueResult;
  switch (status) {
    case 'completed':
    case 'answered':
    case 'bridged':
      return 'connected';
    case 'busy':
      return 'busy';
    case 'no-answer':
    case 'leave':
    case 'redirected':
      return 'no_answer';
    case 'hangup':
      return undefined;
    default:
      return 'failed';
  }
}

/** Twilio sends `?X-…=…` parameters of a `<Sip>` URI as SIP headers of the INVITE. */
export function sipWithHeaders(uri: string, packet: HandoffPacket): string {
  const reason = `${packet.reason.category}; ${packet.reason.signal}; ${packet.reason.explanation}`.slice(0, MAX_REASON);
  const headers = new URLSearchParams({ 'X-Baton-Packet-Id': packet.callId, 'X-Baton-Reason': reason });
  return `${uri}${uri.includes('?') ? '&' : '?'}${headers.toString()}`;
}

function taskAttributes(packet: HandoffPacket): string {
  const whole = JSON.stringify({ type: 'baton_handoff', callId: packet.callId, reason: packet.reason, summary: packet.summary, packet });
  if (whole.length <= MAX_TASK_ATTRIBUTES) return whole;
  return JSON.stringify({ type: 'baton_handoff', callId: packet.callId, reason: packet.reason, summary: packet.summary, packet: { ...packet, transcript: packet.transcript.slice(-5) } });
}
