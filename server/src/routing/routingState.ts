import type { AgentSettings, AgentStatus, AgentStatusReason, OfferSummary, QueueSettings } from '@baton/shared';

/** What a transfer hands to routing; the rest of the packet stays with the call and reaches the desk by `callId`. */
export interface CallToRoute {
  callId: string;
  queueId: string;
  /** Skills the transfer node asks for, on top of the queue's own. */
  skills?: string[];
  /** The transfer node's priority, 0..10. */
  priority?: number;
  /** Flags the queue's `priorityBoosts` add to the priority. */
  flags?: { sensitive?: boolean; repeatCaller?: boolean; safety?: boolean };
  /** Shown on the offer before the agent opens the briefing card. */
  summary?: OfferSummary;
}

export interface QueuedCall {
  callId: string;
  queueId: string;
  /** The queue's and the call's skills, sorted and without repeats. */
  requiredSkills: string[];
  skillKey: string;
  /** The call's priority plus the queue's boosts for its flags. */
  priority: number;
  enqueuedAt: number;
  summary?: OfferSummary;
  /** Agents who declined this call or let its offer expire: not offered it again until they next become available. */
  passedBy: Set<string>;
  offerId?: string;
  /** Arrival order, the last tie-breaker. */
  seq: number;
}

export interface AgentState {
  id: string;
  name: string;
  skills: Map<string, number>;
  capacity: number;
  status: AgentStatus;
  /** Why routing set the status (a missed offer), until the agent sets one themselves. */
  statusReason?: AgentStatusReason;
  /** When the agent last became free for calls; the longest idle is offered first. */
  idleSince: number;
  calls: Map<string, { queueId: string; connectedAt: number }>;
  offers: Set<string>;
  /** The call the agent is wrapping up, whose handle time is recorded when wrap-up ends. */
  wrapUp?: { queueId: string; connectedAt: number; since: number };
}

export interface Offer {
  offerId: string;
  callId: string;
  agentId: string;
  expiresAt: number;
}

export const loadOf = (agent: AgentState) => agent.calls.size + agent.offers.size;
export const canTakeCall = (agent: AgentState) => agent.status === 'available' && loadOf(agent) < agent.capacity;

export function newAgentState(settings: AgentSettings, now: number): AgentState {
  return {
    id: settings.id, name: settings.name, skills: new Map(settings.skills.map((s) => [s.skill, s.proficiency])),
    capacity: settings.capacity, status: 'offline', idleSince: now, calls: new Map(), offers: new Set(),
  };
}

/** The sorted, deduplicated skills a call needs from its queue and its transfer. */
export function skillsFor(queue: QueueSettings, extra: string[] = []) {
  const skills = [...new Set([...queue.requiredSkills, ...extra])].sort();
  return { skills, key: skills.join('\u0000') };
}

/** Queue order across all queues: higher priority first, then longest waiting, then arrival. */
export const callBefore = (a: QueuedCall, b: QueuedCall) =>
  a.priority !== b.priority ? a.priority > b.priority : a.enqueuedAt !== b.enqueuedAt ? a.enqueuedAt < b.enqueuedAt : a.seq < b.seq;

/** A caller who may be in danger goes ahead of every other call, whatever the queue's priorities and boosts. */
export const SAFETY_PRIORITY = 1000;

/** The call's priority plus the queue's boosts for the flags it carries (and a caller in danger before all). */
export const effectivePriority = (queue: QueueSettings, call: Pick<CallToRoute, 'priority' | 'flags'>) =>
  (call.flags?.safety ? SAFETY_PRIORITY : 0) +
  (call.priority ?? 0) + (call.flags?.sensitive ? (queue.priorityBoosts?.sensitive ?? 0) : 0) + (call.flags?.repeatCaller ? (queue.priorityBoosts?.repeatCaller ?? 0) : 0);
