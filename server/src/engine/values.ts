import { DEFAULT_REASON_TEXTS, type RuleVariable } from '@baton/shared';
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
  /** Routing has no estimate (nobody with the call's skills is signed in): the caller must not be told a wait. */
  waitUnknown?: boolean;
  /**
   * What routing expects for a transfer to the queue now, before the caller is told anything: someone can take it
   * (`connect`, with the wait), nobody can now (`busy`: nobody with the skills signed in, or the wait is past the
   * queue's maximum), or the queue is `closed`. Without routing (a conversation test), `connect`.
   */
  outcome: TransferExpectation;
  /** When a closed queue opens again, in words ("tomorrow at 8:00 am"); empty when open or it never opens. */
  opensText: string;
}

export type TransferExpectation = 'connect' | 'busy' | 'closed';

/** The call a transfer would route, so routing judges it as it will route it (its skills and priority). */
export interface CallToTransfer {
  skills: string[];
  priority: number;
}

/**
 * Live queue figures a channel can attach to an event (from routing), looked up only when a message or rule needs
 * them; without them the flow's typical wait for the queue stands in.
 */
export type LiveQueues = (queueId: string, call?: CallToTransfer) => Partial<Omit<QueueFigures, 'id' | 'name' | 'waitUnknown'>> | undefined;

/** The agent a call is with, for {{agent.firstName}} when the channel did not say who. */
export const UNNAMED_AGENT = { id: '', name: 'one of our team' };


/**
 * The queue's figures for a message or rule: routing's, live, when the event carries them; else (a conversation test,
 * a simulation) the flow's typical wait. Routing without an estimate means no wait is known: the flow's typical wait
 * does not stand in for one then.
 */
export function queueFigures(flow: RuntimeFlow, queueId: string | undefined, live: LiveQueues | undefined, call?: CallToTransfer): QueueFigures | null {
  if (!queueId) return null;
  const config = flow.compiled.flow.settings.queues.find((q) => q.id === queueId);
  const now = live?.(queueId, call);
  return {
    id: queueId,
    name: config?.name ?? queueId,
    ewtSeconds: now ? (now.ewtSeconds ?? 0) : (config?.typicalWaitSeconds ?? 0),
    ...(now && now.ewtSeconds === undefined ? { waitUnknown: true } : {}),
    position: now?.position ?? 1,
    agentsAvailable: now?.agentsAvailable ?? 0,
    callbackWindow: now?.callbackWindow ?? 'as soon as someone is free',
    outcome: now?.outcome ?? 'connect',
    opensText: now?.opensText ?? '',
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

/** The wait in words a caller hears naturally; without an estimate, no number at all rather than an untrue one. */
export function waitText(seconds: number, unknown = false): string {
  if (unknown) return 'hard to say right now';
  if (seconds < 60) return 'less than a minute';
  const minutes = Math.round(seconds / 60);
  return minutes === 1 ? 'about 1 minute' : `about ${minutes} minutes`;
}

const NOTHING = Object.freeze({});

/**
 * The variables messages can use ({{caller.name}}, {{queue.ewtMinutes}}, …); only the groups named in `uses` (the
 * message's own) are worked out, the others are left empty.
 */
export function messageValues(flow: RuntimeFlow, session: CallSession, queue: QueueFigures | null, uses: ReadonlySet<string> = ALL_GROUPS): Record<string, unknown> {
  const category = session.handoff?.reason.category;
  return {
    caller: uses.has('caller') ? { ...session.caller.attributes, name: session.caller.name, phone: session.caller.phone, id: session.caller.id } : NOTHING,
    slots: session.slots,
    handoff:
      category && uses.has('handoff')
        ? { category, reasonText: flow.compiled.flow.settings.reasonTexts[category] ?? DEFAULT_REASON_TEXTS[category], explanation: session.handoff!.reason.explanation }
        : NOTHING,
    queue: queue && uses.has('queue') ? { ...queue, ewtMinutes: Math.max(1, Math.round(queue.ewtSeconds / 60)), waitText: waitText(queue.ewtSeconds, queue.waitUnknown) } : NOTHING,
    intent: session.lastIntent?.name ?? '',
    flow: { name: flow.compiled.flow.name },
    agent: uses.has('agent') ? { ...agentValues(session.agent), note: session.handoff?.handedBack?.note ?? '' } : NOTHING,
  };
}

const ALL_GROUPS: ReadonlySet<string> = new Set(['caller', 'handoff', 'queue', 'agent']);

function agentValues(agent: { name: string } | null) {
  const name = agent?.name || UNNAMED_AGENT.name;
  return { name, firstName: agent?.name ? name.split(/\s+/)[0] : name };
}

const int = (n: number) => BigInt(Math.trunc(n));

/**
 * The typed variables rules read (see the rule environment in shared/), each worked out only when a rule reads it: a
 * rule reads one or two of them, and the CEL evaluator looks them up by name. Whole numbers are BigInt, as CEL's int.
 */
class RuleContext implements Record<RuleVariable, unknown> {
  readonly #session: CallSession;
  readonly #queue: () => QueueFigures | null;
  readonly #at: string;

  constructor(session: CallSession, queue: () => QueueFigures | null, at: string) {
    this.#session = session;
    this.#queue = queue;
    this.#at = at;
  }

  get sentiment() {
    return this.#session.lastSignals?.sentiment.value ?? 0;
  }
  get averageSentiment() {
    const trend = this.#session.sentimentTrend;
    const n = Math.min(3, trend.length);
    let sum = 0;
    for (let i = trend.length - n; i < trend.length; i++) sum += trend.at(i)!;
    return n ? sum / n : 0;
  }
  get repeats() {
    return int(this.#session.lastSignals?.repetition.repeats ?? 0);
  }
  get noMatchStreak() {
    return int(this.#session.noMatchStreak);
  }
  get loudnessDeltaDb() {
    return this.#session.lastSignals?.loudness.deltaDb ?? 0;
  }
  get asrConfidence() {
    return this.#session.lastSignals?.asrConfidence ?? 1;
  }
  get turns() {
    return int(this.#session.turnCount);
  }
  get text() {
    return lastCallerText(this.#session);
  }
  get intent() {
    return this.#session.lastIntent?.name ?? '';
  }
  get intentConfidence() {
    return this.#session.lastIntent?.confidence ?? 0;
  }
  get explicitRequest() {
    return this.#session.lastSignals?.explicitRequest.requested ?? false;
  }
  get topics() {
    const s = this.#session.lastSignals;
    return s ? topicsOf(s) : [];
  }
  get slots() {
    return this.#session.slots;
  }
  get caller() {
    const { caller } = this.#session;
    return { ...caller.attributes, name: caller.name ?? '', phone: caller.phone ?? '' };
  }
  get queue() {
    const queue = this.#queue();
    return queue ? { ewtSeconds: queue.ewtSeconds, agentsAvailable: queue.agentsAvailable, position: queue.position } : { ewtSeconds: 0, agentsAvailable: 0, position: 0 };
  }
  get transfer() {
    return { outcome: this.#session.handoff?.outcome ?? '' };
  }
  get hour() {
    return int(new Date(this.#at).getUTCHours());
  }
  get dayOfWeek() {
    return int(new Date(this.#at).getUTCDay());
  }
}

/** What a rule at `nodeId` reads: the call so far, and the live figures of the queue its path leads to. */
export function ruleValues(flow: RuntimeFlow, session: CallSession, nodeId: string, queues: LiveQueues | undefined, at: string): Record<string, unknown> {
  return new RuleContext(session, () => queueFigures(flow, nearestQueue(flow, nodeId), queues), at) as unknown as Record<string, unknown>;
}

function lastCallerText(session: CallSession): string {
  for (let i = session.transcript.length - 1; i >= 0; i--) {
    const entry = session.transcript.at(i)!;
    if (entry.from === 'caller') return entry.text.toLowerCase();
  }
  return '';
}
