import { DEFAULT_REASON_TEXTS, toRuleContext } from '@baton/shared';
import type { CallSession } from './CallSession.ts';
import type { RuntimeFlow } from './RuntimeFlow.ts';
import { topicsOf } from './understandTurn.ts';

export interface QueueFigures {
  id: string;
  name: string;
  ewtSeconds: number;
  position: number;
  agentsAvailable: number;
  /** When a call back would come, in words; from routing (it knows the queue's hours and time zone). */
  callbackWindow: string;
}

/**
 * Live queue figures a channel can attach to an event (from routing), looked up only when a message or rule needs
 * them; without them the flow's typical wait for the queue stands in.
 */
export type LiveQueues = (queueId: string) => Partial<Omit<QueueFigures, 'id' | 'name'>> | undefined;

/** The agent a call is with, for {{agent.firstName}} when the channel did not say who. */
export const UNNAMED_AGENT = { id: '', name: 'one of our team' };


export function queueFigures(flow: RuntimeFlow, queueId: string | undefined, live: LiveQueues | undefined): QueueFigures | null {
  if (!queueId) return null;
  const config = flow.compiled.flow.settings.queues.find((q) => q.id === queueId);
  const now = live?.(queueId);
  return {
    id: queueId,
    name: config?.name ?? queueId,
    ewtSeconds: now?.ewtSeconds ?? config?.typicalWaitSeconds ?? 0,
    position: now?.position ?? 1,
    agentsAvailable: now?.agentsAvailable ?? 0,
    callbackWindow: now?.callbackWindow ?? 'as soon as someone is free',
  };
}

const nearestQueues = new WeakMap<RuntimeFlow, Map<string, string | undefined>>();

/**
 * The queue a rule's `queue.*` figures describe: that of the nearest transfer the flow can reach from the node (the
 * transfer a trigger or decision leads to), else the flow's first queue.
 */
export function nearestQueue(flow: RuntimeFlow, nodeId: string): string | undefined {
  let cache = nearestQueues.get(flow);
  if (!cache) nearestQueues.set(flow, (cache = new Map()));
  if (cache.has(nodeId)) return cache.get(nodeId);
  let found: string | undefined;
  const seen = new Set([nodeId]);
  for (let frontier = [nodeId]; frontier.length > 0 && !found; ) {
    const next: string[] = [];
    for (const id of frontier) {
      const node = flow.compiled.nodes.get(id);
      if (node?.kind === 'transfer') {
        found = node.data.queue as string;
        break;
      }
      for (const target of flow.compiled.next.get(id)?.values() ?? []) {
        if (seen.has(target)) continue;
        seen.add(target);
        next.push(target);
      }
    }
    frontier = next;
  }
  found ??= flow.compiled.flow.settings.queues[0]?.id;
  cache.set(nodeId, found);
  return found;
}

/** The wait in words a caller hears naturally. */
export function waitText(seconds: number): string {
  if (seconds < 60) return 'less than a minute';
  const minutes = Math.round(seconds / 60);
  return minutes === 1 ? 'about 1 minute' : `about ${minutes} minutes`;
}

/** The variables messages can use ({{caller.name}}, {{queue.ewtMinutes}}, …). */
export function messageValues(flow: RuntimeFlow, session: CallSession, queue: QueueFigures | null): Record<string, unknown> {
  const category = session.handoff?.reason.category;
  return {
    caller: { ...session.caller.attributes, name: session.caller.name, phone: session.caller.phone, id: session.caller.id },
    slots: session.slots,
    handoff: category
      ? { category, reasonText: flow.compiled.flow.settings.reasonTexts[category] ?? DEFAULT_REASON_TEXTS[category], explanation: session.handoff!.reason.explanation }
      : {},
    queue: queue ? { ...queue, ewtMinutes: Math.max(1, Math.round(queue.ewtSeconds / 60)), waitText: waitText(queue.ewtSeconds) } : {},
    intent: session.lastIntent?.name ?? '',
    flow: { name: flow.compiled.flow.name },
    agent: agentValues(session.agent),
  };
}

function agentValues(agent: { name: string } | null) {
  const name = agent?.name || UNNAMED_AGENT.name;
  return { name, firstName: agent?.name ? name.split(/\s+/)[0] : name };
}

/** The typed variables rules read (see the rule environment in shared/). */
export function ruleValues(session: CallSession, queue: QueueFigures | null, at: string): Record<string, unknown> {
  const s = session.lastSignals;
  const recent = session.sentimentTrend.slice(-3);
  const time = new Date(at);
  return toRuleContext({
    sentiment: s?.sentiment.value ?? 0,
    averageSentiment: recent.length ? recent.reduce((a, b) => a + b, 0) / recent.length : 0,
    repeats: s?.repetition.repeats ?? 0,
    noMatchStreak: session.noMatchStreak,
    loudnessDeltaDb: s?.loudness.deltaDb ?? 0,
    asrConfidence: s?.asrConfidence ?? 1,
    turns: session.turnCount,
    text: session.transcript.findLast((t) => t.from === 'caller')?.text.toLowerCase() ?? '',
    intent: session.lastIntent?.name ?? '',
    intentConfidence: session.lastIntent?.confidence ?? 0,
    explicitRequest: s?.explicitRequest.requested ?? false,
    topics: s ? topicsOf(s) : [],
    slots: session.slots,
    caller: { ...session.caller.attributes, name: session.caller.name ?? '', phone: session.caller.phone ?? '' },
    queue: queue ? { ewtSeconds: queue.ewtSeconds, agentsAvailable: queue.agentsAvailable, position: queue.position } : { ewtSeconds: 0, agentsAvailable: 0, position: 0 },
    hour: time.getUTCHours(),
    dayOfWeek: time.getUTCDay(),
  });
}
