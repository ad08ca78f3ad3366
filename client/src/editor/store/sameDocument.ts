import type { EditorEdge, EditorNode } from './types.ts';

export interface TrackedDocument {
  nodes: EditorNode[];
  edges: EditorEdge[];
}

/** True when two states differ only in what is not an undo step (selection, measured size, dragging flags). */
export function sameDocument(a: TrackedDocument, b: TrackedDocument): boolean {
  if (a.nodes !== b.nodes) {
    if (a.nodes.length !== b.nodes.length) return false;
    for (let i = 0; i < a.nodes.length; i++) {
      const x = a.nodes[i];
      const y = b.nodes[i];
      if (x === y) continue;
      if (x.id !== y.id || x.type !== y.type || x.data !== y.data || x.position.x !== y.position.x || x.position.y !== y.position.y) return false;
    }
  }
  if (a.edges !== b.edges) {
    if (a.edges.length !== b.edges.length) return false;
    for (let i = 0; i < a.edges.length; i++) {
      const x = a.edges[i];
      const y = b.edges[i];
      if (x === y) continue;
      if (x.id !== y.id || x.source !== y.source || x.target !== y.target || x.sourceHandle !== y.sourceHandle) return false;
    }
  }
  return true;
}
