/**
 * The call service's side of routing: what a stepped call asks of it (a transfer joins a queue, with its briefing filled
 * in; a callback; the agent told what the caller says; a call that left the queue let go), and what routing tells the
 * call (an agent connected, the waiting figures its messages read). The call service steps calls; this hands them over.
 */
import type { CallAction, CallEvent, HandoffPacket } from '@baton/shared';
import type { CallSession } from '../engine/CallSession.ts';
import type { StepResult } from '../engine/step.ts';
import type { LiveQueues } from '../engine/values.ts';
import { AppError } from '../errors.ts';
import type { CallerLookups } from '../integrations/CallerLookups.ts';
import type { LanguageModel } from '../llm/LanguageModel.ts';
import type { Store } from '../store/types.ts';
import type { LiveCall } from './LiveCall.ts';
import type { RoutingService } from './RoutingService.ts';

/** How many of a number's earlier calls the briefing shows. */
const EARLIER_CALLS = 5;

/** What handing calls over needs of the call service: a call held for one event, stepped, kept. */
export interface CallsForHandoff {
  /** Runs one event of the call (in shared mode with the call taken, so one instance acts on it at a time). */
  withCall<T>(callId: string, event: () => T | Promise<T>): T | Promise<T>;
  /** `withCall` for events nobody waits on: a failure is reported, not thrown. */
  inBackground(callId: string, event: () => unknown): void;
  /** The call in progress; 409 once it ended, 404 when unknown. */
  live(callId: string): LiveCall;
  /** The call in progress, if it is. */
  current(callId: string): LiveCall | undefined;
  /** The call as this instance last held it, in progress or ended. */
  find(callId: string): LiveCall | undefined;
  /** Applies the event (recorded, kept) without sending what it says to the caller's channel. */
  apply(callId: string, call: LiveCall, event: CallEvent): StepResult;
  /** Applies the event and sends what it says to the caller's channel; `queues` in place of routing's live figures. */
  step(callId: string, call: LiveCall, event: CallEvent, queues?: LiveQueues): void;
  keep(callId: string, call: LiveCall): void;
  /** A change to routing nobody waits on: a failure is reported. */
  background(done: unknown): void;
}

export interface CallHandoffOptions {
  clock: () => Date;
  /** Where transfers go; without it (tests of the engine's side) a transfer only changes the call's state. */
  routing?: RoutingService;
  /** Tells each queue's outside system (CRM, ticketing) about a handoff, if the queue has a webhook. */
  webhooks?: { deliver(queueId: string, packet: HandoffPacket): Promise<unknown> };
  onError: (error: unknown) => void;
  /** The briefing's summary, when a language model is configured. */
  llm?: LanguageModel;
  /** Each queue's caller lookup, asked at handoff for the briefing. */
  lookups?: CallerLookups;
}

export class CallHandoff {
  private readonly clock: () => Date;
  private readonly routing?: RoutingService;
  private readonly webhooks?: CallHandoffOptions['webhooks'];
  private readonly onError: (error: unknown) => void;
  private readonly llm?: LanguageModel;
  private readonly lookups?: CallerLookups;

  constructor(
    private readonly calls: CallsForHandoff,
    private readonly store: Store,
    options: CallHandoffOptions,
  ) {
    const routing = options.routing;
    this.clock = options.clock;
    this.routing = routing;
    this.webhooks = options.webhooks;
    this.onError = options.onError;
    this.llm = options.llm;
    this.lookups = options.lookups;
    // An agent accepted: the caller hears who they are through to, and the flow takes the `connected` port.
    // (With several instances, every instance sees the event: the one whose desk accepted acts on it, and the leader
    // too, in case that one died meanwhile — the second finds the call connected already and leaves it.)
    routing?.subscribe((event, mine) => {
      if (event.type === 'call_connected' && (mine || routing.leads)) this.connected(event.callId, event.agentId);
    });
    // The leader died with the instance whose desk accepted (or was that instance): the new leader connects the callers
    // whose agent accepted and who are still waiting.
    routing?.onLead(() => {
      for (const { callId, agentId } of routing.connectedCalls()) this.connected(callId, agentId);
    });
  }

  /** An agent accepted the call: the caller is put through, unless that was done already. */
  private connected(callId: string, agentId: string) {
    this.calls.inBackground(callId, () => this.transferOutcome(callId, 'connected', { id: agentId, name: this.routing!.agentName(agentId) ?? '' }));
  }

  /** What became of a call's transfer, from routing; ignored once the call has left the queue. */
  transferOutcome(callId: string, outcome: 'connected' | 'no_agent' | 'failed', agent?: { id: string; name: string }) {
    return this.calls.withCall(callId, () => {
      const call = this.calls.current(callId);
      if (!call || call.session.status !== 'queued') return;
      this.calls.step(callId, call, { type: 'transfer_outcome', at: this.clock().toISOString(), outcome, agent });
    });
  }

  /** The briefing of a call waiting for its transfer (a warm transfer's whisper reads it); undefined once it is not waiting. */
  async briefing(callId: string): Promise<HandoffPacket | undefined> {
    try {
      return await this.calls.withCall(callId, () => {
        const s = this.calls.live(callId).session;
        return s.status === 'queued' ? s.handoff?.packet : undefined;
      });
    } catch (error) {
      if (error instanceof AppError && (error.status === 404 || error.status === 409)) return undefined;
      throw error;
    }
  }

  /**
   * Carries out what routing must do about a step of the call (`before` its session before the step, `call` after):
   * a call that left the queue is let go, the agent on it hears the caller, a transfer joins its queue, a callback is
   * booked. A transfer routing refuses at once steps the call on; the result then includes that step too.
   */
  afterStep(callId: string, call: LiveCall, before: CallSession, event: CallEvent, result: StepResult): StepResult {
    if (!this.routing || call.manualTransfers) return result;
    const s = result.session;
    // The call left the queue without an agent (the caller hung up, or the flow moved on): routing lets it go.
    if (before.status === 'queued' && s.status !== 'queued' && s.status !== 'agent') this.calls.background(this.routing.leave(callId, event.type === 'hangup'));
    if (before.status === 'agent' && before.agent) this.tellAgent(callId, before.agent.id, event, event.type === 'hangup');
    let outcome: StepResult | undefined;
    for (const a of result.actions) {
      // A handoff after an agent handed the call back is a new one, even to the same queue.
      if (a.type === 'transfer') outcome = this.transfer(callId, call, a, event.at, before.handoff?.handedBack !== undefined);
      if (a.type === 'callback') this.createCallback(callId, s, a);
    }
    return outcome ? { ...result, session: outcome.session, actions: [...result.actions, ...outcome.actions] } : result;
  }

  /**
   * A channel that reports the transfer's outcome itself (the test console, an outside queue) takes the call out of
   * Baton's own routing, so no agent is offered a call that is already settled.
   */
  settledByChannel(callId: string) {
    if (this.routing) this.calls.background(this.routing.leave(callId));
  }

  /** A call resumed after a restart while waiting in a queue joins it again in its old place (by when it was handed over). */
  rejoin(callId: string, call: LiveCall) {
    const handoff = call.session.handoff;
    if (call.session.status !== 'queued' || call.manualTransfers || !handoff?.queue || !handoff.packet || !this.routing?.hasQueue(handoff.queue)) return;
    const node = call.flow.compiled.nodes.get(call.session.nodeId);
    this.calls.background(this.routing.handOff(callId, handoff.queue, handoff.packet, { ...this.routeOf(node?.data, handoff.packet, call.repeatCaller), since: new Date(handoff.at) }));
  }

  /** Waiting callers get routing's latest figures; their flow says when they hear them. */
  sendWaitingUpdates() {
    const figures = this.routing!.waitingFigures();
    const at = this.clock().toISOString();
    for (const [callId, f] of figures) {
      this.calls.inBackground(callId, () => {
        const call = this.calls.current(callId);
        if (!call || call.session.status !== 'queued') return;
        const queues: LiveQueues = (queueId) => (queueId === call.session.handoff?.queue ? { ...f, ewtSeconds: f.ewtSeconds ?? undefined } : undefined);
        this.calls.step(callId, call, { type: 'queue_update', at, ...f }, queues);
      });
    }
  }

  /**
   * Live figures for the messages of this event, looked up only if a message needs them. A call whose transfers the
   * tester decides (the test console) is not routing's to predict: the flow's typical waits stand.
   */
  liveQueues(callId: string, at: string, call = this.calls.current(callId)): LiveQueues | undefined {
    const routing = this.routing;
    if (!routing || call?.manualTransfers) return undefined;
    return (queueId, call) => routing.figuresFor(queueId, callId, new Date(at), call);
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
      return this.calls.apply(callId, call, { type: 'transfer_outcome', at, outcome: decision.outcome, result: decision.outcome === 'no_agent' ? 'busy' : 'failed', reason: decision.message });
    }
    const routed = afresh ? { ...route, afresh } : route;
    if (briefed) void briefed.then((packet) => this.handOffBriefed(callId, action.queue, packet, routed)).catch(this.onError);
    else this.calls.background(this.routing!.handOff(callId, action.queue, action.packet, routed));
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
      this.calls.keep(callId, { ...call, session });
      this.store.calls.append(callId, { at: this.clock().toISOString(), state: { nodeId: session.nodeId, status: session.status }, handoff: session.handoff });
    }
    return briefed;
  }

  /** Joins the queue once the briefing is ready, unless the call left it meanwhile (the caller hung up). */
  private handOffBriefed(callId: string, queue: string, packet: HandoffPacket, route: ReturnType<CallHandoff['routeOf']>) {
    const s = this.calls.current(callId)?.session;
    if (s?.status !== 'queued' || s.handoff?.queue !== queue || s.handoff.packet !== packet) return;
    this.calls.background(this.routing!.handOff(callId, queue, packet, route));
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
    if (event.type === 'utterance') this.calls.background(this.routing!.notify({ type: 'caller_said', callId, agentId, text: event.text, at }));
    if (event.type === 'dtmf') this.calls.background(this.routing!.notify({ type: 'caller_said', callId, agentId, text: `(pressed ${event.digits.split('').join(' ')})`, at }));
    if (callerHungUp) this.calls.background(this.routing!.notify({ type: 'caller_hung_up', callId, agentId, at }));
  }
}
