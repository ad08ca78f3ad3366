import type { QueueSettings } from '@baton/shared';
import { isOpen, nextOpening } from './businessHours.ts';
import type { CallRouter } from './CallRouter.ts';
import { canTakeCall, effectivePriority, loadOf, skillsFor, type CallToRoute } from './routingState.ts';

/** What a queued caller may be told; feeds `queue.ewtSeconds`, `queue.position` and `queue.agentsAvailable`. */
export interface QueueWait {
  callId: string;
  /** Null when no agent with the skills is signed in: nobody can say how long. */
  ewtSeconds: number | null;
  /** 1 is next in line; counts the calls of this queue ahead, including those being offered. */
  position: number;
  /** Agents with the call's skills who could take a call right now. */
  agentsAvailable: number;
}

interface Staffing {
  /** Call slots of signed-in agents (available, busy or wrapping up) with the skills. */
  staffedSlots: number;
  freeSlots: number;
  agentsAvailable: number;
}

function staffing(router: CallRouter, skills: string[]): Staffing {
  const s: Staffing = { staffedSlots: 0, freeSlots: 0, agentsAvailable: 0 };
  for (const agent of router.agentsWithSkills(skills)) {
    if (agent.status === 'away' || agent.status === 'offline') continue;
    s.staffedSlots += agent.capacity;
    if (canTakeCall(agent)) {
      s.agentsAvailable++;
      s.freeSlots += agent.capacity - loadOf(agent);
    }
  }
  return s;
}

/**
 * The wait of the `waitingAhead + 1`-th caller without an offer: free slots take the first callers at once; after
 * that one slot frees up every (mean handle time / staffed slots) seconds.
 */
function waitFor(waitingPosition: number, s: Staffing, averageHandleSeconds: number): number | null {
  if (waitingPosition <= s.freeSlots) return 0;
  if (s.staffedSlots === 0) return null;
  return Math.round(((waitingPosition - s.freeSlots) * averageHandleSeconds) / s.staffedSlots);
}

/** Estimated wait, position and available agents for every call of the queue not yet connected, in queue order. */
export function queueWaits(router: CallRouter, queueId: string): QueueWait[] {
  const aht = router.handleTimes.averageSeconds(queueId);
  const bySkills = new Map<string, Staffing>();
  let waitingAhead = 0;
  return router.queuedCalls(queueId).map((call, i) => {
    let s = bySkills.get(call.skillKey);
    if (!s) bySkills.set(call.skillKey, (s = staffing(router, call.requiredSkills)));
    const offered = call.offerId !== undefined;
    const ewtSeconds = offered ? 0 : waitFor(++waitingAhead, s, aht);
    return { callId: call.callId, ewtSeconds, position: i + 1, agentsAvailable: s.agentsAvailable };
  });
}

export type TransferDecision =
  | { outcome: 'connected_possible'; ewtSeconds: number; position: number; agentsAvailable: number }
  | { outcome: 'no_agent'; reason: 'closed'; nextOpening: string | null; message: string }
  | { outcome: 'no_agent'; reason: 'no_staffed_agent'; message: string }
  | { outcome: 'no_agent'; reason: 'wait_too_long'; ewtSeconds: number; maxWaitSeconds: number; position: number; message: string }
  | { outcome: 'failed'; reason: 'unknown_queue'; message: string };

/**
 * Whether a transfer to the queue can reach an agent now, decided before the call is enqueued: which `transfer`
 * port the flow should take (`connected` once an agent accepts, `no_agent`, `failed`) and why.
 */
export function transferDecision(queueId: string, router: CallRouter, now: Date, call: Pick<CallToRoute, 'skills' | 'priority' | 'flags'> = {}): TransferDecision {
  const queue: QueueSettings | undefined = router.queue(queueId);
  if (!queue) return { outcome: 'failed', reason: 'unknown_queue', message: `There is no queue "${queueId}"; choose one in the transfer node.` };
  if (!isOpen(queue, now)) {
    const opening = nextOpening(queue, now);
    return {
      outcome: 'no_agent', reason: 'closed', nextOpening: opening?.toISOString() ?? null,
      message: opening ? `${queue.name} is closed until ${opening.toISOString()}.` : `${queue.name} has no opening hours.`,
    };
  }
  const { skills } = skillsFor(queue, call.skills);
  const s = staffing(router, skills);
  if (s.staffedSlots === 0) return { outcome: 'no_agent', reason: 'no_staffed_agent', message: `No agent with the skills ${skills.join(', ') || '(any)'} is signed in to ${queue.name}.` };
  // A new call waits behind every call of the queue with at least its priority.
  const priority = effectivePriority(queue, call);
  const ahead = router.queuedCalls(queueId).filter((c) => c.priority >= priority);
  const waitingAhead = ahead.filter((c) => c.offerId === undefined).length;
  const ewtSeconds = waitFor(waitingAhead + 1, s, router.handleTimes.averageSeconds(queueId)) ?? 0;
  const position = ahead.length + 1;
  if (ewtSeconds > queue.maxWaitSecondsBeforeCallback) {
    return {
      outcome: 'no_agent', reason: 'wait_too_long', ewtSeconds, maxWaitSeconds: queue.maxWaitSecondsBeforeCallback, position,
      message: `The estimated wait of ${ewtSeconds} s is over ${queue.name}'s maximum of ${queue.maxWaitSecondsBeforeCallback} s.`,
    };
  }
  return { outcome: 'connected_possible', ewtSeconds, position, agentsAvailable: s.agentsAvailable };
}
