import type { CallStatus } from '@baton/shared';
import type { CallSave, SharedCalls } from '../store/types.ts';
import type { HeldCalls } from './HeldCalls.ts';

/** A copy of a call not taken here for this long leaves this instance's memory. */
const STALE_COPY_MS = 60_000;

export interface TakenCallsDeps<C> {
  /** A call made whole again from its saved lines. */
  read(lines: Array<Record<string, unknown>>): C;
  /** The call held here with the changes saved since by other instances. */
  catchUp(call: C, changes: Array<Record<string, unknown>>): C;
  /** The call was read back, `changes` changes after its last whole save: its next save is its changes since then. */
  loaded(callId: string, call: C, changes: number): void;
  /** What the event changed of the call, to save as it is let go. */
  saveOf(callId: string, call: C): CallSave | undefined;
  /** This instance's copy of the call is no longer the latest. */
  forget(callId: string): void;
  /**
   * Before a change is saved: the call log's records of it are written (the log, shared too, is whole wherever the
   * next event runs; after a crash, an event is in the log at least once rather than missing).
   */
  logged(): Promise<void>;
  onError(error: unknown): void;
}

/**
 * The call service's side of the shared store (several instances): each event takes its call — the latest saved, if
 * another instance changed it since this one held it — and saves what changed before letting it go, so exactly one
 * instance acts on a call at a time and a call outlives its instance. Events of a call this instance holds already
 * (one nested in another, or arriving while a turn waits for the model) run on what it holds, as on one server.
 */
export class TakenCalls<C extends { session: { status: CallStatus } }> {
  /** The calls taken for an event now, with how many of their events are still running. */
  private readonly holding = new Map<string, number>();
  /** The version of each call as held here, and the calls changed since they were taken. */
  private readonly versions = new Map<string, number>();
  private readonly changedCalls = new Set<string>();
  /** How many call-log records each call held now has had since it was taken (see `logKey`). */
  private readonly logged = new Map<string, number>();
  /** When this instance last took each call it holds a copy of. */
  private readonly lastTaken = new Map<string, number>();
  /**
   * A call being taken or saved by this instance: its next event here waits for that, so it never asks for the call
   * with a version about to be outdated (and reads back a change it made itself).
   */
  private readonly busy = new Map<string, Promise<unknown>>();

  constructor(
    private readonly shared: SharedCalls,
    private readonly calls: HeldCalls<C>,
    private readonly deps: TakenCallsDeps<C>,
  ) {}

  /** Runs one event of the call with the call taken (see the class). */
  withCall<T>(callId: string, event: () => T | Promise<T>): T | Promise<T> {
    const depth = this.holding.get(callId);
    if (depth !== undefined) {
      const result = event();
      if (!(result instanceof Promise)) return result;
      this.holding.set(callId, depth + 1);
      return result.finally(() => this.letGo(callId));
    }
    const busy = this.busy.get(callId);
    if (busy) return busy.then(() => this.withCall(callId, event));
    const taking = this.take(callId);
    this.whileBusy(callId, taking);
    return taking.then(async (held) => {
      try {
        return await event();
      } finally {
        // A call the shared store does not know was not taken: the event says so (404) or reads the call log.
        if (held) await this.letGo(callId);
      }
    });
  }

  private whileBusy(callId: string, work: Promise<unknown>) {
    const done = work.then(
      () => undefined,
      () => undefined,
    );
    this.busy.set(callId, done);
    void done.then(() => {
      if (this.busy.get(callId) === done) this.busy.delete(callId);
    });
  }

  /** A new call's first event, then the call saved whole for every instance. */
  async created<T>(callId: string, event: () => T): Promise<T> {
    this.holding.set(callId, 1);
    this.versions.set(callId, 0);
    try {
      const result = event();
      const call = this.calls.find(callId)!;
      await this.deps.logged();
      this.versions.set(callId, await this.shared.create(callId, this.deps.saveOf(callId, call)!));
      this.lastTaken.set(callId, Date.now());
      return result;
    } finally {
      this.holding.delete(callId);
      this.changedCalls.delete(callId);
    }
  }

  /**
   * The key of the call's next call-log record while this instance holds it: the version it was taken at and the
   * record's place since. The same event taken again at the same version (its first instance died before saving)
   * gets the same keys, so the log keeps it once.
   */
  logKey(callId: string): string | undefined {
    if (!this.holding.has(callId)) return undefined;
    const n = this.logged.get(callId) ?? 0;
    this.logged.set(callId, n + 1);
    return `${this.versions.get(callId) ?? 0}:${n}`;
  }

  /** The event changed the call: it is saved as the call is let go. */
  changed(callId: string) {
    this.changedCalls.add(callId);
  }

  /**
   * Copies of calls this instance has not taken for a while leave its memory (the call went on, or ended, on other
   * instances); the shared store has them, and they are read back if they come here again.
   */
  dropStaleCopies() {
    const before = Date.now() - STALE_COPY_MS;
    for (const [callId, at] of this.lastTaken) {
      if (at >= before || this.holding.has(callId)) continue;
      this.lastTaken.delete(callId);
      this.versions.delete(callId);
      this.deps.forget(callId);
      this.calls.drop(callId);
    }
  }

  /** Takes the call for an event, reading it back if another instance saved it since this one held it. */
  private async take(callId: string): Promise<boolean> {
    // The version held here counts only with the call itself held here (changes since are applied to it).
    const taken = await this.shared.take(callId, this.calls.find(callId) ? this.versions.get(callId) : undefined);
    if (!taken) return false;
    this.holding.set(callId, (this.holding.get(callId) ?? 0) + 1);
    this.versions.set(callId, taken.version);
    this.logged.delete(callId);
    this.lastTaken.set(callId, Date.now());
    if (!taken.lines) return true;
    try {
      const held = taken.changesOnly ? this.calls.find(callId) : undefined;
      const call = held ? this.deps.catchUp(held, taken.lines) : this.deps.read(taken.lines);
      this.calls.put(callId, call);
      this.deps.loaded(callId, call, taken.changesSinceWhole);
    } catch (error) {
      await this.letGo(callId);
      throw error;
    }
    return true;
  }

  /** One event of the call is done; once none is left, what changed is saved and the call let go. */
  private async letGo(callId: string) {
    const depth = (this.holding.get(callId) ?? 1) - 1;
    if (depth > 0) {
      this.holding.set(callId, depth);
      return;
    }
    this.holding.delete(callId);
    this.logged.delete(callId);
    const call = this.changedCalls.delete(callId) ? this.calls.find(callId) : undefined;
    const save = call && this.deps.saveOf(callId, call);
    const releasing = (save ? this.deps.logged() : Promise.resolve()).then(
      () => this.shared.release(callId, save),
      // The log could not be written: the change is not saved either (the call is let go as it was).
      async (error: unknown) => {
        await this.shared.release(callId, undefined);
        throw error;
      },
    );
    this.whileBusy(callId, releasing);
    let version: number | undefined;
    try {
      version = await releasing;
    } catch (error) {
      // Not saved (Redis unreachable): what this instance holds is not what is stored; read it back next time.
      this.versions.delete(callId);
      this.deps.forget(callId);
      throw error;
    }
    if (version !== undefined) {
      this.versions.set(callId, version);
      return;
    }
    // Another instance took the call while this one did not answer for too long: its copy stands; read it next time.
    this.versions.delete(callId);
    this.deps.forget(callId);
    this.deps.onError(new Error(`call ${callId} was taken over by another instance before this one saved its event`));
  }
}
