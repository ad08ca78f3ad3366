import type { AgentLiveStatus, HandoffPacket, HandedOverCall, LiveFigures, QueueLiveFigures, QueueSettings } from '@baton/shared';
import { isOpen } from './businessHours.ts';
import type { CallRouter } from './CallRouter.ts';
import { transferDecision } from './estimatedWait.ts';
import { canTakeCall, type AgentState } from './routingState.ts';

const iso = (ms: number) => new Date(ms).toISOString();
const signedIn = (agent: Readonly<AgentState>) => agent.status !== 'away' && agent.status !== 'offline';

function queueFigures(router: CallRouter, queue: QueueSettings, now: Date): QueueLiveFigures {
  const calls = router.queuedCalls(queue.id);
  const firstArrival = Math.min(...calls.map((c) => c.enqueuedAt));
  const agents = router.agentsWithSkills(queue.requiredSkills).filter(signedIn);
  // A new caller's wait by the same model the transfer node decides with; a closed queue takes no one, so no wait.
  const decision = transferDecision(queue.id, router, now);
  return {
    queueId: queue.id,
    name: queue.name,
    open: isOpen(queue, now),
    waiting: calls.length,
    longestWaitSeconds: calls.length === 0 ? 0 : Math.max(0, Math.round((now.getTime() - firstArrival) / 1000)),
    agentsAvailable: agents.filter(canTakeCall).length,
    agentsSignedIn: agents.length,
    estimatedWaitSeconds: 'ewtSeconds' in decision ? decision.ewtSeconds : null,
    serviceLevel: queue.serviceLevel,
    today: (({ answered, answeredWithinGoal, abandoned }) => ({ answered, answeredWithinGoal, abandoned }))(router.queueToday(queue.id, now)),
  };
}

/**
 * When the agent entered their status, where routing's state tells it exactly: wrap-up starts when the last call
 * ends, busy when the call that filled the agent's capacity connected, available-and-idle when they last became
 * free. Away and signed out leave no trace in routing, so they have none.
 */
function since(agent: Readonly<AgentState>): string | undefined {
  if (agent.status === 'wrap_up' && agent.wrapUp) return iso(agent.wrapUp.since);
  if (agent.status === 'busy' && agent.calls.size > 0) return iso(Math.max(...[...agent.calls.values()].map((c) => c.connectedAt)));
  if (agent.status === 'available' && agent.calls.size === 0) return iso(agent.idleSince);
  return undefined;
}

function agentStatus(agent: Readonly<AgentState>): AgentLiveStatus {
  const at = since(agent);
  return { agentId: agent.id, name: agent.name, status: agent.status, calls: agent.calls.size, ...(at ? { since: at } : {}) };
}

/** The calls handed to people: waiting in a queue (longest first), then with an agent (longest first). */
function liveCalls(router: CallRouter, queues: QueueSettings[], briefing: (callId: string) => HandoffPacket | undefined): HandedOverCall[] {
  const name = (queueId: string) => router.queue(queueId)?.name ?? queueId;
  const waiting = queues.flatMap((q) => router.queuedCalls(q.id)).sort((a, b) => a.enqueuedAt - b.enqueuedAt).map((c): HandedOverCall => ({
    callId: c.callId, queueId: c.queueId, queueName: name(c.queueId), status: 'waiting', since: iso(c.enqueuedAt),
    reasonCategory: c.summary?.reasonCategory ?? briefing(c.callId)?.reason.category ?? '',
    ...(c.summary?.callerName ? { callerName: c.summary.callerName } : {}),
  }));
  const withAgents = router.allAgents().flatMap((agent) => [...agent.calls].map(([callId, c]) => ({ agent, callId, c }))).sort((x, y) => x.c.connectedAt - y.c.connectedAt).map(({ agent, callId, c }): HandedOverCall => {
    const packet = briefing(callId);
    return {
      callId, queueId: c.queueId, queueName: name(c.queueId), status: 'with_agent', since: iso(c.connectedAt), agentName: agent.name, reasonCategory: packet?.reason.category ?? '',
      ...(packet?.caller.name ? { callerName: packet.caller.name } : {}),
    };
  });
  return [...waiting, ...withAgents];
}

/**
 * Every queue's and agent's figures at `now`, and the calls with people, for the supervisor's view. `queueIds` says
 * which queues and in what order (the stored ones); ids routing does not know (yet) are left out. `briefing`: a handed-
 * over call's briefing (for its caller and reason).
 */
export function liveFigures(router: CallRouter, now: Date, queueIds: Iterable<string>, briefing: (callId: string) => HandoffPacket | undefined = () => undefined): LiveFigures {
  const queues = [...queueIds].map((id) => router.queue(id)).filter((q): q is QueueSettings => q !== undefined);
  return {
    at: now.toISOString(),
    queues: queues.map((q) => queueFigures(router, q, now)),
    agents: router.allAgents().map(agentStatus),
    calls: liveCalls(router, queues, briefing),
  };
}

/**
 * The live figures of someone who works on some flows only: the queues those flows hand calls to, the agents who can
 * take calls there, and the calls of those flows in them (a call whose briefing this instance does not hold is shown
 * by its queue).
 */
export function theirLiveFigures(figures: LiveFigures, router: CallRouter, theirQueues: ReadonlySet<string>, theirFlows: ReadonlySet<string>, briefing: (callId: string) => HandoffPacket | undefined): LiveFigures {
  const queues = figures.queues.filter((q) => theirQueues.has(q.queueId));
  const agents = new Set(queues.flatMap((q) => router.agentsWithSkills(router.queue(q.queueId)?.requiredSkills ?? []).map((a) => a.id)));
  return {
    at: figures.at,
    queues,
    agents: figures.agents.filter((a) => agents.has(a.agentId)),
    calls: figures.calls.filter((c) => {
      const flow = briefing(c.callId)?.flow.id;
      return theirQueues.has(c.queueId) && (flow === undefined || theirFlows.has(flow));
    }),
  };
}
