import type { CallAction, CallStepView } from '@baton/shared';
import { AppendOnlyList } from '../engine/AppendOnlyList.ts';
import { sessionFromJson, type CallSession } from '../engine/CallSession.ts';
import type { RuntimeFlow } from '../engine/RuntimeFlow.ts';

/** What a turn answers: what the caller hears now and where the call is (with `withSignals`, what was understood). */
export type TurnView = Omit<CallStepView, 'callId' | 'flow'>;

/** A call in progress as the call service holds it. */
export interface LiveCall {
  session: CallSession;
  flow: RuntimeFlow;
  /** The test console decides transfers' outcomes itself: the call never reaches routing or agents. */
  manualTransfers: boolean;
  /** The same number called within the last week (or the channel says so): queues may raise the call's priority. */
  repeatCaller: boolean;
  /** When the agent ended the call from the desk (rather than the caller hanging up). */
  agentHungUpAt?: string;
  /** When the caller's side last sent anything (words, keys, silence); wait updates do not count. */
  lastHeardAt: number;
  /** The answers to the last turns sent with an idempotency key, newest last: a retried turn gets its answer again. */
  answers?: ReadonlyArray<{ key: string; view: TurnView }>;
  /**
   * A phone call's channel asks for its updates at each webhook rather than keeping a stream open: what the caller is
   * to hear that no turn of theirs answered (wait updates, the agent's words) waits here, with the call, until then.
   */
  outbox?: ReadonlyArray<CallAction>;
}

/** Turns with an idempotency key remembered per call: a client retries its last turn, not one from long ago. */
export const ANSWERS_KEPT = 8;

/** After this many changes saved as differences, a call is saved whole again, so the file never holds long chains. */
const CHANGES_BETWEEN_WHOLE = 40;

interface Mark {
  session: CallSession;
  answers: LiveCall['answers'];
  /** The last saved item of each list of objects, to check that the list now goes on from it. */
  lastItems: Map<string, unknown>;
  changes: number;
}

/**
 * What is saved of calls in progress, so that a restart resumes them (see LiveCallStore). A call is saved whole, then
 * as its changes: the fields that are new, and the items added to its lists. A session is immutable once made (a
 * step returns a new one sharing what did not change), so a field that changed is a field whose value is another
 * object, and a list of objects that goes on from the last saved item has only added to it. Saving a turn then
 * costs about the turn itself, not the whole call again.
 */
export class CallSaves {
  private readonly marks = new Map<string, Mark>();

  /**
   * The call as a line to save (whole, or its changes since the last save); null once it is over, unless `ended` asks
   * for its last line too (the shared store keeps an ended call a while, so a late event hears it ended).
   */
  lineFor(callId: string, call: LiveCall, ended: 'none' | 'whole' = 'none'): { text: string; whole: boolean } | null {
    const s = call.session;
    if (s.status === 'ended' && ended === 'none') {
      this.marks.delete(callId);
      return null;
    }
    const mark = this.marks.get(callId);
    const next = markOf(call, mark ? mark.changes + 1 : 0);
    this.marks.set(callId, next);
    const callFields = { manualTransfers: call.manualTransfers, repeatCaller: call.repeatCaller, lastHeardAt: call.lastHeardAt, ...(call.agentHungUpAt ? { agentHungUpAt: call.agentHungUpAt } : {}), ...(call.outbox ? { outbox: call.outbox } : {}) };
    if (!mark || next.changes >= CHANGES_BETWEEN_WHOLE || s.status === 'ended') {
      next.changes = 0;
      return { text: JSON.stringify({ session: s, ...callFields, ...(call.answers ? { answers: call.answers } : {}) }), whole: true };
    }
    const set: Record<string, unknown> = {};
    const add: Record<string, unknown[]> = {};
    const keep: Record<string, number> = {};
    const before = mark.session as unknown as Record<string, unknown>;
    for (const key in s) {
      const value = (s as unknown as Record<string, unknown>)[key];
      if (value === before[key]) continue;
      if (value instanceof AppendOnlyList && before[key] instanceof AppendOnlyList) {
        const at = lastSavedAt(value, before[key] as AppendOnlyList<unknown>, mark.lastItems.get(key));
        if (at !== undefined) {
          add[key] = value.slice(at + 1);
          // A list that keeps only its newest items (the recent turns) let its oldest go.
          if (value.length !== (before[key] as AppendOnlyList<unknown>).length + add[key].length) keep[key] = value.length;
          continue;
        }
      }
      set[key] = value;
    }
    const answers = call.answers !== mark.answers ? { answers: call.answers ?? null } : {};
    return { text: JSON.stringify({ changes: { set, add, keep }, ...callFields, ...answers }), whole: false };
  }

  /** The call was just read back as saved elsewhere, `changes` changes after its last whole line: its next line is its changes since then. */
  loaded(callId: string, call: LiveCall, changes: number) {
    this.marks.set(callId, markOf(call, changes));
  }

  forget(callId: string) {
    this.marks.delete(callId);
  }
}

function markOf(call: LiveCall, changes: number): Mark {
  const s = call.session;
  const mark: Mark = { session: s, answers: call.answers, lastItems: new Map(), changes };
  for (const key of LIST_KEYS) {
    const last = (s[key] as AppendOnlyList<unknown>).at(-1);
    if (last !== null && typeof last === 'object') mark.lastItems.set(key, last);
  }
  return mark;
}

/**
 * Where the item last saved of a list now is, if the list went on from it: at the same place (it only grew), or, for a
 * list of objects that keeps only its newest items, further forward. Undefined when the list is not a continuation.
 */
function lastSavedAt(list: AppendOnlyList<unknown>, old: AppendOnlyList<unknown>, oldLast: unknown): number | undefined {
  if (old.length === 0) return -1;
  if (oldLast === undefined) {
    // A list of plain values (node ids, scores): it went on if it grew and its item there is the one saved last.
    return list.length > old.length && list.at(old.length - 1) === old.at(-1) ? old.length - 1 : undefined;
  }
  for (let i = list.length - 1; i >= 0 && i >= list.length - 64; i--) if (list.at(i) === oldLast) return i;
  return undefined;
}

const LIST_KEYS = ['transcript', 'recentTurns', 'sentimentTrend', 'asrTrend', 'intents', 'stepsTried', 'path'] as const satisfies ReadonlyArray<keyof CallSession>;

/** A call's saved lines (the whole call, then its changes, oldest first) as the whole call they add up to. */
export function foldSaved(lines: ReadonlyArray<Record<string, unknown>>): Record<string, unknown> {
  const [whole, ...changes] = lines;
  const call: Record<string, unknown> = { ...whole };
  const session: Record<string, unknown> = { ...(whole.session as Record<string, unknown>) };
  for (const line of changes) {
    const { changes: c, ...fields } = line as { changes?: { set?: Record<string, unknown>; add?: Record<string, unknown[]>; keep?: Record<string, number> } };
    Object.assign(session, c?.set);
    for (const [key, items] of Object.entries(c?.add ?? {})) {
      const list = [...((session[key] as unknown[]) ?? []), ...items];
      const keep = c?.keep?.[key];
      session[key] = keep !== undefined ? list.slice(Math.max(0, list.length - keep)) : list;
    }
    Object.assign(call, fields);
    if (call.answers === null) delete call.answers;
  }
  call.session = session;
  return call;
}

type ChangeLine = { changes?: { set?: Record<string, unknown>; add?: Record<string, unknown[]>; keep?: Record<string, number> } } & Record<string, unknown>;

/**
 * The call held here brought up to date with the changes other instances saved since (lines of `CallSaves`, never a
 * whole one): lists grow from what is held, without reading the whole call again.
 */
export function withSavedChanges(call: LiveCall, lines: ReadonlyArray<Record<string, unknown>>): LiveCall {
  const session = { ...call.session } as unknown as Record<string, unknown>;
  const fields: Record<string, unknown> = {};
  for (const line of lines) {
    const { changes: c, ...rest } = line as ChangeLine;
    for (const [key, value] of Object.entries(c?.set ?? {})) session[key] = (LIST_KEYS as readonly string[]).includes(key) ? AppendOnlyList.of(Array.isArray(value) ? value : []) : value;
    for (const [key, items] of Object.entries(c?.add ?? {})) {
      let list = session[key] as AppendOnlyList<unknown>;
      const keep = c?.keep?.[key] ?? 0;
      for (const item of items) list = list.with(item, keep);
      session[key] = list;
    }
    Object.assign(fields, rest);
  }
  const next = { ...call, ...fields, session: session as unknown as CallSession } as LiveCall & { answers?: unknown };
  if (next.answers === null) delete next.answers;
  return next;
}

/** A saved call made whole again, on the flow version it ran on (`flowFor` throws when that version is gone). */
export function liveCallFromSaved(saved: Record<string, unknown>, flowFor: (session: CallSession) => RuntimeFlow): LiveCall {
  const session = sessionFromJson(saved.session as Record<string, unknown>);
  return {
    session,
    flow: flowFor(session),
    manualTransfers: saved.manualTransfers === true,
    repeatCaller: saved.repeatCaller === true,
    ...(typeof saved.agentHungUpAt === 'string' ? { agentHungUpAt: saved.agentHungUpAt } : {}),
    lastHeardAt: typeof saved.lastHeardAt === 'number' ? saved.lastHeardAt : Date.now(),
    ...(Array.isArray(saved.answers) ? { answers: saved.answers as LiveCall['answers'] } : {}),
    ...(Array.isArray(saved.outbox) ? { outbox: saved.outbox as LiveCall['outbox'] } : {}),
  };
}
