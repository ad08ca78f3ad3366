import { DEFAULT_OFFER_TIMEOUT_SECONDS, type AgentSettings, type AgentStatus, type QueueSettings, type RoutingEvent } from '@baton/shared';
import { AppError } from '../errors.ts';
import { AgentHeap, type HeapEntry } from './AgentHeap.ts';
import { HandleTimes } from './HandleTimes.ts';
import { QueueDays, type QueueDay } from './QueueDays.ts';
import {
  callBefore, canTakeCall, effectivePriority, loadOf, newAgentState, skillsFor, type AgentState, type CallToRoute, type Offer, type QueuedCall,
} from './routingState.ts';

export interface CallRouterOptions {
  /**
   * An offer not accepted within this many seconds expires and the call goes to the next agent: for every queue when
   * set (tests shorten it), else each queue's own (its settings; 20 s when it has none).
   */
  offerTimeoutSeconds?: number;
  /** Wrap-up ends on its own after this many seconds if the agent has not set a status. */
  maxWrapUpSeconds?: number;
  handleTimes?: HandleTimes;
}

type Candidate = { agent: AgentState; score: number };

type Json<T> = T extends Map<infer K, infer V> ? Array<[K, V]> : T extends Set<infer V> ? V[] : T;
/** CallRouter's state as JSON. */
export interface RouterSnapshot {
  queues: QueueSettings[];
  agents: Array<{ [K in keyof AgentState]: Json<AgentState[K]> }>;
  calls: Array<{ [K in keyof QueuedCall]: Json<QueuedCall[K]> }>;
  offers: Offer[];
  seq: number;
  handleTimes: Array<[string, number[]]>;
  /** Today's answered and abandoned calls by queue (older snapshots have none). */
  today?: Array<[string, QueueDay]>;
}

/** Agent order for one call: proficiency score, then fewest calls in hand, then longest idle, then id. */
const agentBefore = (a: HeapEntry<Candidate>, b: HeapEntry<Candidate>) => {
  const [x, y] = [a.agent, b.agent];
  if (x.score !== y.score) return x.score > y.score;
  if (a.load !== b.load) return a.load < b.load;
  if (x.agent.idleSince !== y.agent.idleSince) return x.agent.idleSince < y.agent.idleSince;
  return x.agent.id < y.agent.id;
};
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The live routing state: queued calls, agents and offers. Deterministic — every method takes `now` and returns
 * the events it caused; no timers inside (the caller drives time with `tick`). Mutations do not route by
 * themselves: call `route(now)` (or `tick(now)`, which routes) after them, so a batch of changes is routed in one
 * pass in queue order rather than in the order the methods happened to be called.
 *
 * Who gets a call — the order, precisely:
 * 1. Calls, across all queues: higher priority (transfer priority + queue boosts) first, then longest waiting,
 *    then arrival. Across queues rather than queue by queue, so a busy queue cannot starve another.
 * 2. Agents eligible for a call: status `available`, load (connected calls + pending offers) under capacity,
 *    every required skill, and not one who already passed on this call.
 * 3. Among them: highest proficiency first (the agent's lowest proficiency over the call's required skills — a
 *    team is as strong as its weakest required skill), then fewest calls in hand, then longest idle, then id.
 *
 * Offer timeout: the agent who lets an offer expire goes to `away` (the usual "not ready on no answer": an agent
 * who is not at the desk should not hold up the next caller too), with the reason `missed_offer`; the call goes back
 * to its place in the queue and is offered to the next agent. An agent who declines stays `available` but is skipped
 * for that call. Either way, once the agent becomes available again (from away, signed out or wrap-up) they may be
 * offered the call again: a waiting call is never left with nobody who may take it.
 */
export class CallRouter {
  readonly handleTimes: HandleTimes;
  private readonly queues = new Map<string, QueueSettings>();
  private readonly agents = new Map<string, AgentState>();
  private readonly calls = new Map<string, QueuedCall>();
  private readonly offers = new Map<string, Offer>();
  /** Calls without a pending offer, in queue order. */
  private waiting: QueuedCall[] = [];
  /** Agents with every skill of a skill set, best proficiency first; rebuilt when an agent's settings change. */
  private candidates = new Map<string, Candidate[]>();
  private seq = 0;
  private today = new QueueDays();
  private readonly offerTimeoutMs: number | undefined;
  private readonly maxWrapUpMs: number;

  constructor(queues: QueueSettings[], agents: AgentSettings[], now: Date, options: CallRouterOptions = {}) {
    for (const q of queues) this.queues.set(q.id, q);
    for (const a of agents) this.agents.set(a.id, newAgentState(a, now.getTime()));
    this.offerTimeoutMs = options.offerTimeoutSeconds === undefined ? undefined : options.offerTimeoutSeconds * 1000;
    this.maxWrapUpMs = (options.maxWrapUpSeconds ?? 120) * 1000;
    this.handleTimes = options.handleTimes ?? new HandleTimes();
  }

  queue = (queueId: string): QueueSettings | undefined => this.queues.get(queueId);
  agent = (agentId: string): Readonly<AgentState> | undefined => this.agents.get(agentId);
  allAgents = (): ReadonlyArray<Readonly<AgentState>> => [...this.agents.values()];
  offer = (offerId: string): Readonly<Offer> | undefined => this.offers.get(offerId);
  /** Calls not yet connected (waiting or offered) of one queue, in queue order. */
  queuedCalls(queueId: string): ReadonlyArray<Readonly<QueuedCall>> {
    return [...this.calls.values()].filter((c) => c.queueId === queueId).sort((a, b) => (callBefore(a, b) ? -1 : 1));
  }
  /** How many calls wait without an offer: each is one routing decision in the next `route`. */
  get waitingCount() {
    return this.waiting.length;
  }

  /** Agents with every one of the skills, best proficiency first. */
  agentsWithSkills(skills: string[]): ReadonlyArray<Readonly<AgentState>> {
    return this.candidatesFor([...new Set(skills)].sort().join('\u0000'), skills).map((c) => c.agent);
  }

  /** Replaces an agent's settings (skills, capacity) and keeps their live status. */
  updateAgent(settings: AgentSettings, now: Date) {
    const old = this.agents.get(settings.id);
    const next = newAgentState(settings, now.getTime());
    if (old) Object.assign(old, { name: next.name, skills: next.skills, capacity: next.capacity });
    else this.agents.set(settings.id, next);
    this.candidates.clear();
  }

  enqueue(input: CallToRoute, now: Date): RoutingEvent[] {
    const queue = this.queues.get(input.queueId);
    if (!queue) throw new AppError(404, 'queue_not_found', `No queue with id "${input.queueId}".`);
    if (this.calls.has(input.callId)) throw new AppError(409, 'call_already_queued', `Call "${input.callId}" is already in a queue.`);
    const priority = effectivePriority(queue, input);
    const { skills, key } = skillsFor(queue, input.skills);
    const call: QueuedCall = {
      callId: input.callId, queueId: queue.id, requiredSkills: skills, skillKey: key, priority,
      enqueuedAt: now.getTime(), summary: input.summary, passedBy: new Set(), seq: this.seq++,
    };
    this.calls.set(call.callId, call);
    this.toWaiting(call);
    return [];
  }

  /** Whether the call waits in a queue (rather than being with an agent, or unknown). */
  isQueued(callId: string): boolean {
    return this.calls.has(callId);
  }

  /** The caller hung up or took a callback: the call leaves the queue and any offer of it is withdrawn. */
  leave(callId: string, now: Date, abandoned = false): RoutingEvent[] {
    const call = this.calls.get(callId);
    if (!call) return [];
    if (abandoned) this.today.abandoned(this.queues.get(call.queueId), call.queueId, now.getTime());
    const events = call.offerId ? this.endOffer(call.offerId, 'offer_withdrawn', now.getTime(), false) : [];
    this.calls.delete(callId);
    this.waiting = this.waiting.filter((c) => c !== call);
    return [...events, { type: 'call_left_queue', callId, queueId: call.queueId, at: iso(now.getTime()) }];
  }

  /** `busy` means the connected calls fill the agent's capacity; pending offers count toward load, not toward busy. */
  /** The desk sets `available`, `away` or `offline`; `busy` (connected calls fill the capacity; offers do not count) and `wrap_up` follow from calls. */
  setAgentStatus(agentId: string, status: AgentStatus, now: Date): RoutingEvent[] {
    const agent = this.mustAgent(agentId);
    if (status === 'busy' || status === 'wrap_up') throw new AppError(422, 'status_not_settable', `"${status}" follows from the agent's calls; choose available, away or offline.`);
    const at = now.getTime();
    const events: RoutingEvent[] = [];
    if (agent.wrapUp) this.endWrapUp(agent, at);
    if (status !== 'available') for (const offerId of [...agent.offers]) events.push(...this.endOffer(offerId, 'offer_withdrawn', at, false));
    const next: AgentStatus = status === 'available' && agent.calls.size >= agent.capacity ? 'busy' : status;
    agent.statusReason = undefined;
    if (next === agent.status) return events;
    if (next === 'available' && agent.calls.size === 0) agent.idleSince = at;
    // Back from away, signed out or wrap-up: the agent is ready again, so calls they let pass may be offered to them.
    if (next === 'available' && agent.status !== 'busy') for (const call of this.calls.values()) call.passedBy.delete(agentId);
    agent.status = next;
    return [...events, { type: 'agent_status_changed', agentId, status: next, at: iso(at) }];
  }

  accept(offerId: string, now: Date): RoutingEvent[] {
    const offer = this.offers.get(offerId);
    if (!offer) throw new AppError(404, 'offer_not_found', 'This offer is no longer open: it was taken back or has expired.');
    const at = now.getTime();
    if (at >= offer.expiresAt) throw new AppError(409, 'offer_expired', 'This offer has expired; the call went to the next agent.');
    const agent = this.mustAgent(offer.agentId);
    const call = this.calls.get(offer.callId)!;
    this.offers.delete(offerId);
    agent.offers.delete(offerId);
    this.calls.delete(call.callId);
    agent.calls.set(call.callId, { queueId: call.queueId, connectedAt: at });
    this.today.answered(this.queues.get(call.queueId), call.queueId, at - call.enqueuedAt, at);
    const events: RoutingEvent[] = [{
      type: 'call_connected', offerId, callId: call.callId, queueId: call.queueId, agentId: agent.id, at: iso(at),
      waitedSeconds: Math.round((at - call.enqueuedAt) / 1000),
    }];
    if (agent.calls.size >= agent.capacity && agent.status === 'available') {
      agent.status = 'busy';
      events.push({ type: 'agent_status_changed', agentId: agent.id, status: 'busy', at: iso(at) });
    }
    return events;
  }

  decline(offerId: string, now: Date): RoutingEvent[] {
    if (!this.offers.has(offerId)) throw new AppError(404, 'offer_not_found', 'This offer is no longer open: it was taken back or has expired.');
    return this.endOffer(offerId, 'offer_declined', now.getTime(), true);
  }

  /** The agent ended a connected call (the only one when `callId` is left out); with no call left, wrap-up starts. */
  finish(agentId: string, now: Date, callId?: string): RoutingEvent[] {
    const agent = this.mustAgent(agentId);
    const id = callId ?? (agent.calls.size === 1 ? [...agent.calls.keys()][0] : undefined);
    const connected = id === undefined ? undefined : agent.calls.get(id);
    if (id === undefined || !connected) throw new AppError(404, 'call_not_found', `Agent "${agentId}" has no such call; say which call ended.`);
    const at = now.getTime();
    agent.calls.delete(id);
    const events: RoutingEvent[] = [{ type: 'call_finished', callId: id, agentId, at: iso(at), handleSeconds: Math.round((at - connected.connectedAt) / 1000) }];
    if (agent.calls.size === 0) {
      if (agent.wrapUp) this.endWrapUp(agent, at);
      agent.wrapUp = { ...connected, since: at };
      if (agent.status === 'available' || agent.status === 'busy') {
        agent.status = 'wrap_up';
        events.push({ type: 'agent_status_changed', agentId, status: 'wrap_up', at: iso(at) });
      }
    } else {
      this.handleTimes.record(connected.queueId, (at - connected.connectedAt) / 1000);
      if (agent.status === 'busy' && agent.calls.size < agent.capacity) {
        agent.status = 'available';
        events.push({ type: 'agent_status_changed', agentId, status: 'available', at: iso(at) });
      }
    }
    return events;
  }

  /** Expires offers past their time, ends overlong wrap-ups, then routes. */
  tick(now: Date): RoutingEvent[] {
    const at = now.getTime();
    const events: RoutingEvent[] = [];
    for (const offer of [...this.offers.values()]) {
      if (offer.expiresAt > at) continue;
      events.push(...this.endOffer(offer.offerId, 'offer_expired', at, true));
      const agent = this.mustAgent(offer.agentId);
      for (const other of [...agent.offers]) events.push(...this.endOffer(other, 'offer_withdrawn', at, false));
      if (agent.status === 'available' || agent.status === 'busy') {
        agent.status = 'away';
        agent.statusReason = 'missed_offer';
        events.push({ type: 'agent_status_changed', agentId: agent.id, status: 'away', at: iso(at), reason: 'missed_offer' });
      }
    }
    for (const agent of this.agents.values()) {
      if (agent.status !== 'wrap_up' || !agent.wrapUp || at - agent.wrapUp.since < this.maxWrapUpMs) continue;
      events.push(...this.setAgentStatus(agent.id, 'available', now));
    }
    return [...events, ...this.route(now)];
  }

  /** Offers every waiting call it can, in the order described on the class. One decision per waiting call. */
  route(now: Date): RoutingEvent[] {
    const at = now.getTime();
    const events: RoutingEvent[] = [];
    const heaps = new Map<string, AgentHeap<Candidate>>();
    for (const call of this.waiting) {
      let heap = heaps.get(call.skillKey);
      if (!heap) heaps.set(call.skillKey, (heap = this.heapFor(call)));
      const best = this.takeBest(heap, call.passedBy);
      if (best) events.push(this.makeOffer(call, best, at, heap));
    }
    if (events.length > 0) this.waiting = this.waiting.filter((c) => !c.offerId);
    return events;
  }

  /**
   * The whole live state as JSON, for an instance that joins later (several instances replay the same commands on
   * their own router: a snapshot plus the commands after it gives the same state).
   */
  snapshot(): RouterSnapshot {
    return {
      queues: [...this.queues.values()],
      agents: [...this.agents.values()].map((a) => ({ ...a, skills: [...a.skills], calls: [...a.calls], offers: [...a.offers] })),
      calls: [...this.calls.values()].map((c) => ({ ...c, passedBy: [...c.passedBy] })),
      offers: [...this.offers.values()],
      seq: this.seq,
      handleTimes: this.handleTimes.snapshot(),
      today: this.today.snapshot(),
    };
  }

  /** A queue's figures for its current day at `now` (zeros once its day has turned). */
  queueToday(queueId: string, now: Date): QueueDay {
    return this.today.today(this.queues.get(queueId), queueId, now.getTime());
  }

  /** A router in the state a snapshot recorded. */
  static fromSnapshot(snapshot: RouterSnapshot, now: Date, options: CallRouterOptions = {}): CallRouter {
    const router = new CallRouter(snapshot.queues, [], now, { ...options, handleTimes: HandleTimes.fromSnapshot(snapshot.handleTimes) });
    for (const a of snapshot.agents) router.agents.set(a.id, { ...a, skills: new Map(a.skills), calls: new Map(a.calls), offers: new Set(a.offers) });
    for (const c of snapshot.calls) router.calls.set(c.callId, { ...c, passedBy: new Set(c.passedBy) });
    for (const o of snapshot.offers) router.offers.set(o.offerId, { ...o });
    router.seq = snapshot.seq;
    router.today = QueueDays.fromSnapshot(snapshot.today);
    const waiting = [...router.calls.values()].filter((c) => c.offerId === undefined);
    for (const call of waiting) router.toWaiting(call);
    return router;
  }

  /** Takes back every open offer (after a restart: nobody missed them); the calls wait in their places again. */
  withdrawOffers(now: Date): RoutingEvent[] {
    return [...this.offers.keys()].flatMap((offerId) => this.endOffer(offerId, 'offer_withdrawn', now.getTime(), false));
  }

  /** Calls routing holds, queued or connected (to tell them from the calls still in progress after a restart). */
  heldCalls(): Array<{ callId: string; agentId?: string }> {
    const connected = [...this.agents.values()].flatMap((a) => [...a.calls.keys()].map((callId) => ({ callId, agentId: a.id })));
    return [...[...this.calls.keys()].map((callId) => ({ callId })), ...connected];
  }

  private heapFor(call: QueuedCall) {
    const heap = new AgentHeap<Candidate>(agentBefore);
    for (const c of this.candidatesFor(call.skillKey, call.requiredSkills)) if (canTakeCall(c.agent)) heap.push({ agent: c, load: loadOf(c.agent) });
    return heap;
  }

  /** The best eligible agent in the heap; stale entries (load changed since pushed) are re-pushed or dropped. */
  private takeBest(heap: AgentHeap<Candidate>, passedBy: Set<string>): Candidate | undefined {
    const skipped: Array<HeapEntry<Candidate>> = [];
    let found: Candidate | undefined;
    for (let entry = heap.pop(); entry; entry = heap.pop()) {
      const agent = entry.agent.agent;
      if (!canTakeCall(agent)) continue;
      if (entry.load !== loadOf(agent)) heap.push({ agent: entry.agent, load: loadOf(agent) });
      else if (passedBy.has(agent.id)) skipped.push(entry);
      else {
        found = entry.agent;
        break;
      }
    }
    for (const entry of skipped) heap.push(entry);
    return found;
  }

  private makeOffer(call: QueuedCall, candidate: Candidate, at: number, heap: AgentHeap<Candidate>): RoutingEvent {
    const agent = candidate.agent;
    const timeoutMs = this.offerTimeoutMs ?? (this.queues.get(call.queueId)?.offerTimeoutSeconds ?? DEFAULT_OFFER_TIMEOUT_SECONDS) * 1000;
    const offer: Offer = { offerId: `${call.callId}:${agent.id}:${at}`, callId: call.callId, agentId: agent.id, expiresAt: at + timeoutMs };
    this.offers.set(offer.offerId, offer);
    agent.offers.add(offer.offerId);
    call.offerId = offer.offerId;
    if (canTakeCall(agent)) heap.push({ agent: candidate, load: loadOf(agent) });
    return { type: 'offer_made', offerId: offer.offerId, callId: call.callId, queueId: call.queueId, agentId: agent.id, at: iso(at), expiresAt: iso(offer.expiresAt), priority: call.priority, summary: call.summary };
  }

  /** Ends an offer that was not accepted; the call goes back to its place in the queue. */
  private endOffer(offerId: string, type: 'offer_declined' | 'offer_expired' | 'offer_withdrawn', at: number, passed: boolean): RoutingEvent[] {
    const offer = this.offers.get(offerId);
    if (!offer) return [];
    this.offers.delete(offerId);
    this.agents.get(offer.agentId)?.offers.delete(offerId);
    const call = this.calls.get(offer.callId);
    if (call) {
      call.offerId = undefined;
      if (passed) call.passedBy.add(offer.agentId);
      this.toWaiting(call);
    }
    return [{ type, offerId, callId: offer.callId, agentId: offer.agentId, at: iso(at) }];
  }

  private endWrapUp(agent: AgentState, at: number) {
    const w = agent.wrapUp!;
    this.handleTimes.record(w.queueId, (at - w.connectedAt) / 1000);
    agent.wrapUp = undefined;
  }

  private toWaiting(call: QueuedCall) {
    let [lo, hi] = [0, this.waiting.length];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (callBefore(this.waiting[mid], call)) lo = mid + 1;
      else hi = mid;
    }
    this.waiting.splice(lo, 0, call);
  }

  private candidatesFor(key: string, skills: string[]): Candidate[] {
    let list = this.candidates.get(key);
    if (!list) {
      list = [];
      for (const agent of this.agents.values()) {
        if (!skills.every((s) => agent.skills.has(s))) continue;
        list.push({ agent, score: skills.length === 0 ? 0 : Math.min(...skills.map((s) => agent.skills.get(s)!)) });
      }
      list.sort((a, b) => b.score - a.score || (a.agent.id < b.agent.id ? -1 : 1));
      this.candidates.set(key, list);
    }
    return list;
  }

  private mustAgent(agentId: string) {
    const agent = this.agents.get(agentId);
    if (!agent) throw new AppError(404, 'agent_not_found', `No agent with id "${agentId}".`);
    return agent;
  }
}
