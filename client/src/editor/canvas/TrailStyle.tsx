import { useMemo } from 'react';
import { useEditorStore } from '../store/editorStore.ts';

/**
 * Draws the test call's way through the flow on the canvas: the connections it took, as a style rule for those
 * edges (the edges themselves are the document and stay untouched).
 */
export function TrailStyle() {
  const trail = useEditorStore((s) => s.trail);
  const edges = useEditorStore((s) => s.edges);
  const css = useMemo(() => {
    if (!trail || trail.path.length < 2) return '';
    const taken = new Set(trail.path.slice(1).map((target, i) => `${trail.path[i]}\u0000${target}`));
    const ids = edges.filter((e) => taken.has(`${e.source}\u0000${e.target}`)).map((e) => `.react-flow__edge[data-id="${CSS.escape(e.id)}"] .react-flow__edge-path`);
    return ids.length ? `${ids.join(',\n')} { stroke: var(--live); stroke-width: 3; }` : '';
  }, [trail, edges]);
  return css ? <style>{css}</style> : null;
}
