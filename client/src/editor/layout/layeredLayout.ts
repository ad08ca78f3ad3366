import dagre from '@dagrejs/dagre';
import type { XYPosition } from '@xyflow/react';

export interface LayoutNode {
  id: string;
  /** Entry points (the start, triggers) go in the top row. */
  isEntry: boolean;
  width: number;
  height: number;
  /** Where it is now: nodes are handed to dagre left to right, so its ordering starts from what people already know. */
  position: XYPosition;
}

const GAP_X = 60;
const GAP_Y = 70;
const ROOT = '\u0000root';

/**
 * Lays the flow out top to bottom with dagre (layers, fewer crossings): each step below the one that
 * leads to it. Pure: returns new top-left positions, as React Flow places nodes.
 */
export function layeredLayout(nodes: LayoutNode[], edges: { source: string; target: string }[]): Map<string, XYPosition> {
  const graph = new dagre.graphlib.Graph({ multigraph: true });
  graph.setGraph({ rankdir: 'TB', nodesep: GAP_X, ranksep: GAP_Y, marginx: 40, marginy: 40 });
  graph.setDefaultEdgeLabel(() => ({}));
  const ordered = [...nodes].sort((a, b) => Number(b.isEntry) - Number(a.isEntry) || a.position.x - b.position.x || a.position.y - b.position.y);
  for (const n of ordered) graph.setNode(n.id, { width: n.width, height: n.height });
  // Every call begins at an entry point, so they share the top row: an invisible root holds them there.
  graph.setNode(ROOT, { width: 1, height: 1 });
  for (const n of nodes) if (n.isEntry) graph.setEdge(ROOT, n.id, { weight: 1000 }, `root-${n.id}`);
  edges.forEach((e, i) => {
    if (graph.hasNode(e.source) && graph.hasNode(e.target)) graph.setEdge(e.source, e.target, {}, `e${i}`);
  });
  dagre.layout(graph);
  const placed = new Map<string, XYPosition>();
  for (const n of nodes) {
    const { x, y } = graph.node(n.id);
    placed.set(n.id, { x: Math.round(x - n.width / 2), y: Math.round(y - n.height / 2) });
  }
  return placed;
}
