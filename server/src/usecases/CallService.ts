import { randomUUID } from 'node:crypto';
import { portForResult, type CallAction, type CallEvent, type CallState, type HandoffPacket, type TransferOutcome, type TransferResult } from '@baton/shared';
import { createSession, type CallSession } from '../engine/CallSession.ts';
import type { RuntimeFlow } from '../engine/RuntimeFlow.ts';
import { step, type StepResult } from '../engine/step.ts';
import type { LiveQueues } from '../engine/values.ts';
import { AppError, notFound } from '../errors.ts';
import type { CallerLookups } from '../integrations/CallerLookups.ts';
import type { LanguageModel } from '../llm/LanguageModel.ts';
import type { CallSave, SharedCalls, Store } from '../store/types.ts';
import { parseBody, startCallSchema } from './callInputs.ts';
import { parseTurn, turnKey } from './turnInput.ts';
import type { RequestedVersion, RuntimeFlowCache } from './RuntimeFlowCache.ts';
import type { RoutingService } from './RoutingService.ts';
import { HeldCalls } from './HeldCalls.ts';
import { TakenCalls } from './TakenCalls.ts';
import { callLogRecord, earlierCallOf } from './callLogRecord.ts';
import { RepeatCallers } from './RepeatCallers.ts';
import { ModelBeforeTurn } from './ModelBeforeTurn.ts';
import { maskPersonalData } from '../privacy/maskPersonalData.ts';
import { DeskActions } from './DeskActions.ts';
import { ANSWERS_KEPT, CallSaves, foldSaved, liveCallFromSaved, withSavedChanges, type LiveCall, type TurnView } from './LiveCall.ts';
import { keepsHidden } from '../engine/step.ts';
import { HIDDEN_ANSWER } from '../engine/executors/askExecutor.ts';

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

export interface CallServiceOptions {
  clock?: () => Date;
  /** Where transfers go; without it (tests of the engine's side) a transfer only changes the call's state. */
  routing?: RoutingService;
  /** Tells each queue's outside system (CRM, ticketing) about a handoff, if the queue has a webhook. */
  webhooks?: { deliver(queueId: string, packet: HandoffPacket): Promise<unknown> };
  onError?: (error: unknown) => void;
  /** Optional: generative AI steps and the briefing's summary. Without it, the embedded NLU and extractive summary. */
  llm?: LanguageModel;
  /** Each queue's caller lookup, asked at handoff for the briefing. */
  lookups?: CallerLookups;
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

/** Starts calls and feeds them turns: the HTTP API's adapter around the pure engine, and the bridge to routing. */
/** How many of a number's earlier calls the briefing shows. */
const EARLIER_CALLS = 5;

export class CallService {
  private readonly listeners = new Map<string, Set<CallListener>>();
  private readonly calls: HeldCalls<LiveCall>;
  /** The agent's side of handed-over calls (the desk's actions and view). */
  readonly desk: DeskActions;
  private readonly repeatCallers = new RepeatCallers();
  private readonly model: ModelBeforeTurn<LiveCall>;
  private isDraining = false;
  private readonly turnsInFlight = new Map<string, Promise<TurnView>>();
  private readonly saves = new CallSaves();
  private readonly clock: () => Date;
  private readonly routing?: RoutingService;
  private readonly webhooks?: CallServiceOptions['webhooks'];
  private readonly onError: (error: unknown) => void;
  private readonly llm?: LanguageModel;
  private readonly lookups?: CallerLookups;
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
    this.webhooks = options.webhooks;
    this.onError = options.onError ?? console.error;
    this.llm = options.llm;
    this.lookups = options.lookups;
    this.maxLiveCalls = options.maxLiveCalls ?? DEFAULT_MAX_LIVE_CALLS;
    this.callIdleSeconds = options.callIdleSeconds ?? DEFAULT_CALL_IDLE_SECONDS;
    this.shared = options.shared;
    this.model = new ModelBeforeTurn<LiveCall>(this.llm);
    this.calls = new HeldCalls<LiveCall>(this.maxLiveCalls, (callId) => this.listeners.delete(callId));
    this.desk = new DeskActions(
      {
        withCall: (callId, event) => this.withCall(callId, event),
        live: (callId) => this.live(callId),
        current: (callId) => this.calls.live(callId),
        find: (callId) => this.calls.find(callId),
        ended: (callId) => this.calls.endedCall(callId),
        step: (callId, call, event) => this.push(callId, this.apply(callId, call, event)),
        keep: (callId, call) => this.keep(callId, call),
      },
      store,
      routing,
      this.clock,
      (done) => this.background(done),
    );
    if (this.shared) {
      this.taking = new TakenCalls<LiveCall>(this.shared, this.calls, {
        read: (lines) => liveCallFromSaved(foldSaved(lines), (s) => this.runtimes.runtimeFor(s.flowId, s.flowVersion, 'the call cannot go on')),
        catchUp: withSavedChanges,
        loaded: (callId, call, changes) => this.saves.loaded(callId, call, changes),
        saveOf: (callId, call) => this.saveOf(callId, call),
        forget: (callId) => this.saves.forget(callId),
        logged: () => this.store.calls.flush(),
        onError: this.onError,
      });
    }
    // Another instance's update of a call whose channel is connected here.
    this.shared?.onUpdate((callId, update) => this.deliver(callId, update as CallUpdate));
    // An agent accepted: the caller hears who they are through to, and the flow takes the `connected` port.
    // (With several instances, every instance sees the event: the one whose desk accepted acts on it, and the leader
    // too, in case that one died meanwhile — the second finds the call connected already and leaves it.)
    routing?.subscribe((event, mine) => {
      if (event.type === 'call_connected' && (mine || routing.leads)) this.inBackground(event.callId, () => this.transferOutcome(event.callId, 'connected', { id: event.agentId, name: routing.agentName(event.agentId) ?? '' }));
    });
    // What a tick does once (with several instances, on the leader, whose clock ticks): wait updates, left calls.
    routing?.onTick((mine) => {
      if (mine) this.sendWaitingUpdates();
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

  /**
   * The calls a restart or a crash interrupted, as the data directory saved them: each goes on where it was. A call
   * waiting in a queue joins it again in its old place (by when it was handed over); a call an agent had goes back to
   * the front of its queue, since the agent's desk lost it with the server. A call whose flow version is gone ends, with
   * its reason in the call log. Returns how many went on and how many ended.
   */
  resume(saved: Array<Array<Record<string, unknown>>>): { resumed: number; ended: number } {
    let resumed = 0;
    let ended = 0;
    const at = this.clock().toISOString();
    for (const lines of saved) {
      let call: LiveCall;
      const record = foldSaved(lines);
      try {
        call = liveCallFromSaved(record, (s) => this.runtimes.runtimeFor(s.flowId, s.flowVersion, 'the call cannot go on'));
        if (!call.flow.compiled.nodes.has(call.session.nodeId)) throw new Error(`step "${call.session.nodeId}" is no longer in the flow`);
      } catch (error) {
        const callId = String((record.session as { callId?: unknown } | undefined)?.callId ?? '');
        if (!callId) continue;
        ended++;
        this.store.calls.append(callId, { at, state: { nodeId: null, status: 'ended' }, ended: { reason: 'not_resumed', explanation: `The call could not go on after a restart: ${(error as Error).message}.` } });
        this.store.liveCalls.changed(callId, () => null);
        continue;
      }
      const callId = call.session.callId;
      const agentId = call.session.agent?.id;
      if (call.session.status === 'agent' && agentId && this.routing?.hasCall(agentId, callId)) {
        // Routing kept the call with its agent (one machine keeps routing's state too): the desk finds it again.
        this.store.calls.append(callId, { at, state: { nodeId: call.session.nodeId, status: 'agent' }, resumed: { explanation: 'The call went on after a restart, still with its agent.' } });
      } else if (call.session.status === 'agent') {
        call = { ...call, session: { ...call.session, status: 'queued', agent: null } };
        this.store.calls.append(callId, { at, state: { nodeId: call.session.nodeId, status: 'queued' }, resumed: { explanation: 'The agent\'s connection was lost in a restart: the call waits first in line for an agent again.' } });
      } else {
        this.store.calls.append(callId, { at, state: { nodeId: call.session.nodeId, status: call.session.status }, resumed: { explanation: 'The call went on after a restart.' } });
      }
      this.keep(callId, call);
      resumed++;
      const handoff = call.session.handoff;
      if (call.session.status !== 'queued' || call.manualTransfers || !handoff?.queue || !handoff.packet || !this.routing?.hasQueue(handoff.queue)) continue;
      const node = call.flow.compiled.nodes.get(call.session.nodeId);
      this.background(this.routing.handOff(callId, handoff.queue, handoff.packet, { ...this.routeOf(node?.data, handoff.packet, call.repeatCaller), since: new Date(handoff.at) }));
    }
    // Routing's own saved state may still hold calls that ended just before the stop: they go.
    this.routing?.keepOnly(new Set([...this.calls.allInProgress()].map(([callId]) => callId)));
    return { resumed, ended };
  }

  /** What a call's transfer asks of routing: the transfer step's skills and priority, and the flags its queue may boost. */
  private routeOf(data: Record<string, unknown> | undefined, packet: HandoffPacket, repeatCaller: boolean) {
    const signal = packet.reason.signal;
    return {
      skills: Array.isArray(data?.skills) ? (data.skills as string[]) : undefined,
      priority: typeof data?.priority === 'number' ? data.priority : undefined,
      flags: { sensitive: signal === 'sensitive_topic' || signal === 'safety', safety: signal === 'safety', repeatCaller },
    };
  }

  /** What became of a call's transfer, from routing; ignored once the call has left the queue. */
  transferOutcome(callId: string, outcome: 'connected' | 'no_agent' | 'failed', agent?: { id: string; name: string }) {
    return this.withCall(callId, () => {
      const call = this.calls.live(callId);
      if (!call || call.session.status !== 'queued') return;
      this.push(callId, this.apply(callId, call, { type: 'transfer_outcome', at: this.clock().toISOString(), outcome, agent }));
    });
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
    // A retried turn (its answer lost to a timeout, or sent again to another server) is applied once: the retry gets
    // the first answer, even while that one is still being worked out.
    const known = this.calls.find(callId)?.answers?.find((a) => a.key === key);
    if (known) return known.view;
    const id = `${callId}\n${key}`;
    const inFlight = this.turnsInFlight.get(id);
    if (inFlight) return inFlight;
    const answer = this.stepTurn(callId, turn, withSignals);
    if (!(answer instanceof Promise)) return this.remember(callId, key, answer);
    const remembered = answer.then((view) => this.remember(callId, key, view)).finally(() => this.turnsInFlight.delete(id));
    this.turnsInFlight.set(id, remembered);
    return remembered;
  }

  /** Keeps a turn's answer under its idempotency key, with the call (so a restart keeps it too). */
  private remember(callId: string, key: string, view: TurnView): TurnView {
    const call = this.calls.find(callId);
    if (!call) return view;
    const answers = [...(call.answers ?? []), { key, view }].slice(-ANSWERS_KEPT);
    // An ended call keeps its answers too (a retried hang-up), shared with the other instances in shared mode.
    if (call.session.status === 'ended' && !this.shared) this.calls.put(callId, { ...call, answers });
    else this.keep(callId, { ...call, answers });
    return view;
  }

  private stepTurn(callId: string, body: unknown, withSignals: boolean): TurnView | Promise<TurnView> {
    const call = this.live(callId);
    const t = parseTurn(body);
    const at = this.clock().toISOString();
    const event: CallEvent =
      t.text !== undefined
        ? // Card numbers and bank details are masked before Baton keeps, logs or passes on a word of the turn.
          { type: 'utterance', at, text: maskPersonalData(t.text), asrConfidence: t.asrConfidence, loudnessDb: t.loudnessDb, voice: t.voice }
        : t.dtmf !== undefined
          ? { type: 'dtmf', at, digits: t.dtmf }
          : t.transferOutcome !== undefined
            ? { type: 'transfer_outcome', at, ...transferOutcomeOf(t.transferOutcome) }
            : t.hangup
              ? { type: 'hangup', at }
              : { type: 'silence', at };
    // A channel that reports the transfer's outcome itself (the test console, an outside queue) takes the call out of
    // Baton's own routing, so no agent is offered a call that is already settled.
    if (event.type === 'transfer_outcome' && this.routing) this.background(this.routing.leave(callId));
    // Only a generative AI step, or a turn the detectors are unsure of with the judge on, waits for the model; every
    // other turn steps at once, exactly as without one.
    if (this.model.waitsFor(call, event))
      return this.model
        .prepare(call, event, () => this.live(callId), () => this.liveQueues(callId, event.at))
        .then((prepared) => this.view(this.apply(callId, prepared.call, prepared.event), withSignals));
    return this.view(this.apply(callId, call, event), withSignals);
  }

  /** The briefing of a call waiting for its transfer (a warm transfer's whisper reads it); undefined once it is not waiting. */
  async briefing(callId: string): Promise<HandoffPacket | undefined> {
    try {
      return await this.withCall(callId, () => {
        const s = this.live(callId).session;
        return s.status === 'queued' ? s.handoff?.packet : undefined;
      });
    } catch (error) {
      if (error instanceof AppError && (error.status === 404 || error.status === 409)) return undefined;
      throw error;
    }
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

  /** Every update of the call from now on (see `CallUpdate`); returns the unsubscribe. */
  subscribe(callId: string, listener: CallListener): () => void {
    // Shared mode: the call may be held by other instances only; its channel asked for it (`current`) first.
    if (!this.calls.find(callId) && !this.shared) throw notFound('call in progress', callId);
    let set = this.listeners.get(callId);
    if (!set) this.listeners.set(callId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(callId);
    };
  }

  async get(callId: string) {
    // Shared mode: the call as last saved, wherever that was.
    if (this.shared) await this.withCall(callId, () => undefined);
    const live = this.calls.find(callId);
    const records = await this.store.calls.read(callId);
    if (!live && records.length === 0) throw notFound('call', callId);
    const events = records.map(({ callId: _id, ...rest }) => rest);
    if (live) {
      const s = live.session;
      return { callId, flow: { id: s.flowId, version: s.flowVersion }, state: { nodeId: s.nodeId, status: s.status }, caller: s.caller, transcript: s.transcript.toArray(), slots: s.slots, handoff: s.handoff, agent: s.agent, disposition: s.disposition, survey: s.survey, startedAt: s.startedAt, endedAt: s.endedAt, events };
    }
    // After a restart the log is the record: replay what it says.
    const last = records[records.length - 1] as { state?: unknown; session?: Partial<CallSession> };
    const handoff = records.map((r) => r.handoff).findLast((h) => h) ?? null;
    const survey = records.map((r) => r.survey).findLast((v) => v) ?? null;
    return { callId, state: last.state ?? null, transcript: records.flatMap((r) => (r.said as unknown[]) ?? []), handoff, survey, events };
  }

  private live(callId: string): LiveCall {
    const call = this.calls.live(callId);
    if (call) return call;
    if (this.calls.endedCall(callId)) throw new AppError(409, 'call_ended', 'This call has ended; start a new call to talk again.');
    throw notFound('call in progress', callId);
  }

  /** Runs one event, records it, and carries out what routing must do about it. */
  private apply(callId: string, call: LiveCall, event: CallEvent, queues: LiveQueues | undefined = this.liveQueues(callId, event.at, call)): StepResult {
    const before = call.session;
    const result = step(call.flow, before, { ...event, queues });
    const s = result.session;
    const next = { ...call, session: s, lastHeardAt: CALLER_SIDE.has(event.type) ? Date.parse(event.at) : call.lastHeardAt };
    this.keep(callId, next);
    this.log(callId, asLogged(event, call, before), before, result);
    if (!this.routing || call.manualTransfers) return result;
    // The call left the queue without an agent (the caller hung up, or the flow moved on): routing lets it go.
    if (before.status === 'queued' && s.status !== 'queued' && s.status !== 'agent') this.background(this.routing.leave(callId, event.type === 'hangup'));
    if (before.status === 'agent' && before.agent) this.tellAgent(callId, before.agent.id, event, event.type === 'hangup');
    let outcome: StepResult | undefined;
    for (const a of result.actions) {
      // A handoff after an agent handed the call back is a new one, even to the same queue.
      if (a.type === 'transfer') outcome = this.transfer(callId, next, a, event.at, before.handoff?.handedBack !== undefined);
      if (a.type === 'callback') this.createCallback(callId, s, a);
    }
    return outcome ? { ...result, session: outcome.session, actions: [...result.actions, ...outcome.actions] } : result;
  }

  /**
   * Routing decides at once whether an agent can be reached: a closed or unstaffed queue, or a wait over its maximum,
   * takes the transfer's `no_agent` port (the flow offers a call back), an unknown queue `failed`; otherwise the call
   * joins the queue. The queue's webhook hears of every handoff.
   */
  private transfer(callId: string, call: LiveCall, action: Extract<CallAction, { type: 'transfer' }>, at: string, afresh = false): StepResult | undefined {
    // With a language model, routing and the webhook get the briefing with its summary (bounded by the model's timeout).
    // The language model's summary, the queue's caller lookup and the number's earlier calls fill the briefing in, each
    // within its budget.
    const briefed = this.llm || this.lookups?.configured(action.queue) || action.packet.caller.phone ? this.brief(callId, action.queue, action.packet) : undefined;
    // Sent in the background: a slow or failing receiver never holds up the call (the sender retries and logs). Sent
    // even when no agent can take the call now: whoever calls back reads the same briefing.
    if (this.routing!.hasQueue(action.queue)) {
      if (briefed) void briefed.then((packet) => this.webhooks?.deliver(action.queue, packet)).catch(this.onError);
      else void this.webhooks?.deliver(action.queue, action.packet);
    }
    // A destination outside Baton: the channel dials it and reports how it went (a `transferOutcome` turn).
    if (action.target) return undefined;
    // The step's own skills and priority go with its own queue; a call an agent sent elsewhere takes that queue's.
    const step = call.flow.compiled.nodes.get(action.nodeId)!.data;
    const route = this.routeOf(step.queue === action.queue ? step : undefined, action.packet, call.repeatCaller);
    const decision = this.routing!.decide(action.queue, route);
    if (decision.outcome !== 'connected_possible') {
      // Closed, nobody signed in with the skills, or a wait past the queue's maximum: nobody could take it.
      return this.apply(callId, call, { type: 'transfer_outcome', at, outcome: decision.outcome, result: decision.outcome === 'no_agent' ? 'busy' : 'failed', reason: decision.message });
    }
    const routed = afresh ? { ...route, afresh } : route;
    if (briefed) void briefed.then((packet) => this.handOffBriefed(callId, action.queue, packet, routed)).catch(this.onError);
    else this.background(this.routing!.handOff(callId, action.queue, action.packet, routed));
    return undefined;
  }

  /**
   * The briefing filled in before the offer: the language model's three lines as its summary (the extractive summary
   * when the model gives none in time), what the queue's caller lookup knows of the number (nothing when it does
   * not answer in time) and the number's latest finished calls, kept on the call and in its log so the desk and `GET /api/calls/:id` show what the agent reads.
   */
  private async brief(callId: string, queueId: string, packet: HandoffPacket): Promise<HandoffPacket> {
    const phone = packet.caller.phone;
    const [summary, callerDetails, earlierCalls] = await Promise.all([
      this.llm?.summarize(packet),
      this.lookups?.lookup(queueId, packet),
      // The briefing is never held back by it: a failing call log gives no earlier calls.
      phone ? this.store.calls.earlierCalls(phone, EARLIER_CALLS).catch((error: Error) => (this.onError(error), [])) : undefined,
    ]);
    const earlier = earlierCalls?.filter((c) => c.callId !== callId);
    if (!summary && !callerDetails && !earlier?.length) return packet;
    const briefed = { ...packet, ...(summary ? { summary, summaryBy: 'model' as const } : {}), ...(callerDetails ? { callerDetails } : {}), ...(earlier?.length ? { earlierCalls: earlier } : {}) };
    const call = this.calls.find(callId);
    const handoff = call?.session.handoff;
    if (call && handoff?.packet === packet) {
      const session = { ...call.session, handoff: { ...handoff, packet: briefed } };
      this.keep(callId, { ...call, session });
      this.store.calls.append(callId, { at: this.clock().toISOString(), state: { nodeId: session.nodeId, status: session.status }, handoff: session.handoff });
    }
    return briefed;
  }

  /** Joins the queue once the briefing is ready, unless the call left it meanwhile (the caller hung up). */
  private handOffBriefed(callId: string, queue: string, packet: HandoffPacket, route: ReturnType<CallService['routeOf']>) {
    const s = this.calls.live(callId)?.session;
    if (s?.status !== 'queued' || s.handoff?.queue !== queue || s.handoff.packet !== packet) return;
    this.background(this.routing!.handOff(callId, queue, packet, route));
  }

  private createCallback(callId: string, session: CallSession, action: Extract<CallAction, { type: 'callback' }>) {
    if (!action.phone || !this.routing?.hasQueue(action.queue)) return;
    this.routing
      .createCallback({ callId, queueId: action.queue, phone: action.phone, packet: session.handoff?.packet }, this.clock())
      .then((callback) => this.store.calls.append(callId, { at: callback.createdAt, callback }))
      .catch(this.onError);
  }

  /** The agent on the call sees the caller's later turns live, and hears when they hang up. */
  private tellAgent(callId: string, agentId: string, event: CallEvent, callerHungUp: boolean) {
    const at = event.at;
    if (event.type === 'utterance') this.background(this.routing!.notify({ type: 'caller_said', callId, agentId, text: event.text, at }));
    if (event.type === 'dtmf') this.background(this.routing!.notify({ type: 'caller_said', callId, agentId, text: `(pressed ${event.digits.split('').join(' ')})`, at }));
    if (callerHungUp) this.background(this.routing!.notify({ type: 'caller_hung_up', callId, agentId, at }));
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

  /** Waiting callers get routing's latest figures; their flow says when they hear them. */
  private sendWaitingUpdates() {
    const figures = this.routing!.waitingFigures();
    const at = this.clock().toISOString();
    for (const [callId, f] of figures) {
      this.inBackground(callId, () => {
        const call = this.calls.live(callId);
        if (!call || call.session.status !== 'queued') return;
        const queues: LiveQueues = (queueId) => (queueId === call.session.handoff?.queue ? { ...f, ewtSeconds: f.ewtSeconds ?? undefined } : undefined);
        const result = this.apply(callId, call, { type: 'queue_update', at, ...f }, queues);
        if (result.actions.length > 0) this.push(callId, result);
      });
    }
  }

  /**
   * Live figures for the messages of this event, looked up only if a message needs them. A call whose transfers the
   * tester decides (the test console) is not routing's to predict: the flow's typical waits stand.
   */
  private liveQueues(callId: string, at: string, call = this.calls.live(callId)): LiveQueues | undefined {
    const routing = this.routing;
    if (!routing || call?.manualTransfers) return undefined;
    return (queueId, call) => routing.figuresFor(queueId, callId, new Date(at), call);
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
    return { ...line, ended, lastHeardAt: call.lastHeardAt };
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

  /** Without a version, calls go to the published flow if there is one, else to the draft. */
  private runtimeFor(flowId: string, requested: RequestedVersion | undefined): RuntimeFlow {
    if (requested) return this.runtimes.runtimeFor(flowId, requested);
    const summary = this.store.flows.summary(flowId);
    if (!summary) throw notFound('flow', flowId);
    return this.runtimes.runtimeFor(flowId, summary.publishedVersion ? 'published' : 'draft');
  }
}


/** A channel's report of a transfer: a port (connected, no_agent, failed) or how it went (declined, no_answer, busy). */
function transferOutcomeOf(reported: TransferOutcome | TransferResult): { outcome: TransferOutcome; result?: TransferResult } {
  return reported === 'no_agent' ? { outcome: reported } : { outcome: portForResult(reported), result: reported };
}

/**
 * A caller's words or keys as the call log keeps them: an answer to a step that keeps it hidden not at all, a card
 * number keyed in as its last four digits (the step collecting digits still got them as pressed). Words arrive masked.
 */
function asLogged(event: CallEvent, call: LiveCall, before: CallSession): CallEvent {
  if (event.type !== 'utterance' && event.type !== 'dtmf') return event;
  const hidden = keepsHidden(call.flow.steps.get(before.nodeId)!, before);
  if (event.type === 'utterance') return hidden ? { ...event, text: HIDDEN_ANSWER } : event;
  return { ...event, digits: hidden ? '' : maskPersonalData(event.digits) };
}
