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
 * X- headers, TaskRouter (Flex) gets the packet as the task's attributes. `action` hears how the dial went. `whisper`
 * (a warm transfer): what the person who answers hears before the calls are joined (see whisperTwiml).
 */
export function externalTransfer(r: VoiceResponse, target: ExternalTarget, packet: HandoffPacket, action: string, whisper?: string): void {
  if (target.type === 'taskrouter') {
    r.enqueue({ workflowSid: target.workflowSid, action, method: 'POST' }).task(taskAttributes(packet));
    return;
  }
  const dial = r.dial({ action, method: 'POST' });
  const screened = whisper ? { url: whisper, method: 'POST' as const } : {};
  if (target.type === 'number') dial.number(screened, target.number);
  else dial.sip(screened, sipWithHeaders(target.uri, packet));
}

/** The same as a whole TwiML document. */
export function externalTransferTwiml(target: ExternalTarget, packet: HandoffPacket, action: string, whisper?: string): string {
  const r = new twilio.twiml.VoiceResponse();
  externalTransfer(r, target, packet, action, whisper);
  return r.toString();
}

/** Seconds the person who answered has to press 1 before the call goes back to the flow. */
const WHISPER_ANSWER_SECONDS = 8;
const MAX_WHISPER = 400;

/**
 * A warm transfer's whisper, heard by the person who answered (not the caller, who keeps hearing the ringing): why the
 * call comes and its summary, then "press 1 to take it". No key, or hanging up, refuses it: the calls are not joined,
 * and the dial reports DialBridged=false, which Baton takes as declined.
 */
export function whisperTwiml(packet: HandoffPacket | undefined, answer: string, speech: { voice: string; language: string }): string {
  const r = new twilio.twiml.VoiceResponse();
  const say = { voice: speech.voice, language: speech.language } as Parameters<VoiceResponse['say']>[0];
  if (!packet) {
    // The call ended meanwhile (the caller hung up): nothing to join.
    r.say(say, 'The caller has already hung up. Goodbye.');
    r.hangup();
    return r.toString();
  }
  const summary = packet.summary.split('\n').map((line) => line.trim().replace(/[.]$/, '')).filter(Boolean).join('. ');
  const gather = r.gather({ input: ['dtmf'], numDigits: 1, timeout: WHISPER_ANSWER_SECONDS, action: answer, method: 'POST' });
  gather.say(say, `A caller from Baton${packet.caller.name ? `, ${packet.caller.name}` : ''}. ${packet.reason.explanation} ${summary}.`.slice(0, MAX_WHISPER));
  gather.say(say, 'Press 1 to take the call, or hang up to refuse it.');
  r.say(say, 'No answer, so the caller goes back to the assistant. Goodbye.');
  r.hangup();
  return r.toString();
}

/** The whisper's answer: 1 joins the calls (an empty document ends the whisper); anything else refuses. */
export function whisperAnswerTwiml(digits: string | undefined): string {
  const r = new twilio.twiml.VoiceResponse();
  if (digits !== '1') r.hangup();
  return r.toString();
}

/**
 * How a dial to an outside destination ended, as a transfer outcome: `connected` once someone answered (the call is
 * over when Twilio reports it) — `declined` when answered but not joined (a warm transfer refused) —, `busy` for a busy line, `no_answer` when nobody answered (or TaskRouter let the caller
 * go), `failed` otherwise. `undefined` when the caller hung up first. Dial reports `DialCallStatus`; a TaskRouter
 * `<Enqueue>` reports `QueueResult`.
 */
export function dialOutcome(params: { DialCallStatus?: string; QueueResult?: string; DialBridged?: string }): TransferResult | undefined {
  const status = params.DialCallStatus ?? params.QueueResult;
  switch (status) {
    case 'completed':
    case 'answered':
    case 'bridged':
      // Answered but never joined to the caller: the person refused the call at the whisper (or let it go by).
      return params.DialBridged === 'false' ? 'declined' : 'connected';
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
