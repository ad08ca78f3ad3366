/**
 * Idempotent turns: a turn sent with an idempotency key is applied once. A retry (its answer lost to a timeout, or sent
 * again to another server) gets the first answer, even while that one is still being worked out. The answers are kept
 * with the call, so a restart keeps them too.
 */
import { ANSWERS_KEPT, type LiveCall, type TurnView } from './LiveCall.ts';

/** What keyed turns need of the call service. */
export interface CallsForKeyedTurns {
  /** The call as this instance last held it, in progress or ended. */
  find(callId: string): LiveCall | undefined;
  /** Keeps the call with its answers (an ended call too: a retried hang-up). */
  keepAnswers(callId: string, call: LiveCall): void;
}

export class KeyedTurns {
  private readonly inFlight = new Map<string, Promise<TurnView>>();

  constructor(private readonly calls: CallsForKeyedTurns) {}

  /** The answer to the call's turn with this key: the first answer if the key was seen, else `stepTurn`'s, kept. */
  answer(callId: string, key: string, stepTurn: () => TurnView | Promise<TurnView>): TurnView | Promise<TurnView> {
    const known = this.calls.find(callId)?.answers?.find((a) => a.key === key);
    if (known) return known.view;
    const id = `${callId}\n${key}`;
    const inFlight = this.inFlight.get(id);
    if (inFlight) return inFlight;
    const answer = stepTurn();
    if (!(answer instanceof Promise)) return this.remember(callId, key, answer);
    const remembered = answer.then((view) => this.remember(callId, key, view)).finally(() => this.inFlight.delete(id));
    this.inFlight.set(id, remembered);
    return remembered;
  }

  /** Keeps a turn's answer under its idempotency key, with the call. */
  private remember(callId: string, key: string, view: TurnView): TurnView {
    const call = this.calls.find(callId);
    if (!call) return view;
    const answers = [...(call.answers ?? []), { key, view }].slice(-ANSWERS_KEPT);
    this.calls.keepAnswers(callId, { ...call, answers });
    return view;
  }
}
