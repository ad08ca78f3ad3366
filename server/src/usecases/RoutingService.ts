import { randomUUID } from 'node:crypto';
import type { AgentSettings, AgentStatus, CallbackRequest, ConversationEvent, HandoffPacket, QueueSettings, RoutingEvent, HandoffFeedback } from '@baton/shared';
import { notFound } from '../errors.ts';
import { isOpen, nextOpening } from '../routing/businessHours.ts';
import { callbackWindow, callbackWindowText, createCallback, deskCallbacks, openingText } from '../routing/callbacks.ts';
import type { TransferExpectation } from '../engine/values.ts';
import { CallRouter, type CallRouterOptions, type RouterSnapshot } from '../routing/CallRouter.ts';
import { queueWaits, transferDecision } from '../routing/estimatedWait.ts';
import { liveFigures, theirLiveFigures } from '../routing/liveFigures.ts';
import type { CallToRoute } from '../routing/routingState.ts';
import type { RoutingLog, Store } from '../store/types.ts';

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
/** `mine`: the event came of something this instance did (with several instances, every one sees every event). */
export type DeskListener = (event: DeskEvent, mine: boolean) => void;

export type WrapUpDisposition = 'resolved' | 'follow_up' | 'transferred';
export interface WrapUp {
  disposition: WrapUpDisposition;
  note: string;
  /** "I had to ask for something the AI already had": the measure of a seamless transfer. */
  hadToAskAgain: boolean;
  /** Whether the call needed a person, could have stayed with the assistant, or should have come sooner. */
  handoffFeedback?: HandoffFeedback;
}

export interface RoutingServiceOptions extends Pick<CallRouterOptions, 'offerTimeoutSeconds' | 'maxWrapUpSeconds'> {
  clock?: () => Date;
  /** How often offers expire and waiting calls are routed; 0 starts no timer (the caller drives `tick`). */
  tickMs?: number;
  onListenerError?: (error: unknown) => void;
  /**
   * Several instances (Redis): every change to routing is a command in this shared log, which every instance applies
   * in the same order to its own router — so each makes the same offers, and each desk's events come from whichever
   * instance it is connected to. Without it, changes apply at once.
   */
  log?: RoutingLog;
  /** With a shared log: the leader saves a snapshot after this many commands (default 500); tests lower it. */
  snapshotEveryCommands?: number;
}

type Route = Pick<CallToRoute, 'skills' | 'priority' | 'flags'>;
type StaffingChange = { kind: 'agent_saved'; agentId: string } | { kind: 'queue_changed' | 'agent_removed' };
/** A change to routing, as the shared log carries it (with several instances) or as applied at once. */
type Command =
  | { op: 'enqueue'; callId: string; queueId: string; packet: HandoffPacket; route: Route; since?: number; afresh?: boolean }
  | { op: 'leave'; callId: string; abandoned?: boolean }
  | { op: 'status'; agentId: string; status: AgentStatus }
  | { op: 'accept'; offerId: string }
  | { op: 'decline'; offerId: string }
  | { op: 'finish'; agentId: string; callId: string }
  | { op: 'tick' }
  | { op: 'staffing'; change: StaffingChange; queues: QueueSettings[]; agents: AgentSettings[] }
  | { op: 'emit'; event: DeskEvent };
type Logged = Command & { at: number; origin: string; n: number };

/** What a joining instance starts from: the router and the packets of the calls it knows. */
interface RoutingSnapshot {
  router: RouterSnapshot;
  handedOver: Array<[string, HandedOver]>;
  lastAt: number;
  pendingStaffing?: { queues: QueueSettings[]; agents: AgentSettings[] };
}

/** The leader saves a snapshot after this many commands (unless set), or on a tick this long after the last one. */
const SNAPSHOT_EVERY_COMMANDS = 500;
const SNAPSHOT_EVERY_MS = 10_000;

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
  private readonly tickListeners = new Set<(mine: boolean) => void>();
  private readonly leadListeners = new Set<() => void>();
  /** Shared mode: this instance led at its clock's last tick. */
  private led = false;
  private readonly clock: () => Date;
  private readonly timer: NodeJS.Timeout | undefined;
  private routeScheduled = false;
  private rebuildPending = false;
  /** Shared mode: the staffing a deferred rebuild uses (each instance's own store may differ; the command's does not). */
  private pendingStaffing?: { queues: QueueSettings[]; agents: AgentSettings[] };
  private readonly log?: RoutingLog;
  /** Shared mode: this instance's commands not yet applied, by number, and what they wait for. */
  private readonly waiting = new Map<number, { resolve(value: unknown): void; reject(error: unknown): void }>();
  private sent = 0;
  /** Shared mode: the time of the last command applied (commands from several clocks never step back). */
  private lastAt = 0;
  private sinceSnapshot = 0;
  private snapshotAt = Date.now();
  /** Resolves once this instance has caught up with the shared log (at once without one). */
  readonly ready: Promise<void>;
  /** On one machine: the state as last written to the data directory (written again only when it changed). */
  private savedText: string | undefined;
  /** Something changed since the state was last written (a quiet tick changes nothing worth a write). */
  private stateChanged = false;
  private saving: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly options: RoutingServiceOptions = {},
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.log = options.log;
    this.router = this.build(this.store.queues.list(), this.store.agents.list(), this.clock());
    if (!this.log) this.restoreSaved();
    const tickMs = options.tickMs ?? 1000;
    // With a shared log, only the leader's clock ticks (a tick is a command like any other).
    if (tickMs > 0) {
      this.timer = setInterval(() => {
        const leads = this.leads;
        if (leads && !this.led && this.log) void this.quietly(this.ready.then(() => this.leadListeners.forEach((listener) => listener())));
        this.led = leads;
        if (leads) void this.quietly(this.tick());
      }, tickMs).unref();
    }
    this.ready = this.log
      ? this.log.open(
          (state) => this.restore(state as RoutingSnapshot),
          (id, command) => this.applyLogged(id, command as Logged),
        )
      : Promise.resolve();
  }

  /** Whether this instance leads (always, on its own): it ticks, and it carries out what an event asks if its sender died. */
  get leads(): boolean {
    return !this.log || this.log.isLeader();
  }

  /** Stops the timer; nothing is routed afterwards. On one machine, resolves once the state is written for the next start. */
  close(): Promise<void> {
    clearInterval(this.timer);
    this.listeners.clear();
    this.saveState();
    return this.saving;
  }

  /**
   * On one machine: routing as the data directory kept it — agents' statuses, queued and connected calls — so a restart
   * does not sign everyone out or take callers from their agents. Open offers are taken back (nobody missed them;
   * they are made again). Calls that are no longer in progress are let go by the call service (`keepOnly`).
   */
  private restoreSaved() {
    const saved = this.store.routingState?.read() as RoutingSnapshot | undefined;
    if (!saved?.router) return;
    try {
      this.restore(saved);
    } catch (error) {
      (this.options.onListenerError ?? console.error)(new Error(`The saved routing state could not be read (${(error as Error).message}); routing starts empty.`));
      this.router = this.build(this.store.queues.list(), this.store.agents.list(), this.clock());
      this.handedOver.clear();
      return;
    }
    this.router.withdrawOffers(this.clock());
    this.stateChanged = true;
  }

  /** After a restart: the calls routing kept that are no longer in progress leave it (queued) or are finished (with an agent). */
  keepOnly(inProgress: ReadonlySet<string>) {
    const now = this.clock();
    this.stateChanged = true;
    for (const held of this.router.heldCalls()) {
      if (inProgress.has(held.callId)) continue;
      this.handedOver.delete(held.callId);
      this.router.leave(held.callId, now);
      if (held.agentId) this.router.finish(held.agentId, now, held.callId);
    }
    this.changed(now, true);
  }

  /** On one machine: writes the state for the next start when it changed (on the clock's tick and on close). */
  private saveState() {
    const store = this.store.routingState;
    if (!store || this.log || !this.stateChanged) return;
    this.stateChanged = false;
    const text = JSON.stringify({ ...this.snapshot(), lastAt: this.clock().getTime() });
    if (text === this.savedText) return;
    this.savedText = text;
    this.saving = store.write(JSON.parse(text)).catch((error: unknown) => (this.options.onListenerError ?? console.error)(error));
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
  handOff(callId: string, queueId: string, packet: HandoffPacket, route: Route & { since?: Date; afresh?: boolean } = {}) {
    const { since, afresh, ...toRoute } = route;
    return this.run({ op: 'enqueue', callId, queueId, packet, route: toRoute, ...(since ? { since: since.getTime() } : {}), ...(afresh ? { afresh } : {}) });
  }

  /** Whether a transfer to the queue can reach an agent now, decided before the call joins it. */
  decide(queueId: string, call: Route) {
    return transferDecision(queueId, this.router, this.clock(), call);
  }

  /**
   * The figures messages about a queue use at `now`: the call's own place when it waits there, else what a transfer of
   * it (`call`: the transfer step's skills and priority) would get — whether someone can take it, its wait, when the
   * queue opens if closed; and when a call back would come. Undefined for a queue routing does not know.
   */
  figuresFor(queueId: string, callId: string, now: Date, call: Route = {}) {
    const queue = this.router.queue(queueId);
    if (!queue) return undefined;
    const mine = this.handedOver.get(callId)?.queueId === queueId ? queueWaits(this.router, queueId).find((w) => w.callId === callId) : undefined;
    const decision = mine ? undefined : transferDecision(queueId, this.router, now, call);
    const ewtSeconds = mine ? mine.ewtSeconds : decision && 'ewtSeconds' in decision ? decision.ewtSeconds : null;
    const position = mine?.position ?? (decision && 'position' in decision ? decision.position : undefined);
    const agentsAvailable = mine?.agentsAvailable ?? (decision?.outcome === 'connected_possible' ? decision.agentsAvailable : 0);
    const window = this.callbackWindowAt(queueId, ewtSeconds, now);
    const outcome: TransferExpectation = !decision || decision.outcome === 'connected_possible' ? 'connect' : decision.reason === 'closed' ? 'closed' : 'busy';
    const opening = decision?.outcome === 'no_agent' && decision.reason === 'closed' && decision.nextOpening ? new Date(decision.nextOpening) : undefined;
    return {
      ...(ewtSeconds !== null ? { ewtSeconds } : {}), ...(position !== undefined ? { position } : {}), agentsAvailable, outcome,
      ...(window ? { callbackWindow: callbackWindowText(window, queue.businessHours.timeZone, now) } : {}),
      ...(opening ? { opensText: openingText(opening, queue.businessHours.timeZone, now) } : {}),
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

  /**
   * Called after every tick (the call service sends waiting callers their updates then); `mine`: this instance's
   * clock ticked (with several instances, the leader's), so what a tick does once is done here. Returns the unsubscribe.
   */
  onTick(listener: (mine: boolean) => void): () => void {
    this.tickListeners.add(listener);
    return () => this.tickListeners.delete(listener);
  }

  /**
   * Shared mode: this instance has become the leader (at its start, or after the last one died). What the last leader
   * was to carry out for an instance that died with it may not have been done; the listener looks it over.
   */
  onLead(listener: () => void): () => void {
    this.leadListeners.add(listener);
    return () => this.leadListeners.delete(listener);
  }

  /** The calls agents have connected now. */
  connectedCalls(): Array<{ callId: string; agentId: string }> {
    return this.router.heldCalls().filter((held): held is { callId: string; agentId: string } => held.agentId !== undefined);
  }

  agentName = (agentId: string) => this.router.agent(agentId)?.name;

  /** Whether the agent has the call connected (may talk on it). */
  hasCall = (agentId: string, callId: string) => this.router.agent(agentId)?.calls.has(callId) ?? false;

  /** Tells the agent's desk what the caller or the agent said, or that the caller hung up. */
  notify(event: ConversationEvent) {
    return this.run({ op: 'emit', event });
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
    await this.run({ op: 'emit', event: { type: 'callback_created', callback: stored } });
    return stored;
  }

  async claimCallback(callbackId: string, agentId: string): Promise<CallbackRequest> {
    this.requireAgent(agentId);
    const claimed = await this.store.callbacks.claim(callbackId, agentId, this.clock());
    await this.run({ op: 'emit', event: { type: 'callback_claimed', callback: claimed } });
    return claimed;
  }

  /** Whether the queue exists in routing (a transfer to an unknown queue is not enqueued). */
  hasQueue = (queueId: string) => this.router.queue(queueId) !== undefined;

  /** The caller hung up while waiting: the call leaves its queue. */
  /** The call leaves its queue without an agent; `abandoned`: its caller hung up while waiting. */
  leave(callId: string, abandoned = false) {
    return this.run({ op: 'leave', callId, ...(abandoned ? { abandoned } : {}) });
  }

  setStatus(agentId: string, status: AgentStatus) {
    return this.run<ReturnType<RoutingService['agentState']>>({ op: 'status', agentId, status });
  }

  /** The agent an offer was made to, while it stands. */
  offerAgent(offerId: string): string | undefined {
    return this.router.offer(offerId)?.agentId;
  }

  accept(offerId: string) {
    return this.run<{ status: 'connected'; callId: string; agentId: string; packet?: HandoffPacket }>({ op: 'accept', offerId });
  }

  decline(offerId: string) {
    return this.run<{ status: 'declined' }>({ op: 'decline', offerId });
  }

  /**
   * The agent is done with a call: it is finished in routing, the wrap-up is stored in the call's log, and the agent,
   * with no call left, is available again (submitting the wrap-up ends wrap-up time).
   */
  wrapUp(agentId: string, callId: string, wrapUp: WrapUp) {
    const done = { callId, agentId, ...wrapUp };
    const finished = this.run({ op: 'finish', agentId, callId });
    const record = () => {
      this.store.calls.append(callId, { wrapUp: { agentId, ...wrapUp, at: this.clock().toISOString() } });
      return done;
    };
    return finished instanceof Promise ? finished.then(record) : record();
  }

  /** What a desk needs to restore itself after reconnecting. */
  agentState(agentId: string) {
    const agent = this.router.agent(agentId);
    if (!agent) throw notFound('agent', agentId);
    const offers = [...agent.offers].map((offerId) => {
      const offer = this.router.offer(offerId)!;
      const call = this.handedOver.get(offer.callId);
      return { offerId, callId: offer.callId, queueId: call?.queueId, queueName: this.queueName(call?.queueId), expiresAt: new Date(offer.expiresAt).toISOString(), packet: call?.packet };
    });
    const calls = [...agent.calls].map(([callId, c]) => ({ callId, queueId: c.queueId, queueName: this.queueName(c.queueId), connectedAt: new Date(c.connectedAt).toISOString(), packet: this.handedOver.get(callId)?.packet }));
    const callbacks = deskCallbacks(this.store.callbacks.list(), this.queuesOf(agentId), agentId, this.clock());
    return { agentId, name: agent.name, status: agent.status, ...(agent.statusReason ? { statusReason: agent.statusReason } : {}), capacity: agent.capacity, offers, calls, callbacks };
  }

  /** A queue's name as people know it (its id when routing does not know it). */
  private queueName(queueId: string | undefined): string | undefined {
    return queueId === undefined ? undefined : (this.router.queue(queueId)?.name ?? queueId);
  }

  /**
   * Every queue's and agent's live figures, for the supervisor's view; queues in the order they are stored. With
   * `only`, those queues, the agents who take calls there, and those flows' calls in them.
   */
  live(only?: { queueIds: ReadonlySet<string>; flowIds: ReadonlySet<string> }) {
    const briefing = (callId: string) => this.handedOver.get(callId)?.packet;
    const figures = liveFigures(this.router, this.clock(), this.store.queues.list().map((q) => q.id), briefing);
    return only ? theirLiveFigures(figures, this.router, only.queueIds, only.flowIds, briefing) : figures;
  }

  /** Throws 404 for an unknown agent. */
  requireAgent(agentId: string) {
    if (!this.router.agent(agentId)) throw notFound('agent', agentId);
  }

  /** Expires offers, ends overlong wrap-ups, applies a pending rebuild when idle, and routes. */
  tick() {
    return this.run({ op: 'tick' });
  }

  /** Queues or agents were saved or removed in the settings. */
  staffingChanged(change: StaffingChange) {
    return this.run({ op: 'staffing', change, queues: this.store.queues.list(), agents: this.store.agents.list() });
  }

  /**
   * Carries out a change: at once (its result, or its error thrown), or, with a shared log, once it comes round in the
   * log here (a promise of its result); every instance applies it there.
   */
  private run<T = void>(command: Command): T | Promise<T> {
    if (!this.log) return this.apply(command, this.clock(), true) as T;
    const n = ++this.sent;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(n, { resolve: resolve as (value: unknown) => void, reject });
      this.log!.append({ ...command, at: this.clock().getTime(), origin: this.log!.instanceId, n }).catch((error: unknown) => {
        this.waiting.delete(n);
        reject(error);
      });
    });
  }

  /** A command from the shared log, in its order: applied at its own time, its result to the instance that sent it. */
  private applyLogged(id: string, logged: Logged) {
    const { at, origin, n, ...command } = logged;
    this.lastAt = Math.max(this.lastAt, at);
    const mine = origin === this.log!.instanceId;
    const waiter = mine ? this.waiting.get(n) : undefined;
    if (waiter) this.waiting.delete(n);
    try {
      const result = this.apply(command as Command, new Date(this.lastAt), mine);
      waiter?.resolve(result);
    } catch (error) {
      // Every instance meets the same error (an offer already taken): only the one that sent the command reports it.
      if (waiter) waiter.reject(error);
    }
    this.sinceSnapshot++;
    if (this.log!.isLeader() && (this.sinceSnapshot >= (this.options.snapshotEveryCommands ?? SNAPSHOT_EVERY_COMMANDS) || (command.op === 'tick' && Date.now() - this.snapshotAt >= SNAPSHOT_EVERY_MS))) {
      this.sinceSnapshot = 0;
      this.snapshotAt = Date.now();
      void this.quietly(this.log!.saveSnapshot(id, this.snapshot()));
    }
  }

  private snapshot(): RoutingSnapshot {
    return { router: this.router.snapshot(), handedOver: [...this.handedOver], lastAt: this.lastAt, ...(this.pendingStaffing ? { pendingStaffing: this.pendingStaffing } : {}) };
  }

  private restore(state: RoutingSnapshot) {
    const { offerTimeoutSeconds, maxWrapUpSeconds } = this.options;
    this.router = CallRouter.fromSnapshot(state.router, new Date(state.lastAt), { offerTimeoutSeconds, maxWrapUpSeconds });
    this.handedOver.clear();
    for (const [callId, h] of state.handedOver) this.handedOver.set(callId, h);
    this.lastAt = state.lastAt;
    this.pendingStaffing = state.pendingStaffing;
    this.rebuildPending = state.pendingStaffing !== undefined;
  }

  /** One change to routing at `now`; `mine`: this instance asked for it. Deterministic: every instance gets the same. */
  private apply(command: Command, now: Date, mine: boolean): unknown {
    if (command.op !== 'tick' && command.op !== 'emit') this.stateChanged = true;
    switch (command.op) {
      case 'enqueue': {
        // A call handed over again while it waits or talks to an agent (the caller presses 0 in the queue) keeps its place;
        // one its agent sends on to another queue joins that one (the agent keeps it until their wrap-up), and so does one
        // handed over afresh after its agent gave it back to the assistant, whatever the queue.
        const current = this.handedOver.get(command.callId);
        if (current && !command.afresh && (current.queueId === command.queueId || this.router.isQueued(command.callId))) {
          current.packet = command.packet;
          return;
        }
        const { packet } = command;
        const summary = { callerName: packet.caller.name, reasonCategory: packet.reason.category, reasonText: packet.reason.explanation };
        this.publish(this.router.enqueue({ callId: command.callId, queueId: command.queueId, ...command.route, summary }, command.since !== undefined ? new Date(command.since) : now), mine);
        this.handedOver.set(command.callId, { queueId: command.queueId, packet });
        this.changed(now, mine);
        return;
      }
      case 'leave':
        this.handedOver.delete(command.callId);
        this.publish(this.router.leave(command.callId, now, command.abandoned), mine);
        return;
      case 'status':
        this.publish(this.router.setAgentStatus(command.agentId, command.status, now), mine);
        this.changed(now, mine);
        return this.agentState(command.agentId);
      case 'accept': {
        const events = this.router.accept(command.offerId, now);
        this.publish(events, mine);
        const connected = events.find((e) => e.type === 'call_connected')!;
        return { status: 'connected' as const, callId: connected.callId, agentId: connected.agentId, packet: this.handedOver.get(connected.callId)?.packet };
      }
      case 'decline':
        this.publish(this.router.decline(command.offerId, now), mine);
        this.changed(now, mine);
        return { status: 'declined' as const };
      case 'finish': {
        const events = this.router.finish(command.agentId, now, command.callId);
        if (this.router.agent(command.agentId)!.status === 'wrap_up') events.push(...this.router.setAgentStatus(command.agentId, 'available', now));
        // A call this agent sent on to another queue is that queue's (or its next agent's) now: its briefing stays.
        if (!this.router.isQueued(command.callId) && !this.router.allAgents().some((a) => a.calls.has(command.callId))) this.handedOver.delete(command.callId);
        this.publish(events, mine);
        this.changed(now, mine);
        return;
      }
      case 'tick':
        if (this.rebuildPending && this.idle()) this.rebuild(now);
        const ticked = this.router.tick(now);
        if (ticked.length > 0) this.stateChanged = true;
        this.publish(ticked, mine);
        for (const listener of this.tickListeners) listener(mine);
        this.saveState();
        return;
      case 'staffing':
        this.staffingNow(command, now, mine);
        return;
      case 'emit':
        this.emit(command.event, mine);
        return;
    }
  }

  private staffingNow(command: Extract<Command, { op: 'staffing' }>, now: Date, mine: boolean) {
    const change = command.change;
    if (change.kind === 'agent_saved') {
      const settings = command.agents.find((a) => a.id === change.agentId);
      if (settings) this.router.updateAgent(settings, now);
      this.changed(now, mine);
      return;
    }
    this.rebuildPending = true;
    this.pendingStaffing = { queues: command.queues, agents: command.agents };
    if (this.idle()) this.rebuild(now);
  }

  private build(queues: QueueSettings[], agents: AgentSettings[], now: Date): CallRouter {
    const { offerTimeoutSeconds, maxWrapUpSeconds } = this.options;
    return new CallRouter(queues, agents, now, { offerTimeoutSeconds, maxWrapUpSeconds, handleTimes: this.router?.handleTimes });
  }

  private idle(): boolean {
    return this.router.waitingCount === 0 && this.router.allAgents().every((a) => a.calls.size === 0 && a.offers.size === 0 && a.status !== 'wrap_up' && a.status !== 'busy');
  }

  private rebuild(now: Date) {
    const old = this.router;
    this.stateChanged = true;
    const staffing = this.pendingStaffing ?? { queues: this.store.queues.list(), agents: this.store.agents.list() };
    this.router = this.build(staffing.queues, staffing.agents, now);
    this.rebuildPending = false;
    this.pendingStaffing = undefined;
    for (const agent of old.allAgents()) {
      if (agent.status !== 'offline' && this.router.agent(agent.id)) this.router.setAgentStatus(agent.id, agent.status, now);
    }
  }

  /**
   * Routes after a change. On its own, once after the current batch of changes (a handoff, a status change), not on
   * every one of them; with a shared log, at once, so every instance routes at the same point of the log.
   */
  private changed(now: Date, mine: boolean) {
    if (this.log) {
      this.publish(this.router.route(now), mine);
      return;
    }
    if (this.routeScheduled) return;
    this.routeScheduled = true;
    setImmediate(() => {
      this.routeScheduled = false;
      this.publish(this.router.route(this.clock()), true);
    });
  }

  private publish(events: RoutingEvent[], mine: boolean) {
    for (const event of events) {
      if (event.type === 'call_left_queue') this.handedOver.delete(event.callId);
      // Every queued call came in through handOff, which keeps its packet.
      this.emit(event.type === 'offer_made' ? { ...event, packet: this.handedOver.get(event.callId)!.packet } : event, mine);
    }
  }

  private emit(event: DeskEvent, mine: boolean) {
    for (const listener of this.listeners) {
      try {
        listener(event, mine);
      } catch (error) {
        // One failing subscriber must not keep the event from the others, nor stop the routing timer.
        (this.options.onListenerError ?? console.error)(error);
      }
    }
  }

  /** A change nobody waits on (the clock's tick): a failure is reported, not thrown. */
  private async quietly(done: unknown) {
    try {
      await done;
    } catch (error) {
      (this.options.onListenerError ?? console.error)(error);
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
