import type { FlowSettings } from '../flow/flowSchema.ts';
import { sensitiveMattersTrigger, type TriggerData } from '../nodes/trigger.ts';
import type { RoutingSkills } from './compileFlow.ts';
import type { FlowIssue } from './FlowIssue.ts';
import type { FlowGraph } from './flowGraph.ts';

/**
 * The handoff best practices: callers can always ask for a person, hear why before any transfer, and every transfer
 * reaches a queue that exists. `routingQueueIds`: the queues of Settings → Queues, when known (the server, the editor).
 */
export function lintHandoff(graph: FlowGraph, settings: FlowSettings, routingQueueIds?: ReadonlySet<string>, skills?: RoutingSkills): FlowIssue[] {
  const issues: FlowIssue[] = [];
  const nodes = [...graph.nodes.values()];
  const triggers = nodes.filter((n) => n.kind === 'trigger');
  const asksForPerson = triggers.some((t) => {
    const data = t.data as TriggerData;
    return data.scope.mode === 'everywhere' && data.detectors.some((d) => d.signal === 'explicit_request');
  });
  // Triggers are checked highest priority first, as the engine does.
  const byPriority = [...triggers].sort((a, b) => (b.data as TriggerData).priority - (a.data as TriggerData).priority);
  if (!sensitiveMattersTrigger(byPriority))
    issues.push({
      code: 'no_sensitive_trigger',
      severity: 'error',
      message: 'A caller in danger or with a sensitive matter must be able to reach a person: add a handoff trigger for sensitive matters (reason "Complex or sensitive") and lead it to a transfer. Callers who may be in danger go through it at once, whatever it watches.',
    });
  if (!asksForPerson)
    issues.push({ code: 'no_explicit_request_trigger', severity: 'warning', message: 'Callers cannot ask for a person: add a handoff trigger that watches for "asks for a person" across the whole call.' });

  for (const node of untoldTransfers(graph))
    issues.push({ code: 'transfer_without_transparency', severity: 'error', nodeId: node, message: `A call can reach "${graph.nodes.get(node)!.label}" without being told it is going to a person. Put a "Tell the caller" message on every path before it.` });

  const flowQueues = new Map(settings.queues.map((q) => [q.id, q]));
  for (const t of nodes.filter((n) => n.kind === 'transfer')) {
    const queue = flowQueues.get(t.data.queue);
    if (!queue)
      issues.push({ code: 'transfer_queue_unknown', severity: 'error', nodeId: t.id, field: 'data.queue', message: `"${t.label}" sends calls to the queue "${t.data.queue}", which is not one of this flow's queues, so no agent would get them. Pick one of the flow's queues, or add the queue in Flow settings.` });
    else if (routingQueueIds && !routingQueueIds.has(queue.id))
      issues.push({ code: 'transfer_queue_unknown', severity: 'error', nodeId: t.id, field: 'data.queue', message: `"${t.label}" sends calls to "${queue.name}" (queue "${queue.id}"), which is not in Settings → Queues, so no agent would get them. Add the queue there, or pick another queue for this step.` });
    else if (skills && isRoutedByBaton(t.data.target)) {
      // Routing offers a call only to an agent with every skill the queue and the step ask for.
      const needed = [...new Set([...(skills.ofQueues.get(queue.id) ?? []), ...((t.data.skills as string[] | undefined) ?? [])])];
      if (needed.length > 0 && !skills.ofAgents.some((agent) => needed.every((s) => agent.has(s))))
        issues.push({
          code: 'transfer_nobody_skilled',
          severity: 'warning',
          nodeId: t.id,
          field: 'data.skills',
          message: `No agent has every skill "${t.label}" asks for (${needed.join(', ')}), so its callers can never reach a person and always take its "no agent" path. Give an agent these skills on the Agents page, or ask for fewer skills on this step.`,
        });
    }
  }
  for (const t of triggers) {
    const missing = (t.data as TriggerData).scope.nodeIds.filter((id) => !graph.nodes.has(id));
    if ((t.data as TriggerData).scope.mode === 'nodes' && missing.length > 0)
      issues.push({ code: 'trigger_scope_unknown_node', severity: 'warning', nodeId: t.id, field: 'data.scope.nodeIds', message: `"${t.label}" listens at nodes that no longer exist (${missing.join(', ')}). Update where it listens.` });
  }
  return issues;
}

/** A transfer to Baton's own agents (not a phone number or SIP address outside it). */
function isRoutedByBaton(target: unknown): boolean {
  return target === undefined || (target as { type?: string }).type === 'baton';
}

/** Transfers reachable on some path that has not passed a transparency message: a search over (node, told?) pairs. */
function untoldTransfers(graph: FlowGraph): string[] {
  const untold = new Set<string>();
  const seen = new Set<string>();
  const stack: Array<[string, boolean]> = [];
  for (const node of graph.nodes.values()) if (node.kind === 'start' || node.kind === 'trigger') stack.push([node.id, false]);
  while (stack.length > 0) {
    const [id, toldBefore] = stack.pop()!;
    const key = `${toldBefore ? 1 : 0}${id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const kind = graph.nodes.get(id)!.kind;
    if (kind === 'transfer' && !toldBefore) untold.add(id);
    const told = toldBefore || kind === 'transparency';
    for (const target of graph.next.get(id)!.values()) stack.push([target, told]);
  }
  return [...untold];
}
