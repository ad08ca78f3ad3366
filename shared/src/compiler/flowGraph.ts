import type { FlowEdge } from '../flow/flowSchema.ts';
import { nodeKinds } from '../nodes/nodeKinds.ts';
import type { FlowIssue } from './FlowIssue.ts';
import type { ParsedNode } from './parseFlow.ts';

/** The flow's nodes and connections, indexed: `next.get(nodeId).get(port)` is the node that port leads to. */
export interface FlowGraph {
  nodes: Map<string, ParsedNode>;
  ports: Map<string, string[]>;
  next: Map<string, Map<string, string>>;
}

/** Indexes the connections, reporting those that point nowhere or break the one-edge-per-port rule. */
export function buildFlowGraph(nodes: readonly ParsedNode[], edges: readonly FlowEdge[], knownNodeIds: ReadonlySet<string>): { graph: FlowGraph; issues: FlowIssue[] } {
  const issues: FlowIssue[] = [];
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const ports = new Map(nodes.map((n) => [n.id, nodeKinds[n.kind].ports(n.data)]));
  const next = new Map<string, Map<string, string>>(nodes.map((n) => [n.id, new Map()]));
  for (const edge of edges) {
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    if (!source) {
      // A node that failed its own checks already has an issue; do not pile on.
      if (!knownNodeIds.has(edge.source))
        issues.push({ code: 'edge_source_missing', severity: 'error', edgeId: edge.id, message: `A connection starts at "${edge.source}", which is not in the flow. Delete the connection.` });
      continue;
    }
    if (!target) {
      if (!knownNodeIds.has(edge.target))
        issues.push({ code: 'edge_target_missing', severity: 'error', nodeId: source.id, edgeId: edge.id, message: `"${source.label}" connects to "${edge.target}", which is not in the flow. Reconnect or delete the connection.` });
      continue;
    }
    if (!ports.get(source.id)!.includes(edge.sourcePort)) {
      issues.push({ code: 'edge_port_unknown', severity: 'error', nodeId: source.id, edgeId: edge.id, message: `"${source.label}" has no output called "${edge.sourcePort}" (it has: ${ports.get(source.id)!.join(', ') || 'none'}). Reconnect from one of those.` });
      continue;
    }
    if (!nodeKinds[target.kind].hasInput) {
      issues.push({ code: 'edge_into_entry', severity: 'error', nodeId: target.id, edgeId: edge.id, message: `Nothing can connect into "${target.label}": a ${nodeKinds[target.kind].label.toLowerCase()} is where calls begin. Delete the connection.` });
      continue;
    }
    const out = next.get(source.id)!;
    if (out.has(edge.sourcePort)) {
      issues.push({ code: 'port_has_multiple_edges', severity: 'error', nodeId: source.id, edgeId: edge.id, message: `The "${edge.sourcePort}" output of "${source.label}" is connected twice; a call can only go one way. Keep one connection.` });
      continue;
    }
    out.set(edge.sourcePort, target.id);
  }
  return { graph: { nodes: byId, ports, next }, issues };
}

/** Nodes a call can reach from the given entry nodes. */
export function reachableFrom(graph: FlowGraph, entries: readonly string[]): Set<string> {
  const seen = new Set<string>(entries);
  const stack = [...entries];
  while (stack.length > 0) {
    const id = stack.pop()!;
    for (const target of graph.next.get(id)?.values() ?? []) {
      if (!seen.has(target)) {
        seen.add(target);
        stack.push(target);
      }
    }
  }
  return seen;
}
