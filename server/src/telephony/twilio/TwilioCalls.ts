import type { CallAction, CallStatus } from '@baton/shared';

/** What Baton keeps about one Twilio call (by CallSid) between webhooks. */
export interface TwilioCall {
  callSid: string;
  /** Set once the flow has started. */
  callId?: string;
  /** The call's status as Baton last saw it (from the turns' answers and the call's update stream). */
  status: CallStatus;
  /** How this call's flow sounds (its voice and accent); the channel's defaults until the flow has started. */
  speech?: { voice: string; language: string };
  /** The number of the last TwiML document written; every URL in a document carries it as `step`. */
  step: number;
  /** What the caller is to hear next that no turn of theirs answered: wait updates, the call-back offer, the agent's words. */
  pending: CallAction[];
  /** The answer to each webhook already seen (`kind:step`), so a retry gets the same TwiML and changes nothing. */
  answers: Map<string, Promise<string>>;
  unsubscribe?: () => void;
}

const MAX_CALLS = 10_000;
/** Twilio retries a webhook within seconds; older answers are not asked for again. */
const MAX_ANSWERS_PER_CALL = 16;

/** Live Twilio calls by CallSid, oldest dropped past a bound (a call's status callback removes it sooner). */
export class TwilioCalls {
  private readonly calls = new Map<string, TwilioCall>();

  get(callSid: string): TwilioCall | undefined {
    return this.calls.get(callSid);
  }

  add(callSid: string): TwilioCall {
    const call: TwilioCall = { callSid, status: 'ai', step: 0, pending: [], answers: new Map() };
    this.calls.set(callSid, call);
    if (this.calls.size > MAX_CALLS) this.remove(this.calls.keys().next().value!);
    return call;
  }

  remove(callSid: string) {
    this.calls.get(callSid)?.unsubscribe?.();
    this.calls.delete(callSid);
  }

  /**
   * Answers webhook `key` of the call once: a retry (same key) gets the first answer, even while it is still being
   * computed. A failed answer is forgotten, so Twilio's retry tries again.
   */
  once(call: TwilioCall, key: string, answer: () => Promise<string>): Promise<string> {
    const seen = call.answers.get(key);
    if (seen) return seen;
    const pending = answer();
    call.answers.set(key, pending);
    pending.catch(() => call.answers.delete(key));
    if (call.answers.size > MAX_ANSWERS_PER_CALL) call.answers.delete(call.answers.keys().next().value!);
    return pending;
  }

  get size() {
    return this.calls.size;
  }
}
