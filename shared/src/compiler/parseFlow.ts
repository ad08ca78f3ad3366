import type { z } from 'zod';
import { flowDocumentSchema, type FlowDocument } from '../flow/flowSchema.ts';
import { isNodeKind, nodeKinds, nodeKindNames, type NodeKind } from '../nodes/nodeKinds.ts';
import type { FlowIssue } from './FlowIssue.ts';

export interface ParsedNode {
  id: string;
  kind: NodeKind;
  label: string;
  position: { x: number; y: number };
  // Each kind's executor narrows this through its own schema's type.
  data: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface ParsedFlow {
  flow: FlowDocument;
  nodes: ParsedNode[];
}

function pathOf(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

function describe(issue: z.core.$ZodIssue): string {
  return issue.message.replace(/^Invalid input: /, '');
}

/** Checks the document's shape and every node's data against its kind; returns the flow with defaults filled in. */
export function parseFlow(input: unknown): { parsed?: ParsedFlow; issues: FlowIssue[] } {
  const doc = flowDocumentSchema.safeParse(input);
  if (!doc.success) {
    return {
      issues: doc.error.issues.slice(0, 50).map((i) => {
        const nodeIndex = i.path[0] === 'nodes' && typeof i.path[1] === 'number' ? i.path[1] : undefined;
        const nodeId = nodeIndex !== undefined ? nodeIdAt(input, nodeIndex) : undefined;
        return { code: 'invalid_flow', severity: 'error', nodeId, field: pathOf(i.path), message: `${pathOf(i.path) || 'The flow'}: ${describe(i)}.` };
      }),
    };
  }
  const flow = doc.data;
  const issues: FlowIssue[] = [];
  const nodes: ParsedNode[] = [];
  const seen = new Set<string>();
  for (const node of flow.nodes) {
    if (seen.has(node.id)) {
      issues.push({ code: 'duplicate_node_id', severity: 'error', nodeId: node.id, message: `Two nodes share the id "${node.id}"; each node needs its own id.` });
      continue;
    }
    seen.add(node.id);
    if (!isNodeKind(node.kind)) {
      issues.push({ code: 'unknown_node_kind', severity: 'error', nodeId: node.id, field: 'kind', message: `Node "${node.id}" is of an unknown kind "${node.kind}". Known kinds: ${nodeKindNames.join(', ')}.` });
      continue;
    }
    const data = nodeKinds[node.kind].schema.safeParse(node.data);
    if (!data.success) {
      for (const i of data.error.issues.slice(0, 10)) {
        // A key no kind knows is refused, not dropped: it is most likely a typo of one it does know.
        if (i.code === 'unrecognized_keys') {
          for (const key of i.keys.slice(0, 10)) {
            const field = ['data', ...i.path.map(String), key].join('.');
            issues.push({ code: 'invalid_node_data', severity: 'error', nodeId: node.id, field, message: `${nodeKinds[node.kind].label} "${node.id}" has "${field.slice(0, 80)}", which this kind of node does not have. Remove it or check its spelling.` });
          }
          continue;
        }
        issues.push({ code: 'invalid_node_data', severity: 'error', nodeId: node.id, field: `data.${pathOf(i.path)}`, message: `${nodeKinds[node.kind].label} "${node.id}", ${pathOf(i.path) || 'data'}: ${describe(i)}.` });
      }
      continue;
    }
    const parsedData = data.data as { label?: string };
    nodes.push({ id: node.id, kind: node.kind, label: parsedData.label || node.id, position: node.position, data: parsedData });
  }
  const edgeIds = new Set<string>();
  for (const edge of flow.edges) {
    if (edgeIds.has(edge.id)) issues.push({ code: 'duplicate_edge_id', severity: 'error', edgeId: edge.id, message: `Two connections share the id "${edge.id}".` });
    edgeIds.add(edge.id);
  }
  return { parsed: { flow, nodes }, issues };
}

function nodeIdAt(input: unknown, index: number): string | undefined {
  const nodes = (input as { nodes?: unknown })?.nodes;
  const node = Array.isArray(nodes) ? (nodes[index] as { id?: unknown }) : undefined;
  return typeof node?.id === 'string' ? node.id.slice(0, 80) : undefined;
}
