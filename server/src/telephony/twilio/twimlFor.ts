import type { CallAction, CallStatus } from '@baton/shared';
import twilio from 'twilio';
import { externalTransfer } from './externalTransferTwiml.ts';

type VoiceResponse = InstanceType<typeof twilio.twiml.VoiceResponse>;
type SayAttributes = Parameters<VoiceResponse['say']>[0];
type GatherAttributes = NonNullable<Parameters<VoiceResponse['gather']>[0]>;

/** How the caller hears Baton: Twilio's `<Say>` voice and the language for speech and recognition. */
export interface Speech {
  voice: string;
  language: string;
}

/** The absolute URLs one TwiML document names, all for the same step of the call. */
export interface TwimlLinks {
  gather: string;
  wait: string;
  keypad: string;
  queueResult: string;
  /** Where Twilio reports how a dial to a destination outside Baton went. */
  dialResult: string;
  /** What the person who answers a warm transfer hears first. */
  whisper: string;
}

/** How long each round of the waiting loop pauses before Twilio asks again (so updates are heard within this time). */
export const WAIT_PAUSE_SECONDS = 4;

function say(r: { say(attributes: SayAttributes, message: string): unknown }, speech: Speech, actions: CallAction[]) {
  for (const a of actions) if (a.type === 'say') r.say({ voice: speech.voice, language: speech.language } as SayAttributes, a.text);
}

/**
 * What the caller hears after a start or a turn: the flow's messages, then the call's next move: hang up, wait in the
 * queue the flow transferred to, or listen (to the AI, or — with an agent — for the words shown in the agent's desk).
 * `stream` starts the media stream that measures the caller's voice (on the call's first document only).
 */
export function turnTwiml(actions: CallAction[], status: CallStatus, speech: Speech, links: TwimlLinks, stream?: { url: string; callSid: string; token: string }): string {
  const r = new twilio.twiml.VoiceResponse();
  if (stream) {
    const started = r.start().stream({ url: stream.url });
    started.parameter({ name: 'callSid', value: stream.callSid });
    started.parameter({ name: 'token', value: stream.token });
  }
  say(r, speech, actions);
  const transfer = actions.findLast((a) => a.type === 'transfer');
  if (status === 'ended' || actions.some((a) => a.type === 'hangup')) r.hangup();
  else if (status === 'queued' && transfer?.target) externalTransfer(r, transfer.target, transfer.packet, links.dialResult, transfer.warm ? links.whisper : undefined);
  else if (status === 'queued' && transfer) r.enqueue({ waitUrl: links.wait, waitUrlMethod: 'POST', action: links.queueResult, method: 'POST' }, transfer.queue);
  else {
    const gather: GatherAttributes = {
      input: status === 'agent' ? ['speech'] : ['speech', 'dtmf'],
      speechTimeout: 'auto',
      actionOnEmptyResult: true,
      action: links.gather,
      method: 'POST',
      language: speech.language as GatherAttributes['language'],
    };
    r.gather(gather);
  }
  return r.toString();
}

/**
 * One round of waiting in `<Enqueue>`: what the caller has not heard yet (place in line, the call-back offer), a pause
 * standing in for hold music, then Twilio asks again. A key pressed meanwhile (1 for the call back) goes to `keypad`.
 */
export function waitTwiml(actions: CallAction[], speech: Speech, links: TwimlLinks): string {
  const r = new twilio.twiml.VoiceResponse();
  const gather = r.gather({ input: ['dtmf'], numDigits: 1, timeout: 1, action: links.keypad, method: 'POST' });
  say(gather, speech, actions);
  gather.pause({ length: WAIT_PAUSE_SECONDS });
  r.redirect({ method: 'POST' }, links.wait);
  return r.toString();
}

/** Takes the caller out of the queue; Twilio then requests the `<Enqueue>` action URL, which carries on. */
export function leaveTwiml(): string {
  const r = new twilio.twiml.VoiceResponse();
  r.leave();
  return r.toString();
}

/** A message (or what the call still had to say), then the end of the call (a number without a flow, a call Baton no longer knows). */
export function goodbyeTwiml(said: string | CallAction[] | undefined, speech: Speech): string {
  const r = new twilio.twiml.VoiceResponse();
  if (typeof said === 'string') r.say({ voice: speech.voice, language: speech.language } as SayAttributes, said);
  else if (said) say(r, speech, said);
  r.hangup();
  return r.toString();
}
