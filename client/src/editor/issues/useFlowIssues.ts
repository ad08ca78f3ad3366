import { useMemo, useRef } from 'react';
import { compileFlow, type FlowIssue } from '@baton/shared';
import { documentNodes } from '../store/documentNodes.ts';
import { useEditorStore } from '../store/editorStore.ts';
import { toFlowDocument } from '../store/flowConversion.ts';
import type { EditorEdge, EditorNode } from '../store/types.ts';

interface Checked {
  nodes: EditorNode[];
  edges: EditorEdge[];
  issues: FlowIssue[];
}

// Moving or selecting a node changes the node objects but not what the compiler reads; skip recompiling then.
const sameContent = (a: EditorNode[], b: EditorNode[]) =>
  a.length === b.length && a.every((n, i) => n.id === b[i].id && n.type === b[i].type && n.data === b[i].data);

/** The live issues of the flow being edited: the same `compileFlow` the server runs on save and publish. */
export function useFlowIssues(): FlowIssue[] {
  const meta = useEditorStore((s) => s.meta);
  // Positions and selection are not read by the compiler: subscribing to them would recompile on every drag frame.
  const nodes = useEditorStore(documentNodes);
  const edges = useEditorStore((s) => s.edges);
  const last = useRef<Checked | null>(null);
  return useMemo(() => {
    const prev = last.current;
    if (prev && prev.edges === edges && sameContent(prev.nodes, nodes)) return prev.issues;
    const issues = meta ? compileFlow(toFlowDocument(meta, 0, nodes, edges)).issues : [];
    last.current = { nodes, edges, issues };
    return issues;
  }, [meta, nodes, edges]);
}
