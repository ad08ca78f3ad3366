import { useEffect, useMemo, useRef, useState } from 'react';
import { compileFlow, type CompileContext, type FlowIssue } from '@baton/shared';
import { documentNodes } from '../store/documentNodes.ts';
import { useEditorStore } from '../store/editorStore.ts';
import { useRoutingContext } from './useRoutingContext.ts';
import { toFlowDocument } from '../store/flowConversion.ts';
import type { EditorEdge, EditorNode, FlowMeta } from '../store/types.ts';

interface Checked {
  meta: FlowMeta | null;
  nodes: EditorNode[];
  edges: EditorEdge[];
  routing: CompileContext | undefined;
  issues: FlowIssue[];
}

// Moving or selecting a node changes the node objects but not what the compiler reads; skip recompiling then.
const sameContent = (a: EditorNode[], b: EditorNode[]) =>
  a.length === b.length && a.every((n, i) => n.id === b[i].id && n.type === b[i].type && n.data === b[i].data);

/**
 * The live issues of the flow being edited: the same `compileFlow` the server runs on save and publish. Null until
 * the canvas shows the flow, so a big flow appears first and is checked right after.
 */
export function useFlowIssues(): FlowIssue[] | null {
  const meta = useEditorStore((s) => s.meta);
  const canvasReady = useEditorStore((s) => s.canvasReady);
  // Checked in a task of its own once the canvas is ready, so the canvas shows before the check runs.
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (!canvasReady) return;
    const timer = setTimeout(() => setReady(true), 0);
    return () => clearTimeout(timer);
  }, [canvasReady]);
  // Positions and selection are not read by the compiler: subscribing to them would recompile on every drag frame.
  const nodes = useEditorStore(documentNodes);
  const edges = useEditorStore((s) => s.edges);
  const routing = useRoutingContext();
  const last = useRef<Checked | null>(null);
  return useMemo(() => {
    if (!ready) return null;
    const prev = last.current;
    // The settings count too: a queue taken out of them leaves its transfers pointing nowhere.
    if (prev && prev.meta === meta && prev.edges === edges && prev.routing === routing && sameContent(prev.nodes, nodes)) return prev.issues;
    const issues = meta ? compileFlow(toFlowDocument(meta, 0, nodes, edges), routing).issues : [];
    last.current = { meta, nodes, edges, routing, issues };
    return issues;
  }, [meta, nodes, edges, ready, routing]);
}
