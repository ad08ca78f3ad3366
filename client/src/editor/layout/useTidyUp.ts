import { useReactFlow } from '@xyflow/react';
import { nodeKinds, type NodeKind } from '@baton/shared';
import { useEditorStore } from '../store/editorStore.ts';
import { layeredLayout } from './layeredLayout.ts';

/** Lays the whole flow out in rows from its entry points, then fits it into view; one undo step. */
export function useTidyUp(): () => void {
  const { fitView } = useReactFlow();
  return () => {
    const { nodes, edges, moveNodes } = useEditorStore.getState();
    const positions = layeredLayout(
      nodes.map((n) => ({
        id: n.id,
        isEntry: !nodeKinds[n.type as NodeKind].hasInput,
        width: n.measured?.width ?? 190,
        height: n.measured?.height ?? 110,
        position: n.position,
      })),
      edges,
    );
    moveNodes(positions);
    // After React Flow has drawn the new positions.
    requestAnimationFrame(() => void fitView({ padding: 0.08 }));
  };
}
