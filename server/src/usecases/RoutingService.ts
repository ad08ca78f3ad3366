import { randomUUID } from 'node:crypto';
import type { AgentStatus, CallbackRequest, ConversationEvent, HandoffPacket, RoutingEvent } from '@baton/shared';
import { notFound } from '../errors.ts';
import { isOpen, nextOpening } from '../routing/businessHours.ts';
import { callbackWindow, callbackWindowText, createCallback, deskCallbacks } from '../routing/callbacks.ts';
import { CallRouter, type CallRouterOptions } from '../routing/CallRouter.ts';
import { queueWaits, transferDecision } from '../routing/estimatedWait.ts';
import { liveFigures } from '../routing/liveFigures.ts';
import type { CallToRoute } from '../routing/routingState.ts';
import type { Store } from '../store/types.ts';

type OfferMade = Extract<RoutingEvent, { type: 'offer_made' }>;
/** What subscribers (the desk's event stream, the call service) receive: routing events (offers with the full packet) and the conversation's. */
export type DeskEvent = Exclude<RoutingEvent, OfferMade> | (OfferMade & { packet: HandoffPacket }) | ConversationEvent;

/** A waiting call's figures, as the caller may hear them. */
export interface WaitingFigures {
  position: number;
  ewtSeconds: number | null;
  agentsAvailable: number;
  /** The estimated wait is over the queue's maximum before a call back is offered, or there is no estimate (nobody signed in). */
  overMaxWait: boolean;
}
export type DeskListener = (event: DeskEvent) => void;

export type WrapUpDisposition = 'resolved' | 'follow_up' | 'transferred';
export interface WrapUp {
  disposition: WrapUpDisposition;
  note: string;
  /** "I had to ask for something the AI already had": the measure of a seamless transfer. */
  hadToAskAgain: boolean;
}

export interface RoutingServiceOptions extends Pick<CallRouterOptions, 'offerTimeoutSeconds' | 'maxWrapUpSeconds'> {
  clock?: () => Date;
  /** How often offers expire and waiting calls are routed; 0 starts no timer (the caller drives `tick`). */
  tickMs?: number;
  onListenerError?: (error: unknown) => void;
}

/** A handed-over call routing knows of: its queue and the packet the agent is briefed with. */
interface HandedOver {
  queueId: string;
  packet: HandoffPacket;
}

/**
 * Connects handed-over calls to agents: one live `CallRouter` over the stored queues and agents, driven by a timer,
 * with its events fanned out to subscribers.
 *
 * Staffing changes: an agent created or changed is applied at once (`updateAgent` keeps their live status). A queue
 * created, changed or removed, or an agent removed, rebuilds the router from the store — deferred until no call is
 * queued, offered, connected or in wrap-up, so no live call is lost; agents keep the status they set meanwhile.
 */
export class RoutingService {
  private router: CallRouter;
  private readonly handedOver = new Map<string, HandedOver>();
  private readonly listeners = new Set<DeskListener>();
  private readonly tickListeners = new Set<() => void>();
  private readonly clock: () => Date;
  private readonly timer: NodeJS.Timeout | undefined;
  private routeScheduled = false;
  private rebuildPending = false;

  constructor(
    private readonly store: Store,
    private readonly options: RoutingServiceOptions = {},
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.router = this.build();
    const tickMs = options.tickMs ?? 1000;
    if (tickMs > 0) this.timer = setInterval(() => this.tick(), tickMs).unref();
  }

  /** Stops the timer; nothing is routed afterwards. */
  close() {
    clearInterval(this.timer);
    this.listeners.clear();
  }

  /** Every routing event from now on; returns the unsubscribe. */
  subscribe(listener: DeskListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A transfer came out of a call's flow: the call joins the queue and is offered as soon as an agent can take it. */
  /**
   * `route`: the transfer step's skills and priority, the flags the queue may boost, and `since`, when the call was
   * handed over if that was before now (a call resumed after a restart keeps its place).
   */
  handOff(callId: string, queueId: string, packet: HandoffPacket, route: Pick<CallToRoute, 'skills' | 'priority' | 'flags'> & { since?: Date } = {}) {
    // A call handed over again while it waits or talks to an agent (the caller presses 0 in the queue) keeps its place.
    const current = this.handedOver.get(callId);
    if (current) {
      current.packet = packet;
      return;
    }
    const summary = { callerName: packet.caller.name, reasonCategory: packet.reason.category, reasonText: packet.reason.explanation };
    const { since, ...toRoute } = route;
    this.publish(this.router.enqueue({ callId, queueId, ...toRoute, summary }, since ?? this.clock()));
    this.handedOver.set(callId, { queueId, packet });
    this.scheduleRoute();
  }

  /** Whether a transfer to the queue can reach an agent now, decided before the call joins it. */
  decide(queueId: string, call: Pick<CallToRoute, 'skills' | 'priority' | 'flags'>) {
    return transferDecision(queueId, this.router, this.clock(), call);
  }

  /**
   * The figures messages about a queue use at `now`: the call's own place when it waits there, else what a new call
   * would get; and when a call back would come. Undefined for a queue routing does not know.
   */
  figuresFor(queueId: string, callId: string, now: Date) {
    const queue = this.router.queue(queueId);
    if (!queue) return undefined;
    const mine = this.handedOver.get(callId)?.queueId === queueId ? queueWaits(this.router, queueId).find((w) => w.callId === callId) : undefined;
    const decision = mine ? undefined : transferDecision(queueId, this.router, now);
    const ewtSeconds = mine ? mine.ewtSeconds : decision && 'ewtSeconds' in decision ? decision.ewtSeconds : null;
    const position = mine?.position ?? (decision && 'position' in decision ? decision.position : undefined);
    const agentsAvailable = mine?.agentsAvailable ?? (decision?.outcome === 'connected_possible' ? decision.agentsAvailable : 0);
    const window = this.callbackWindowAt(queueId, ewtSeconds, now);
    return {
      ...(ewtSeconds !== null ? { ewtSeconds } : {}), ...(position !== undefined ? { position } : {}), agentsAvailable,
      ...(window ? { callbackWindow: callbackWindowText(window, queue.businessHours.timeZone, now) } : {}),
    };
  }

  /** Every waiting call's figures (one pass per queue), for the updates callers hear while they wait. */
  waitingFigures(): Map<string, WaitingFigures> {
    const figures = new Map<string, WaitingFigures>();
    const queueIds = new Set([...this.handedOver.values()].map((h) => h.queueId));
    for (const queueId of queueIds) {
      const max = this.router.queue(queueId)?.maxWaitSecondsBeforeCallback ?? Infinity;
      // No estimate means nobody with the call's skills is signed in (all away or signed out): no wait can be promised,
      // so the caller is offered a call back rather than told "less than a minute" until someone returns.
      for (const w of queueWaits(this.router, queueId)) figures.set(w.callId, { position: w.position, ewtSeconds: w.ewtSeconds, agentsAvailable: w.agentsAvailable, overMaxWait: w.ewtSeconds === null || w.ewtSeconds > max });
    }
    return figures;
  }

  /** Called after every tick (the call service sends waiting callers their updates then); returns the unsubscribe. */
  onTick(listener: () => void): () => void {
    this.tickListeners.add(listener);
    return () => this.tickListeners.delete(listener);
  }

  agentName = (agentId: string) => this.router.agent(agentId)?.name;

  /** Whether the agent has the call connected (may talk on it). */
  hasCall = (agentId: string, callId: string) => this.router.agent(agentId)?.calls.has(callId) ?? false;

  /** Tells the agent's desk what the caller or the agent said, or that the caller hung up. */
  notify(event: ConversationEvent) {
    this.emit(event);
  }

  /** Whether an event belongs on the agent's desk: their own, and callbacks in queues they can take. */
  concerns(event: DeskEvent, agentId: string): boolean {
    if ('agentId' in event) return event.agentId === agentId;
    if (event.type === 'callback_created' || event.type === 'callback_claimed') return this.queuesOf(agentId).includes(event.callback.queueId);
    return false;
  }

  /** A caller accepted a call back: the request is stored and appears on the desks of the queue's agents. */
  async createCallback(input: { callId: string; queueId: string; phone: string; packet?: HandoffPacket }, now: Date): Promise<CallbackRequest> {
    const queue = this.router.queue(input.queueId);
    if (!queue) throw notFound('queue', input.queueId);
    const { ewtSeconds } = this.figuresFor(input.queueId, input.callId, now)!;
    const p = input.packet;
    // A caller who may be in danger is called back first, so from now, not after the queue's wait.
    const urgent = p?.reason.signal === 'safety';
    const request = createCallback({
      id: randomUUID(), callId: input.callId, queueId: input.queueId, phone: input.phone, ewtSeconds: urgent ? 0 : (ewtSeconds ?? 0), urgent,
      nextOpening: isOpen(queue, now) ? undefined : nextOpening(queue, now),
      about: { callerName: p?.caller.name, reason: p?.reason.explanation, summary: p?.summary },
    }, now);
    const stored = await this.store.callbacks.add(request);
    this.emit({ type: 'callback_created', callback: stored });
    return stored;
  }

  async claimCallback(callbackId: string, agentId: string): Promise<CallbackRequest> {
    this.requireAgent(agentId);
    const claimed = await this.store.callbacks.claim(callbackId, agentId, this.clock());
    this.emit({ type: 'callback_claimed', callback: claimed });
    return claimed;
  }

  /** Whether the queue exists in routing (a transfer to an unknown queue is not enqueued). */
  hasQueue = (queueId: string) => this.router.queue(queueId) !== undefined;

  /** The caller hung up while waiting: the call leaves its queue. */
  leave(callId: string) {
    this.handedOver.delete(callId);
    this.publish(this.router.leave(callId, this.clock()));
  }

  setStatus(agentId: string, status: AgentStatus) {
    this.publish(this.router.setAgentStatus(agentId, status, this.clock()));
    this.scheduleRoute();
    return this.agentState(agentId);
  }

  accept(offerId: string) {
    const events = this.router.accept(offerId, this.clock());
    this.publish(events);
    const connected = events.find((e) => e.type === 'call_connected')!;
    return { status: 'connected' as const, callId: connected.callId, agentId: connected.agentId, packet: this.handedOver.get(connected.callId)?.packet };
  }

  decline(offerId: string) {
    this.publish(this.router.decline(offerId, this.clock()));
    this.scheduleRoute();
    return { status: 'declined' as const };
  }

  /**
   * The agent is done with a call: it is finished in routing, the wrap-up is stored in the call's log, and the agent,
   * with no call left, is available again (submitting the wrap-up ends wrap-up time).
   */
  wrapUp(agentId: string, callId: string, wrapUp: WrapUp) {
    const now = this.clock();
    const events = this.router.finish(agentId, now, callId);
    if (this.router.agent(agentId)!.status === 'wrap_up') events.push(...this.router.setAgentStatus(agentId, 'available', now));
    this.store.calls.append(callId, { wrapUp: { agentId, ...wrapUp, at: now.toISOString() } });
    this.handedOver.delete(callId);
    this.publish(events);
    this.scheduleRoute();
    return { callId, agentId, ...wrapUp };
  }

  /** What a desk needs to restore itself after reconnecting. */
  agentState(agentId: string) {
    const agent = this.router.agent(agentId);
    if (!agent) throw notFound('agent', agentId);
    const offers = [...agent.offers].map((offerId) => {
      const offer = this.router.offer(offerId)!;
      const call = this.handedOver.get(offer.callId);
      return { offerId, callId: offer.callId, queueId: call?.queueId, expiresAt: new Date(offer.expiresAt).toISOString(), packet: call?.packet };
    });
    const calls = [...agent.calls].map(([callId, c]) => ({ callId, queueId: c.queueId, connectedAt: new Date(c.connectedAt).toISOString(), packet: this.handedOver.get(callId)?.packet }));
    const callbacks = deskCallbacks(this.store.callbacks.list(), this.queuesOf(agentId), agentId, this.clock());
    return { agentId, name: agent.name, status: agent.status, ...(agent.statusReason ? { statusReason: agent.statusReason } : {}), capacity: agent.capacity, offers, calls, callbacks };
  }

  /** Every queue's and agent's live figures, for the supervisor's view; queues in the order they are stored. */
  live() {
    return liveFigures(this.router, this.clock(), this.store.queues.list().map((q) => q.id));
  }

  /** Throws 404 for an unknown agent. */
  requireAgent(agentId: string) {
    if (!this.router.agent(agentId)) throw notFound('agent', agentId);
  }

  /** Expires offers, ends overlong wrap-ups, applies a pending rebuild when idle, and routes. */
  tick() {
    if (this.rebuildPending && this.idle()) this.rebuild();
    this.publish(this.router.tick(this.clock()));
    for (const listener of this.tickListeners) listener();
  }

  /** Queues or agents were saved or removed in the settings. */
  staffingChanged(change: { kind: 'agent_saved'; agentId: string } | { kind: 'queue_changed' | 'agent_removed' }) {
    if (change.kind === 'agent_saved') {
      const settings = this.store.agents.get(change.agentId);
      if (settings) this.router.updateAgent(settings, this.clock());
      this.scheduleRoute();
      return;
    }
    this.rebuildPending = true;
    if (this.idle()) this.rebuild();
  }

  private build(): CallRouter {
    const { offerTimeoutSeconds, maxWrapUpSeconds } = this.options;
    return new CallRouter(this.store.queues.list(), this.store.agents.list(), this.clock(), {
      offerTimeoutSeconds, maxWrapUpSeconds, handleTimes: this.router?.handleTimes,
    });
  }

  private idle(): boolean {
    return this.router.waitingCount === 0 && this.router.allAgents().every((a) => a.calls.size === 0 && a.offers.size === 0 && a.status !== 'wrap_up' && a.status !== 'busy');
  }

  private rebuild() {
    const old = this.router;
    this.router = this.build();
    this.rebuildPending = false;
    const now = this.clock();
    for (const agent of old.allAgents()) {
      if (agent.status !== 'offline' && this.router.agent(agent.id)) this.router.setAgentStatus(agent.id, agent.status, now);
    }
  }

  /** Routes once after the current batch of changes (a handoff, a status change), not on every one of them. */
  private scheduleRoute() {
    if (this.routeScheduled) return;
    this.routeScheduled = true;
    setImmediate(() => {
      this.routeScheduled = false;
      this.publish(this.router.route(this.clock()));
    });
  }

  private publish(events: RoutingEvent[]) {
    for (const event of events) {
      if (event.type === 'call_left_queue') this.handedOver.delete(event.callId);
      // Every queued call came in through handOff, which keeps its packet.
      this.emit(event.type === 'offer_made' ? { ...event, packet: this.handedOver.get(event.callId)!.packet } : event);
    }
  }

  private emit(event: DeskEvent) {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        // One failing subscriber must not keep the event from the others, nor stop the routing timer.
        (this.options.onListenerError ?? console.error)(error);
      }
    }
  }

  /** The queues whose every required skill the agent has. */
  private queuesOf(agentId: string): string[] {
    const agent = this.router.agent(agentId);
    if (!agent) return [];
    return this.store.queues.list().filter((q) => q.requiredSkills.every((s) => agent.skills.has(s))).map((q) => q.id);
  }

  private callbackWindowAt(queueId: string, ewtSeconds: number | null, now: Date) {
    const queue = this.router.queue(queueId)!;
    return callbackWindow({ ewtSeconds, nextOpening: isOpen(queue, now) ? undefined : nextOpening(queue, now) }, now);
  }
}
