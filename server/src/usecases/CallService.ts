import { randomUUID } from 'node:crypto';
import type { CallAction, CallEvent, CallState } from '@baton/shared';
import { createSession, type CallSession } from '../engine/CallSession.ts';
import type { RuntimeFlow } from '../engine/RuntimeFlow.ts';
import { step, type StepResult } from '../engine/step.ts';
import type { LiveQueues } from '../engine/values.ts';
import { AppError, notFound } from '../errors.ts';
import type { LanguageModel } from '../llm/LanguageModel.ts';
import type { CallSave, SharedCalls, Store } from '../store/types.ts';
import { parseBody, startCallSchema } from './callInputs.ts';
import { parseTurn, turnEvent, turnKey } from './turnInput.ts';
import type { RequestedVersion, RuntimeFlowCache } from './RuntimeFlowCache.ts';
import type { RoutingService } from './RoutingService.ts';
import { HeldCalls } from './HeldCalls.ts';
import { TakenCalls } from './TakenCalls.ts';
import { asLogged, callLogRecord, callView, earlierCallOf } from './callLogRecord.ts';
import { RepeatCallers } from './RepeatCallers.ts';
import { ModelBeforeTurn } from './ModelBeforeTurn.ts';
import { DeskActions, type CallsForDesk } from './DeskActions.ts';
import { CallHandoff, type CallHandoffOptions, type CallsForHandoff } from './CallHandoff.ts';
import { CallSaves, foldSaved, liveCallFromSaved, withSavedChanges, type LiveCall, type TurnView } from './LiveCall.ts';
import { resumeCalls } from './resumeCalls.ts';
import { KeyedTurns } from './KeyedTurns.ts';

/** What a call's own event stream carries: what the caller hears that did not answer a turn of theirs (wait updates, the agent's words). */
export interface CallUpdate {
  actions: CallAction[];
  state: CallState;
}
export type CallListener = (update: CallUpdate) => void;

/** Events that show the caller is still there. */
const CALLER_SIDE: ReadonlySet<CallEvent['type']> = new Set(['start', 'utterance', 'dtmf', 'silence', 'hangup']);

export type { TurnView } from './LiveCall.ts';

/** BATON_MAX_LIVE_CALLS's default: calls in progress at once. */
export const DEFAULT_MAX_LIVE_CALLS = 10_000;
/**
 * A call at an AI step whose caller sent nothing for this long has been left (a closed browser tab, a client that went
 * away without hanging up): it is ended as a hang-up, so abandoned calls never fill the live-call limit. Phone channels
 * send a silent turn every few seconds while the line is open, so a caller on the line is never taken for gone.
 */
export const DEFAULT_CALL_IDLE_SECONDS = 30 * 60;

export interface CallServiceOptions extends Pick<CallHandoffOptions, 'routing' | 'webhooks' | 'lookups'> {
  clock?: () => Date;
  onError?: (error: unknown) => void;
  /** Optional: generative AI steps and the briefing's summary. Without it, the embedded NLU and extractive summary. */
  llm?: LanguageModel;
  /** Calls in progress at once; a new call past it is refused with 503 rather than pushing out a caller mid-call. */
  maxLiveCalls?: number;
  /** See DEFAULT_CALL_IDLE_SECONDS; looked over on every routing tick. */
  callIdleSeconds?: number;
  /**
   * Several instances (Redis): each event takes its call from the shared store (the latest, wherever it was saved)
   * and saves it before letting go, and calls' updates reach the channels connected to any instance.
   */
  shared?: SharedCalls;
}

/** Starts calls and feeds them turns: the HTTP API's adapter around the pure engine; it hands calls to routing through `CallHandoff`. */
export class CallService {
  private readonly listeners = new Map<string, Set<CallListener>>();
  private readonly calls: HeldCalls<LiveCall>;
  /** The agent's side of handed-over calls (the desk's actions and view). */
  readonly desk: DeskActions;
  /** Routing's side of calls: transfers, briefings, callbacks, what routing tells a call. */
  private readonly handoff: CallHandoff;
  private readonly repeatCallers = new RepeatCallers();
  private readonly model: ModelBeforeTurn<LiveCall>;
  private isDraining = false;
  private readonly keyedTurns: KeyedTurns;
  private readonly saves = new CallSaves();
  private readonly clock: () => Date;
  private readonly routing?: RoutingService;
  private readonly onError: (error: unknown) => void;
  private readonly maxLiveCalls: number;
  private readonly callIdleSeconds: number;
  private readonly shared?: SharedCalls;
  /** Shared mode: how each event takes its call from the shared store and saves it; absent with the embedded store. */
  private readonly taking?: TakenCalls<LiveCall>;

  constructor(
    private readonly store: Store,
    private readonly runtimes: RuntimeFlowCache,
    options: CallServiceOptions = {},
  ) {
    const routing = options.routing;
    this.clock = options.clock ?? (() => new Date());
    this.routing = routing;
    this.onError = options.onError ?? console.error;
    this.maxLiveCalls = options.maxLiveCalls ?? DEFAULT_MAX_LIVE_CALLS;
    this.callIdleSeconds = options.callIdleSeconds ?? DEFAULT_CALL_IDLE_SECONDS;
    this.shared = options.shared;
    this.model = new ModelBeforeTurn<LiveCall>(options.llm);
    this.calls = new HeldCalls<LiveCall>(this.maxLiveCalls, (callId) => this.listeners.delete(callId));
    // What the desk and the handoff do to a call, they do through these.
    const held: CallsForDesk & CallsForHandoff = {
      withCall: (callId, event) => this.withCall(callId, event),
      inBackground: (callId, event) => this.inBackground(callId, event),
      live: (callId) => this.live(callId),
      current: (callId) => this.calls.live(callId),
      find: (callId) => this.calls.find(callId),
      ended: (callId) => this.calls.endedCall(callId),
      apply: (callId, call, event) => this.apply(callId, call, event),
      step: (callId, call, event, queues?: LiveQueues) => this.push(callId, this.apply(callId, call, event, queues)),
      keep: (callId, call) => this.keep(callId, call),
      background: (done) => this.background(done),
    };
    this.desk = new DeskActions(held, store, routing, this.clock, held.background);
    this.keyedTurns = new KeyedTurns({
      find: held.find,
      // An ended call keeps its answers too (a retried hang-up), shared with the other instances in shared mode.
      keepAnswers: (callId, call) => {
        if (call.session.status === 'ended' && !this.shared) this.calls.put(callId, call);
        else this.keep(callId, call);
      },
    });
    if (this.shared) {
      this.taking = new TakenCalls<LiveCall>(this.shared, this.calls, {
        read: (lines) => this.savedCall(foldSaved(lines)),
        catchUp: withSavedChanges,
        loaded: (callId, call, changes) => this.saves.loaded(callId, call, changes),
        saveOf: (callId, call) => this.saveOf(callId, call),
        forget: (callId) => this.saves.forget(callId),
        logged: () => this.store.calls.flush(),
        onError: this.onError,
      });
    }
    this.handoff = new CallHandoff(held, store, { clock: this.clock, routing, webhooks: options.webhooks, onError: this.onError, llm: options.llm, lookups: options.lookups });
    // What a tick does once (with several instances, on the leader, whose clock ticks): wait updates, left calls.
    routing?.onTick((mine) => {
      if (mine) this.handoff.sendWaitingUpdates();
      if (mine) this.endAbandonedCalls();
      this.taking?.dropStaleCopies();
    });
  }

  /** The server is shutting down: no new call starts here; calls in progress go on (and are saved for the next start). */
  drain() {
    this.isDraining = true;
  }

  get draining(): boolean {
    return this.isDraining;
  }

  /** The calls a restart or a crash interrupted go on where they were (see `resumeCalls`). */
  resume(saved: Array<Array<Record<string, unknown>>>): { resumed: number; ended: number } {
    const resuming = {
      read: (record: Record<string, unknown>) => this.savedCall(record),
      keep: (callId: string, call: LiveCall) => this.keep(callId, call),
      withAgent: (agentId: string, callId: string) => this.routing?.hasCall(agentId, callId) ?? false,
      rejoin: (callId: string, call: LiveCall) => this.handoff.rejoin(callId, call),
    };
    const counts = resumeCalls(saved, resuming, this.store, this.clock().toISOString());
    // Routing's own saved state may still hold calls that ended just before the stop: they go.
    this.routing?.keepOnly(new Set([...this.calls.allInProgress()].map(([callId]) => callId)));
    return counts;
  }

  /** What became of a call's transfer, from routing; ignored once the call has left the queue. */
  transferOutcome(callId: string, outcome: 'connected' | 'no_agent' | 'failed', agent?: { id: string; name: string }) {
    return this.handoff.transferOutcome(callId, outcome, agent);
  }

  /** `withSignals`: add the turn's signals and their evidence (for the test console; phone channels need not pay for them). */
  async start(body: unknown, withSignals = false) {
    const input = parseBody(startCallSchema, body);
    if (this.isDraining) throw new AppError(503, 'draining', 'This Baton server is shutting down and takes no new calls; try again in a moment (another server, or this one once restarted, will take it).');
    if (this.shared) await this.requireSharedRoom();
    else this.calls.requireRoom();
    const flow = this.runtimeFor(input.flowId, input.version);
    const at = this.clock().toISOString();
    const callId = randomUUID();
    const session = createSession({ callId, flowId: input.flowId, flowVersion: flow.version, startNodeId: flow.compiled.startId, at });
    const repeatCaller = this.repeatCallers.isRepeat(input.caller?.phone, this.clock().getTime()) || input.caller?.attributes?.repeatCaller === true;
    // A Twilio call (its CallSid with the caller): its channel collects its updates at each webhook (see `updates`).
    const callSid = input.caller?.attributes?.callSid;
    const call: LiveCall = { session, flow, manualTransfers: input.transfers === 'manual', repeatCaller, lastHeardAt: Date.parse(at), ...(typeof callSid === 'string' ? { outbox: [] } : {}) };
    if (this.shared && typeof callSid === 'string') await this.shared.rememberCallSid(callSid, callId);
    const result = this.taking ? await this.taking.created(callId, () => this.apply(callId, call, { type: 'start', at, caller: input.caller })) : this.apply(callId, call, { type: 'start', at, caller: input.caller });
    return { callId, flow: { id: input.flowId, version: flow.version }, ...this.view(result, withSignals) };
  }

  /** Shared mode: the call limit counts the calls in progress on every instance. */
  private async requireSharedRoom() {
    const inProgress = await this.shared!.inProgress();
    if (inProgress < this.maxLiveCalls) return;
    throw new AppError(503, 'too_many_calls', `Baton is handling the most calls it is set to (${this.maxLiveCalls}, across all its servers); try again shortly or raise BATON_MAX_LIVE_CALLS.`);
  }

  async turn(callId: string, body: unknown, withSignals = false): Promise<TurnView> {
    return this.turnNow(callId, body, withSignals);
  }

  /**
   * `turn` for the HTTP route: the view itself when the turn steps at once (every turn but one at a generative AI step,
   * which waits for the model), so the busiest request answers without a promise and a trip through the microtask queue.
   */
  turnNow(callId: string, body: unknown, withSignals = false, idempotencyKey?: string): TurnView | Promise<TurnView> {
    return this.withCall(callId, () => this.keyedTurn(callId, body, withSignals, idempotencyKey));
  }

  private keyedTurn(callId: string, body: unknown, withSignals: boolean, idempotencyKey?: string): TurnView | Promise<TurnView> {
    const { turn, key } = turnKey(body, idempotencyKey);
    if (key === undefined) return this.stepTurn(callId, turn, withSignals);
    return this.keyedTurns.answer(callId, key, () => this.stepTurn(callId, turn, withSignals));
  }

  private stepTurn(callId: string, body: unknown, withSignals: boolean): TurnView | Promise<TurnView> {
    const call = this.live(callId);
    const t = parseTurn(body);
    const event = turnEvent(t, this.clock().toISOString());
    if (event.type === 'transfer_outcome') this.handoff.settledByChannel(callId);
    // Only a generative AI step, or a turn the detectors are unsure of with the judge on, waits for the model; every
    // other turn steps at once, exactly as without one.
    if (this.model.waitsFor(call, event))
      return this.model
        .prepare(call, event, () => this.live(callId), () => this.handoff.liveQueues(callId, event.at))
        .then((prepared) => this.view(this.apply(callId, prepared.call, prepared.event), withSignals));
    return this.view(this.apply(callId, call, event), withSignals);
  }

  /** The briefing of a call waiting for its transfer (a warm transfer's whisper reads it); undefined once it is not waiting. */
  briefing(callId: string) {
    return this.handoff.briefing(callId);
  }

  /** Where a call in progress is (a channel that reconnects shows it); 404 when it is not in progress, 409 once it ended. */
  current(callId: string) {
    return this.withCall(callId, (): { callId: string; flow: { id: string; version: number | 'draft' }; state: CallState } => {
      const s = this.live(callId).session;
      return { callId, flow: { id: s.flowId, version: s.flowVersion }, state: { nodeId: s.nodeId, status: s.status } };
    });
  }

  /** The call in progress whose caller came in on this Twilio CallSid; looked for only when a channel lost track of it (a restart). */
  findByCallSid(callSid: string): { callId: string; state: CallState } | undefined | Promise<{ callId: string; state: CallState } | undefined> {
    if (this.shared) {
      // Several instances: the call may have started on another one.
      return this.shared.callIdForSid(callSid).then(async (callId) => {
        if (!callId) return undefined;
        try {
          return await this.current(callId);
        } catch (error) {
          if (error instanceof AppError && (error.status === 404 || error.status === 409)) return undefined;
          throw error;
        }
      });
    }
    for (const [callId, call] of this.calls.allInProgress()) {
      if (call.session.caller.attributes?.callSid === callSid) return { callId, state: { nodeId: call.session.nodeId, status: call.session.status } };
    }
    return undefined;
  }

  /** Updates a channel took but did not say (the caller left the queue first): they come first at its next ask. */
  unsaid(callId: string, actions: CallAction[]): void | Promise<void> {
    return this.withCall(callId, () => {
      const call = this.calls.find(callId);
      if (call?.outbox) this.keep(callId, { ...call, outbox: [...actions, ...call.outbox] });
    });
  }

  /**
   * For a channel that asks at each webhook (Twilio): what the caller is to hear that no turn of theirs answered, since
   * it last asked (then no longer kept), and where the call is now. Works on an ended call too (the agent's goodbye).
   */
  updates(callId: string): CallUpdate | Promise<CallUpdate> {
    return this.withCall(callId, () => {
      const call = this.calls.find(callId);
      if (!call) throw notFound('call', callId);
      const actions = [...(call.outbox ?? [])];
      if (actions.length > 0) this.keep(callId, { ...call, outbox: [] });
      const s = call.session;
      return { actions, state: { nodeId: s.nodeId, status: s.status } };
    });
  }

  /** The settings of the flow version the call runs on (a channel reads how the flow should sound). */
  flowSettings(callId: string) {
    return this.calls.find(callId)?.flow.compiled.flow.settings;
  }

  /**
   * Every update of the call from now on (see `CallUpdate`), with several instances those made on any of them once
   * this resolves; resolves to the unsubscribe.
   */
  async subscribe(callId: string, listener: CallListener): Promise<() => void> {
    // Shared mode: the call may be held by other instances only; its channel asked for it (`current`) first.
    if (!this.calls.find(callId) && !this.shared) throw notFound('call in progress', callId);
    let set = this.listeners.get(callId);
    if (!set) this.listeners.set(callId, (set = new Set()));
    set.add(listener);
    const elsewhere = this.shared?.follow(callId, (update) => listener(update as CallUpdate));
    const unsubscribe = () => {
      set.delete(listener);
      // The set may already be gone (the call left memory) and another taken its place.
      if (set.size === 0 && this.listeners.get(callId) === set) this.listeners.delete(callId);
      elsewhere?.stop();
    };
    try {
      await elsewhere?.ready;
    } catch (error) {
      unsubscribe();
      throw error;
    }
    return unsubscribe;
  }

  async get(callId: string) {
    // Shared mode: the call as last saved, wherever that was.
    if (this.shared) await this.withCall(callId, () => undefined);
    const live = this.calls.find(callId);
    const records = await this.store.calls.read(callId);
    if (!live && records.length === 0) throw notFound('call', callId);
    return callView(callId, live?.session, records);
  }

  private live(callId: string): LiveCall {
    const call = this.calls.live(callId);
    if (call) return call;
    if (this.calls.endedCall(callId)) throw new AppError(409, 'call_ended', 'This call has ended; start a new call to talk again.');
    throw notFound('call in progress', callId);
  }

  /** Runs one event, records it, and carries out what routing must do about it. */
  private apply(callId: string, call: LiveCall, event: CallEvent, queues: LiveQueues | undefined = this.handoff.liveQueues(callId, event.at, call)): StepResult {
    const before = call.session;
    const result = step(call.flow, before, { ...event, queues });
    const next = { ...call, session: result.session, lastHeardAt: CALLER_SIDE.has(event.type) ? Date.parse(event.at) : call.lastHeardAt };
    this.keep(callId, next);
    this.log(callId, asLogged(event, call, before), before, result);
    return this.handoff.afterStep(callId, next, before, event, result);
  }

  /** Ends, as the caller hanging up, every call at an AI step whose caller has sent nothing for `callIdleSeconds`. */
  private endAbandonedCalls() {
    const now = this.clock();
    const since = now.getTime() - this.callIdleSeconds * 1000;
    const endIfLeft = (callId: string) => {
      const call = this.calls.live(callId);
      if (call?.session.status === 'ai' && call.lastHeardAt < since) this.push(callId, this.apply(callId, call, { type: 'hangup', at: now.toISOString(), idle: true }));
    };
    if (!this.shared) {
      for (const [callId] of [...this.calls.allInProgress()]) endIfLeft(callId);
      return;
    }
    // Shared mode: the calls left on any instance (one that was killed too); each is taken first, so it ends once.
    void this.shared.silentSince(since, 100).then((callIds) => {
      for (const callId of callIds) this.inBackground(callId, () => endIfLeft(callId));
    }, this.onError);
  }

  /**
   * Holds the call's latest state, and saves it where a restart finds it (in a later batch; see LiveCallStore): at once
   * when its status changed, so a handover or an end is never lost.
   */
  private keep(callId: string, call: LiveCall) {
    const before = this.calls.live(callId)?.session.status;
    this.calls.put(callId, call);
    if (this.shared) {
      // Saved as the event lets the call go (see TakenCalls).
      this.taking!.changed(callId);
      return;
    }
    this.store.liveCalls.changed(
      callId,
      () => {
        const latest = this.calls.live(callId);
        if (latest) return this.saves.lineFor(callId, latest);
        this.saves.forget(callId);
        return null;
      },
      before !== call.session.status,
    );
  }

  private log(callId: string, event: CallEvent, before: CallSession, result: StepResult) {
    const record = callLogRecord(event, before, result);
    if (record) this.store.calls.append(callId, record, this.taking?.logKey(callId));
    const s = result.session;
    if (s.status === 'ended' && before.status !== 'ended' && s.caller.phone) this.store.calls.callEnded(s.caller.phone, earlierCallOf(s));
  }

  private push(callId: string, result: StepResult) {
    if (result.actions.length === 0) return;
    const s = result.session;
    const update: CallUpdate = { actions: result.actions, state: { nodeId: s.nodeId, status: s.status } };
    const call = this.calls.find(callId);
    if (call?.outbox) this.keep(callId, { ...call, outbox: [...call.outbox, ...result.actions] });
    this.shared?.publish(callId, update);
    this.deliver(callId, update);
  }

  private deliver(callId: string, update: CallUpdate) {
    const set = this.listeners.get(callId);
    if (set) for (const listener of set) listener(update);
  }

  /** Runs one event of a call: at once with the embedded store; in shared mode, with the call taken (see TakenCalls). */
  private withCall<T>(callId: string, event: () => T | Promise<T>): T | Promise<T> {
    return this.taking ? this.taking.withCall(callId, event) : event();
  }

  /** What one event changed of the call, as the shared store saves it (an ended call whole, kept a while). */
  private saveOf(callId: string, call: LiveCall): CallSave | undefined {
    const line = this.saves.lineFor(callId, call, 'whole');
    if (!line) return undefined;
    const ended = call.session.status === 'ended';
    if (ended) this.saves.forget(callId);
    return { ...line, ended, lastHeardAt: call.lastHeardAt, atAiStep: call.session.status === 'ai' };
  }

  /** A change to routing nobody waits on (with several instances it is applied when it comes round in the shared log). */
  private background(done: unknown) {
    if (done instanceof Promise) done.catch(this.onError);
  }

  /** `withCall` for events nobody waits on (routing's, timers'): a failure is reported, not thrown. */
  private inBackground(callId: string, event: () => unknown) {
    try {
      const done = this.withCall(callId, event);
      if (done instanceof Promise) done.catch(this.onError);
    } catch (error) {
      this.onError(error);
    }
  }

  private view(result: StepResult, withSignals: boolean): TurnView {
    const s = result.session;
    const view = { actions: result.actions, state: { nodeId: s.nodeId, status: s.status }, handoff: result.handoff };
    // The test console also shows what was understood and the way the call went.
    // The turn's own signals, never the call's last ones: words said while queued are not listened to for triggers.
    return withSignals ? { ...view, signals: result.signals ?? null, intent: s.lastIntent, path: s.path.toArray(), slots: s.slots } : view;
  }

  /** A saved call made whole again, on the flow version it ran on. */
  private savedCall(saved: Record<string, unknown>): LiveCall {
    return liveCallFromSaved(saved, (s) => this.runtimes.runtimeFor(s.flowId, s.flowVersion, 'the call cannot go on'));
  }

  /** Without a version, calls go to the published flow if there is one, else to the draft. */
  private runtimeFor(flowId: string, requested: RequestedVersion | undefined): RuntimeFlow {
    if (requested) return this.runtimes.runtimeFor(flowId, requested);
    const summary = this.store.flows.summary(flowId);
    if (!summary) throw notFound('flow', flowId);
    return this.runtimes.runtimeFor(flowId, summary.publishedVersion ? 'published' : 'draft');
  }
}
