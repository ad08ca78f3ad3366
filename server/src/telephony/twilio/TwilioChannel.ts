import { streamToken } from '../media/streamToken.ts';
import { createHash } from 'node:crypto';
import type { CallAction, CallState, HandoffPacket, VoiceEvidence } from '@baton/shared';
import { AppError } from '../../errors.ts';
import type { CallLog, FlowRepository, NumberRepository } from '../../store/types.ts';
import type { CallUpdate } from '../../usecases/CallService.ts';
import { TwilioCalls, type TwilioCall } from './TwilioCalls.ts';
import { twilioTurnBody, type TwilioParams } from './twilioTurnBody.ts';
import { DEFAULT_TWILIO_LANGUAGE, DEFAULT_TWILIO_VOICE, type TwilioSettings } from './twilioSettings.ts';
import { dialOutcome, whisperAnswerTwiml, whisperTwiml } from './externalTransferTwiml.ts';
import { goodbyeTwiml, leaveTwiml, turnTwiml, waitTwiml, type Speech, type TwimlLinks } from './twimlFor.ts';

/** The call API the channel drives (CallService). */
export interface TwilioCallsPort {
  start(body: unknown): Promise<{ callId: string; actions: CallAction[]; state: CallState }>;
  turn(callId: string, body: unknown): Promise<{ actions: CallAction[]; state: CallState }>;
  /** What the caller is to hear that no turn of theirs answered, since the last time asked, and where the call is. */
  updates(callId: string): CallUpdate | Promise<CallUpdate>;
  /** Updates taken but not said in this webhook's TwiML: kept for the next one (which may reach another instance). */
  unsaid?(callId: string, actions: CallAction[]): void | Promise<void>;
  /** The settings of the flow the call runs on: its `phone` voice and accent. */
  flowSettings?(callId: string): { phone?: { voice?: string; language?: string } } | undefined;
  /** The briefing of a call waiting for its transfer (for a warm transfer's whisper); undefined once it is not waiting. */
  briefing(callId: string): Promise<HandoffPacket | undefined>;
  /** The call in progress that Twilio's CallSid belongs to (after a restart, or on another instance, its calls are found this way). */
  findByCallSid?(callSid: string): { callId: string; state: CallState } | undefined | Promise<{ callId: string; state: CallState } | undefined>;
}

/** Webhooks' answers shared by several instances, so a retry landing on another one gets the same TwiML. */
export interface WebhookAnswers {
  webhookAnswer(key: string): Promise<string | undefined>;
  rememberWebhookAnswer(key: string, answer: string): Promise<void>;
}

/** The media stream's measure of the caller's voice over the turn that just ended (built by the media-stream channel). */
export interface VoiceSource {
  take(callSid: string): VoiceEvidence | undefined | Promise<VoiceEvidence | undefined>;
  /** Whether the call's audio streams to Baton now (anywhere: a webhook taken up elsewhere need not start another stream). */
  streaming?(callSid: string): boolean | Promise<boolean>;
}

export interface TwilioChannelDeps {
  calls: TwilioCallsPort;
  flows: Pick<FlowRepository, 'summary' | 'list'>;
  numbers: Pick<NumberRepository, 'get'>;
  /** Where the end of each call (Twilio's final status) is recorded. */
  callLog: Pick<CallLog, 'append'>;
  settings: TwilioSettings;
  voice?: VoiceSource;
  onError?: (error: unknown) => void;
  /** Several instances (Redis): webhooks' answers kept where every instance finds them. */
  answers?: WebhookAnswers;
}

/** Twilio's final call statuses: the call is over, whatever the flow was doing. */
const FINAL_STATUSES = new Set(['completed', 'busy', 'no-answer', 'failed', 'canceled']);
const NOT_SET_UP = 'Sorry, this number is not set up to take calls yet. Goodbye.';
const LOST = 'Sorry, something went wrong with this call. Please call again. Goodbye.';
const AT_CAPACITY = 'Sorry, we are taking more calls than we can answer right now. Please call again in a few minutes. Goodbye.';

/**
 * Twilio Programmable Voice as a channel: each webhook becomes a start or a turn of the call (CallService), and what
 * the flow does becomes TwiML. Retried webhooks (same CallSid, same step) get the same TwiML and change nothing.
 */
export class TwilioChannel {
  private readonly calls = new TwilioCalls();
  private readonly speech: Speech;

  constructor(private readonly deps: TwilioChannelDeps) {
    // Flows only say `en` so far; the region (voice and recognition) comes from the settings.
    this.speech = { voice: deps.settings.voice ?? DEFAULT_TWILIO_VOICE, language: deps.settings.language ?? DEFAULT_TWILIO_LANGUAGE };
  }

  /** A new call (`POST /twilio/voice`): starts the flow bound to the called number and starts the media stream. */
  async incoming(params: TwilioParams, base: string): Promise<string> {
    const callSid = requireCallSid(params);
    // Twilio retried the new-call webhook on another instance: the same TwiML, and no second call.
    const answered = await this.deps.answers?.webhookAnswer(answerKey(params, 'voice', 0));
    if (answered) return answered;
    const known = this.calls.get(callSid);
    // Twilio retried the new-call webhook: the same TwiML, and no second call.
    if (known) return known.answers.get('voice:0') ?? Promise.resolve(goodbyeTwiml(LOST, this.speech));
    // Twilio never asks for a call again once it has reported its end: this is a captured request played back.
    if (this.calls.finished(callSid)) {
      this.deps.onError?.(new Error(`A new-call request came for call ${callSid}, which has already ended: refused with a hang-up (a replayed request?).`));
      return Promise.resolve(goodbyeTwiml(undefined, this.speech));
    }
    const flowId = this.flowFor(params.To);
    if (!flowId) {
      this.deps.onError?.(new Error(`A call to ${params.To ?? 'an unknown number'} has no flow: bind the number in Phone numbers, or set BATON_TWILIO_DEFAULT_FLOW.`));
      return Promise.resolve(goodbyeTwiml(NOT_SET_UP, this.speech));
    }
    const call = this.calls.add(callSid);
    return this.calls.once(call, 'voice:0', async () => {
      const caller = { phone: params.From?.slice(0, 40) || undefined, attributes: { callSid, ...(params.To ? { calledNumber: params.To.slice(0, 40) } : {}) } };
      let started: Awaited<ReturnType<TwilioCallsPort['start']>>;
      try {
        started = await this.deps.calls.start({ flowId, caller });
      } catch (error) {
        this.calls.remove(callSid);
        this.deps.onError?.(error);
        // At the live-call limit the caller is told to call again rather than that the number does not work.
        return goodbyeTwiml(error instanceof AppError && error.code === 'too_many_calls' ? AT_CAPACITY : NOT_SET_UP, this.speech);
      }
      call.callId = started.callId;
      call.status = started.state.status;
      const phone = this.deps.calls.flowSettings?.(started.callId)?.phone;
      call.speech = { voice: phone?.voice ?? this.speech.voice, language: phone?.language ?? this.speech.language };
      const stream = this.signed({ url: `wss://${base.replace(/^https?:\/\//, '')}/twilio/media`, callSid });
      const twiml = turnTwiml(started.actions, call.status, this.speechOf(call), this.links(call, base), stream);
      await this.deps.answers?.rememberWebhookAnswer(answerKey(params, 'voice', 0), twiml);
      return twiml;
    });
  }

  /** A stream's TwiML with its token, so `/twilio/media` knows Baton started it. */
  private signed(stream: { url: string; callSid: string }) {
    return { ...stream, token: streamToken(this.deps.settings.authToken ?? '', stream.callSid) };
  }

  /** A `<Gather>` result: the caller's words, keys or silence become their turn. */
  gather(params: TwilioParams, step: number, base: string): Promise<string> {
    return this.answer(params, 'gather', step, base, async (call, callId) => {
      const evidence = await this.deps.voice?.take(call.callSid);
      // The agent hung up between webhooks: the caller hears the goodbye waiting for them, and the line ends.
      if (call.status === 'ended') return turnTwiml(this.drain(call), call.status, this.speechOf(call), this.links(call, base));
      const body = twilioTurnBody(params, evidence);
      // With an agent, quiet spells are the agent typing: only the caller's words go to the call (and the agent's desk).
      if (call.status === 'agent' && !('text' in body)) return turnTwiml(this.drain(call), call.status, this.speechOf(call), this.links(call, base));
      const result = await this.deps.calls.turn(callId, body);
      call.status = result.state.status;
      const stream = call.restartStream && this.signed(call.restartStream);
      call.restartStream = undefined;
      return turnTwiml([...this.drain(call), ...result.actions], call.status, this.speechOf(call), this.links(call, base), stream);
    });
  }

  /** One round of waiting in the queue: updates not heard yet, or `<Leave>` once an agent took the call (or the flow moved on). */
  wait(params: TwilioParams, step: number, base: string): Promise<string> {
    return this.answer(params, 'wait', step, base, async (call) => {
      if (call.status !== 'queued') return leaveTwiml();
      return waitTwiml(this.drain(call), this.speechOf(call), this.links(call, base));
    });
  }

  /** A key pressed while waiting (1 accepts the call-back offer): a turn; the caller leaves the queue if the flow moved on. */
  keypad(params: TwilioParams, step: number, base: string): Promise<string> {
    return this.answer(params, 'keypad', step, base, async (call, callId) => {
      const body = twilioTurnBody(params);
      if (!('dtmf' in body) || call.status !== 'queued') return call.status === 'queued' ? waitTwiml([], this.speechOf(call), this.links(call, base)) : leaveTwiml();
      const result = await this.deps.calls.turn(callId, body);
      call.status = result.state.status;
      if (call.status === 'queued') return waitTwiml([...this.drain(call), ...result.actions], this.speechOf(call), this.links(call, base));
      call.pending.push(...result.actions);
      return leaveTwiml();
    });
  }

  /**
   * The caller left the queue (`<Enqueue>` action): through to an agent or back to the flow, they hear what is
   * pending; if Twilio took them out itself (queue full, error), the transfer failed and the flow says what now.
   */
  queueResult(params: TwilioParams, step: number, base: string): Promise<string> {
    return this.answer(params, 'queue', step, base, async (call, callId) => {
      if (call.status !== 'queued') return turnTwiml(this.drain(call), call.status, this.speechOf(call), this.links(call, base));
      if (params.QueueResult === 'hangup') return goodbyeTwiml(undefined, this.speech);
      const result = await this.deps.calls.turn(callId, { transferOutcome: 'failed' });
      call.status = result.state.status;
      return turnTwiml([...this.drain(call), ...result.actions], call.status, this.speechOf(call), this.links(call, base));
    });
  }

  /**
   * How a dial to a destination outside Baton went: answered is the end of Baton's part (the call was with a person
   * and is over), busy, unanswered or failed takes the transfer's no-agent or failed path.
   */
  dialResult(params: TwilioParams, step: number, base: string): Promise<string> {
    return this.answer(params, 'dial', step, base, async (call, callId) => {
      const outcome = dialOutcome(params);
      if (call.status !== 'queued' || !outcome) return goodbyeTwiml(undefined, this.speechOf(call));
      const result = await this.deps.calls.turn(callId, { transferOutcome: outcome });
      call.status = result.state.status;
      if (outcome === 'connected') return goodbyeTwiml(undefined, this.speech);
      return turnTwiml([...this.drain(call), ...result.actions], call.status, this.speechOf(call), this.links(call, base));
    });
  }

  /**
   * A warm transfer's whisper, requested for the leg of the person who answered (its own CallSid; the caller's call
   * is named in the URL Baton signed into the TwiML): why the call comes and its summary, then "press 1".
   */
  async whisper(callId: string, base: string): Promise<string> {
    return whisperTwiml(await this.deps.calls.briefing(callId), `${base}/twilio/whisper-answer`, this.speech);
  }

  /** The whisper's answer: 1 joins the calls; anything else refuses (the dial then reports the calls were not joined). */
  whisperAnswer(params: TwilioParams): string {
    return whisperAnswerTwiml(params.Digits?.trim());
  }

  /** Twilio's status callback: a final status ends the call (the caller hung up, or it never connected) and is recorded. */
  async status(params: TwilioParams, at = new Date()): Promise<void> {
    const callSid = requireCallSid(params);
    const call = this.calls.get(callSid);
    const status = params.CallStatus;
    if (!FINAL_STATUSES.has(status)) return;
    this.calls.finish(callSid);
    // A call this channel lost track of in a restart (or that another instance answered) is still ended on Baton's side.
    const callId = call?.callId ?? (await this.deps.calls.findByCallSid?.(callSid))?.callId;
    if (!callId) return;
    const duration = Number(params.CallDuration);
    this.deps.callLog.append(callId, { at: at.toISOString(), telephony: { provider: 'twilio', callSid, status, ...(Number.isFinite(duration) ? { durationSeconds: duration } : {}) } });
    if (call?.status === 'ended') return;
    try {
      await this.deps.calls.turn(callId, { hangup: true });
    } catch (error) {
      // Already ended on Baton's side (or no longer in memory): nothing left to end.
      if (!(error instanceof AppError)) throw error;
    }
  }

  /** How many Twilio calls are live (for tests and the bench). */
  get liveCalls(): number {
    return this.calls.size;
  }

  /**
   * Runs one webhook of a call once (`kind:step` is the key a retry repeats). A call Baton has in progress that this
   * channel does not know (the server restarted since the call's last webhook) is taken up again; an unknown call hears goodbye.
   */
  private async answer(params: TwilioParams, kind: string, step: number, base: string, run: (call: TwilioCall, callId: string) => Promise<string>): Promise<string> {
    const callSid = requireCallSid(params);
    const shared = answerKey(params, kind, step);
    const answered = await this.deps.answers?.webhookAnswer(shared);
    if (answered) return answered;
    const call = this.calls.get(callSid) ?? (this.calls.finished(callSid) ? undefined : await this.adopt(callSid, step, base));
    const callId = call?.callId;
    if (!call || !callId) return goodbyeTwiml(LOST, this.speech);
    // The next TwiML documents are numbered after the one Twilio is answering (another instance may have written it).
    if (Number.isSafeInteger(step) && step > call.step) call.step = step;
    return this.calls.once(call, `${kind}:${step}`, async () => {
      try {
        // What the caller is to hear since the last webhook (the agent's words, wait updates), and where the call is.
        const fresh = await this.deps.calls.updates(callId);
        call.pending.push(...fresh.actions);
        call.status = fresh.state.status;
        const twiml = await run(call, callId);
        const unsaid = this.drain(call);
        if (unsaid.length > 0) await this.deps.calls.unsaid?.(callId, unsaid);
        await this.deps.answers?.rememberWebhookAnswer(shared, twiml);
        return twiml;
      } catch (error) {
        // The call ended under us (the status callback came first, or the agent hung up) or is gone: say what is
        // pending (the agent's goodbye) and end, rather than fail the webhook.
        if (error instanceof AppError && (error.status === 404 || error.status === 409)) return goodbyeTwiml(this.drain(call), this.speechOf(call));
        throw error;
      }
    });
  }

  /**
   * Takes up a call in progress after a restart: its updates are followed again, its next TwiML documents are numbered
   * after the one Twilio is answering, and the media stream lost with the old process is started again with the next
   * `<Gather>` (the voice's baseline starts over; the call does not).
   */
  private async adopt(callSid: string, step: number, base: string): Promise<TwilioCall | undefined> {
    const found = await this.deps.calls.findByCallSid?.(callSid);
    // Another webhook of the call took it up meanwhile.
    const known = this.calls.get(callSid);
    if (known || !found) return known;
    const call = this.calls.add(callSid);
    call.callId = found.callId;
    call.status = found.state.status;
    call.step = Number.isSafeInteger(step) && step > 0 ? step : 0;
    const phone = this.deps.calls.flowSettings?.(found.callId)?.phone;
    call.speech = { voice: phone?.voice ?? this.speech.voice, language: phone?.language ?? this.speech.language };
    // The media stream was lost with the old process — unless it streams to another instance.
    if (!(await this.deps.voice?.streaming?.(callSid))) call.restartStream = { url: `wss://${base.replace(/^https?:\/\//, '')}/twilio/media`, callSid };
    return call;
  }

  private speechOf(call: TwilioCall): Speech {
    return call.speech ?? this.speech;
  }

  private drain(call: TwilioCall): CallAction[] {
    return call.pending.splice(0);
  }

  /** The URLs of the call's next TwiML document, all numbered with its step. */
  private links(call: TwilioCall, base: string): TwimlLinks {
    const step = ++call.step;
    const url = (path: string) => `${base}/twilio/${path}?step=${step}`;
    return {
      gather: url('gather'), wait: url('wait'), keypad: url('keypad'), queueResult: url('queue-result'), dialResult: url('dial-result'),
      whisper: `${base}/twilio/whisper?call=${encodeURIComponent(call.callId ?? '')}`,
    };
  }

  /** The number's bound flow, else the default flow (by id, or else by name). */
  private flowFor(to: string | undefined): string | undefined {
    const bound = to ? this.deps.numbers.get(to)?.flowId : undefined;
    if (bound) return bound;
    const fallback = this.deps.settings.defaultFlow;
    if (!fallback) return undefined;
    return this.deps.flows.summary(fallback)?.id ?? this.deps.flows.list().find((f) => f.name === fallback)?.id;
  }
}

/**
 * Where a webhook's answer is kept for Twilio's retry, with several instances: its call, kind and step, and what it
 * sent (a retry sends the same; a new webhook that happens to carry a step number seen before does not).
 */
function answerKey(params: TwilioParams, kind: string, step: number): string {
  const sent = createHash('sha256').update(JSON.stringify(Object.entries(params).sort(([a], [b]) => (a < b ? -1 : 1)))).digest('base64url').slice(0, 22);
  return `${params.CallSid}:${kind}:${step}:${sent}`;
}

function requireCallSid(params: TwilioParams): string {
  const sid = params.CallSid;
  if (!sid || sid.length > 64) throw new AppError(400, 'invalid_twilio_request', 'The request has no CallSid: Twilio webhooks always send one.');
  return sid;
}
