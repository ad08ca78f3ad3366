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
  /** Taken up after a restart: the next `<Gather>` starts the media stream again. */
  restartStream?: { url: string; callSid: string };
  /** When a webhook of the call last reached this instance (ms). */
  seenAt: number;
}

/** Past this many calls kept, the oldest that ended on Baton's side (whose final status never came) are let go. */
const MAX_CALLS = 10_000;
/**
 * A call in progress whose webhooks have not reached this instance for this long is served elsewhere (several
 * instances) or ended there: past MAX_CALLS it may be let go here; its next webhook here would take it up again.
 */
const UNSEEN_MS = 10 * 60_000;
/** Twilio retries a webhook within seconds; older answers are not asked for again. */
const MAX_ANSWERS_PER_CALL = 16;
/**
 * CallSids of finished calls remembered, so a replayed new-call request never starts one again. At a few hundred
 * thousand calls a day this covers hours to days, far past any retry (Twilio retries within seconds, and never after
 * the final status); about 100 bytes each.
 */
const MAX_FINISHED_REMEMBERED = 200_000;

/**
 * Twilio calls by CallSid: each from its first webhook until its final status. A call in progress is never let go to
 * make room (the call service's live-call limit bounds them); an ended one whose final status never came is, oldest first.
 */
export class TwilioCalls {
  private readonly calls = new Map<string, TwilioCall>();
  /** CallSids whose call is over, oldest first (a Set keeps insertion order). */
  private readonly over = new Set<string>();

  get(callSid: string): TwilioCall | undefined {
    const call = this.calls.get(callSid);
    if (!call) return undefined;
    // Least recently seen first, for `add` to let go of.
    this.calls.delete(callSid);
    this.calls.set(callSid, call);
    call.seenAt = Date.now();
    return call;
  }

  add(callSid: string): TwilioCall {
    const call: TwilioCall = { callSid, status: 'ai', step: 0, pending: [], answers: new Map(), seenAt: Date.now() };
    this.calls.set(callSid, call);
    if (this.calls.size > MAX_CALLS) {
      const ended = [...this.calls.values()].find((c) => c.status === 'ended');
      if (ended) this.finish(ended.callSid);
      else {
        // Several instances: a call whose final status went to another instance is still here; let the one least
        // recently seen go if it has not been seen for long (its next webhook here would take it up again).
        const oldest = this.calls.values().next().value!;
        if (Date.now() - oldest.seenAt > UNSEEN_MS) this.calls.delete(oldest.callSid);
      }
    }
    return call;
  }

  /** Forgets a call that never started (its start failed), so Twilio's retry may try again. */
  remove(callSid: string) {
    this.calls.delete(callSid);
  }

  /** The call is over for good (Twilio's final status): forgotten, and its CallSid never starts a call again. */
  finish(callSid: string) {
    this.remove(callSid);
    this.over.delete(callSid);
    this.over.add(callSid);
    if (this.over.size > MAX_FINISHED_REMEMBERED) this.over.delete(this.over.values().next().value!);
  }

  /** Whether the call with this CallSid has finished. */
  finished(callSid: string): boolean {
    return this.over.has(callSid);
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
