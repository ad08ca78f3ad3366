import { isNodeKind, nodeKinds, type FlowDocument } from '@baton/shared';
import type { FlowDraft } from '../../api/fetchFlow.ts';
import type { EditorEdge, EditorNode, FlowMeta } from './types.ts';

/** Turns a stored flow into canvas nodes and edges, filling in each kind's defaults so every field has a value. */
export function fromFlowDocument(flow: FlowDraft): { meta: FlowMeta; nodes: EditorNode[]; edges: EditorEdge[] } {
  const nodes = flow.nodes.filter((n) => isNodeKind(n.kind)).map((n): EditorNode => {
    const kind = n.kind as keyof typeof nodeKinds;
    const parsed = nodeKinds[kind].schema.safeParse(n.data);
    return { id: n.id, type: kind, position: n.position, data: parsed.success ? (parsed.data as Record<string, unknown>) : n.data };
  });
  const edges = flow.edges.map((e): EditorEdge => ({ id: e.id, source: e.source, sourceHandle: e.sourcePort, target: e.target }));
  return { meta: { id: flow.id, name: flow.name, description: flow.description ?? '', settings: flow.settings }, nodes, edges };
}

/** The flow document the canvas shows, as the API and `compileFlow` take it. */
export function toFlowDocument(meta: FlowMeta, version: number, nodes: EditorNode[], edges: EditorEdge[]): FlowDocument {
  return {
    id: meta.id,
    name: meta.name,
    description: meta.description,
    version,
    settings: meta.settings,
    nodes: nodes.map((n) => ({ id: n.id, kind: n.type ?? 'say', position: { x: n.position.x, y: n.position.y }, data: n.data })),
    edges: edges.map((e) => ({ id: e.id, source: e.source, sourcePort: e.sourceHandle ?? '', target: e.target })),
  };
}
