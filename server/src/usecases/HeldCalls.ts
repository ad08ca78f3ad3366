import type { CallStatus } from '@baton/shared';
import { AppError } from '../errors.ts';

/** Ended calls kept (for the desk's wrap-up, `GET /api/calls/:id` and a clear 409 on a late turn); older ones are read from the log. */
const MAX_ENDED_KEPT = 10_000;

/**
 * The calls a server holds in memory: those in progress, never dropped to make room (a new call past `maxInProgress`
 * is refused instead), and the ones that ended most recently, the oldest of which leave memory past a bound.
 */
export class HeldCalls<C extends { session: { status: CallStatus } }> {
  private readonly inProgress = new Map<string, C>();
  private readonly ended = new Map<string, C>();

  constructor(
    private readonly maxInProgress: number,
    /** Told when an ended call leaves memory. */
    private readonly onForget: (callId: string) => void = () => {},
  ) {}

  /** Throws 503 `too_many_calls` when as many calls are in progress as allowed. */
  requireRoom() {
    if (this.inProgress.size < this.maxInProgress) return;
    throw new AppError(503, 'too_many_calls', `Baton is handling the most calls it is set to (${this.maxInProgress}); try again shortly or raise BATON_MAX_LIVE_CALLS.`);
  }

  /** A call in progress. */
  live(callId: string): C | undefined {
    return this.inProgress.get(callId);
  }

  /** Every call in progress, to look over (e.g. for callers who went away without hanging up). */
  allInProgress(): IterableIterator<[string, C]> {
    return this.inProgress.entries();
  }

  /** A call that ended and is still held. */
  endedCall(callId: string): C | undefined {
    return this.ended.get(callId);
  }

  /** A call in progress or one that ended recently. */
  find(callId: string): C | undefined {
    return this.inProgress.get(callId) ?? this.ended.get(callId);
  }

  /** Lets a call go from memory (another server has it now; it is read back if it comes here again). */
  drop(callId: string) {
    this.inProgress.delete(callId);
    this.ended.delete(callId);
  }

  /** Keeps the call's latest state, among the calls in progress or the ended ones by its status. */
  put(callId: string, call: C) {
    if (call.session.status !== 'ended') {
      this.inProgress.set(callId, call);
      return;
    }
    this.inProgress.delete(callId);
    // A call that just ended goes to the back; a later change (the wrap-up's disposition) keeps its place.
    this.ended.set(callId, call);
    if (this.ended.size <= MAX_ENDED_KEPT) return;
    const oldest = this.ended.keys().next().value!;
    this.ended.delete(oldest);
    this.onForget(oldest);
  }
}
