import type { HandoffPacket } from '@baton/shared';
import twilio from 'twilio';

/**
 * Where a transfer goes outside Baton's own queues. Not wired yet: the `transfer` node has no target type (proposed
 * as `target` in shared/src/nodes/transfer.ts); until it does, every transfer goes to Baton's queues via `<Enqueue>`.
 */
export type ExternalTarget =
  | { type: 'sip'; uri: string }
  | { type: 'number'; number: string }
  | { type: 'taskrouter'; workflowSid: string };

/** TaskRouter refuses task attributes over 16 KB; the transcript is what gives way first. */
const MAX_TASK_ATTRIBUTES = 15_000;
/** SIP headers travel in the INVITE; Twilio allows 1 KB of custom headers in all. */
const MAX_REASON = 200;

/**
 * Hands the call to an outside destination with the packet: a SIP endpoint gets the packet's id and the reason as
 * X- headers, TaskRouter (Flex) gets the packet as the task's attributes. `action` hears how the dial went.
 */
export function externalTransferTwiml(target: ExternalTarget, packet: HandoffPacket, action: string): string {
  const r = new twilio.twiml.VoiceResponse();
  if (target.type === 'taskrouter') {
    r.enqueue({ workflowSid: target.workflowSid, action, method: 'POST' }).task(taskAttributes(packet));
    return r.toString();
  }
  const dial = r.dial({ action, method: 'POST' });
  if (target.type === 'number') dial.number(target.number);
  else dial.sip(sipWithHeaders(target.uri, packet));
  return r.toString();
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
