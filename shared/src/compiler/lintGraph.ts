import { NO_MATCH } from '../nodes/ai.ts';
import { isNodeKind, nodeKinds, portLabelOf } from '../nodes/nodeKinds.ts';
import type { FlowIssue } from './FlowIssue.ts';
import { reachableFrom, type FlowGraph } from './flowGraph.ts';

/** Whether a node of this kind waits for the caller or the transfer; a loop must pass through one or the call would spin forever. */
const waits = (kind: string) => isNodeKind(kind) && nodeKinds[kind].waits;
/** Ports the kind lets stay unconnected. */
const optionalPort = (kind: string, port: string) => isNodeKind(kind) && (nodeKinds[kind] as { optionalPorts?: readonly string[] }).optionalPorts?.includes(port) === true;

/** Start, reachability, dead ends and endless loops. */
export function lintGraph(graph: FlowGraph): { startId?: string; issues: FlowIssue[] } {
  const issues: FlowIssue[] = [];
  const nodes = [...graph.nodes.values()];
  const starts = nodes.filter((n) => n.kind === 'start');
  if (starts.length === 0) issues.push({ code: 'no_start', severity: 'error', message: 'The flow has no "Call starts" node. Add one: it is where every call begins.' });
  for (const extra of starts.slice(1))
    issues.push({ code: 'multiple_starts', severity: 'error', nodeId: extra.id, message: `The flow has ${starts.length} "Call starts" nodes; keep exactly one.` });

  const entries = nodes.filter((n) => n.kind === 'start' || n.kind === 'trigger').map((n) => n.id);
  const reachable = reachableFrom(graph, entries);
  for (const node of nodes) {
    if (!reachable.has(node.id))
      issues.push({ code: 'unreachable_node', severity: 'warning', nodeId: node.id, message: `No call can reach "${node.label}". Connect it, or delete it.` });
    for (const port of graph.ports.get(node.id)!) {
      if (graph.next.get(node.id)!.has(port)) continue;
      const name = portLabelOf(node.kind, node.data, port); // as the canvas labels it
      if (optionalPort(node.kind, port)) continue;
      if (node.kind === 'ai' && port === NO_MATCH)
        issues.push({ code: 'ai_without_no_match', severity: 'error', nodeId: node.id, field: 'ports.no_match', message: `"${node.label}" has nowhere to go when it does not understand the caller. Connect its "no match" output (e.g. to a message that asks again).` });
      else if (node.kind === 'transfer')
        issues.push({ code: 'transfer_outcome_unhandled', severity: 'error', nodeId: node.id, field: `ports.${port}`, message: `"${node.label}" does not say what happens when ${port === 'no_agent' ? 'no agent is free (offer a callback or say when to call back)' : 'the transfer fails'}. Connect its "${name}" output.` });
      else
        issues.push({ code: 'dead_end', severity: 'error', nodeId: node.id, field: `ports.${port}`, message: `The "${name}" output of "${node.label}" is not connected, so calls that take it would be stuck. Connect it or end the call.` });
    }
  }
  issues.push(...loopsWithoutWaiting(graph));
  return { startId: starts[0]?.id, issues };
}

/** Finds cycles made only of nodes that never wait (iterative three-colour DFS, linear in the flow's size). */
function loopsWithoutWaiting(graph: FlowGraph): FlowIssue[] {
  const issues: FlowIssue[] = [];
  const colour = new Map<string, 1 | 2>();
  for (const root of graph.nodes.keys()) {
    if (colour.has(root) || waits(graph.nodes.get(root)!.kind)) continue;
    const stack: Array<{ id: string; targets: Iterator<string> }> = [{ id: root, targets: graph.next.get(root)!.values() }];
    colour.set(root, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const step = top.targets.next();
      if (step.done) {
        colour.set(top.id, 2);
        stack.pop();
        continue;
      }
      const target = step.value;
      if (waits(graph.nodes.get(target)!.kind)) continue;
      if (colour.get(target) === 1) {
        const node = graph.nodes.get(target)!;
        issues.push({ code: 'loop_without_listening', severity: 'error', nodeId: target, message: `Calls would go round in a loop through "${node.label}" without ever listening to the caller. Route the loop through an AI conversation or a question.` });
      } else if (!colour.has(target)) {
        colour.set(target, 1);
        stack.push({ id: target, targets: graph.next.get(target)!.values() });
      }
    }
  }
  return issues;
}
