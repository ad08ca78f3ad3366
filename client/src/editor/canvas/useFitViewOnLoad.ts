import { useEffect, useState } from 'react';
import { useNodesInitialized, useReactFlow } from '@xyflow/react';
import { useEditorStore } from '../store/editorStore.ts';

/**
 * Fits the whole flow into view once every node has been measured. Returns whether that has happened, so the canvas
 * can say it is still busy until then (nodes move into place when the view is fitted).
 */
export function useFitViewOnLoad(): boolean {
  const initialized = useNodesInitialized();
  const { fitView } = useReactFlow();
  const [fitted, setFitted] = useState(false);
  // An empty flow has nothing to measure or fit.
  const empty = useEditorStore((s) => s.nodes.length === 0);
  useEffect(() => {
    if (!initialized || fitted) return;
    // Never larger than life: a new flow with one node stays at normal size.
    void fitView({ padding: 0.08, maxZoom: 1 }).then(() => setFitted(true));
  }, [initialized, fitted, fitView]);
  return fitted || empty;
}
