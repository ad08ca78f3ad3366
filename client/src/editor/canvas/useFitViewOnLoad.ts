import { useEffect } from 'react';
import { useNodesInitialized, useReactFlow } from '@xyflow/react';
import { useEditorStore } from '../store/editorStore.ts';

/**
 * Fits the whole flow into view once every node has been measured, then marks the canvas ready. Returns whether it
 * is, so the canvas can say it is still busy until then (nodes move into place when the view is fitted).
 */
export function useFitViewOnLoad(): boolean {
  const initialized = useNodesInitialized();
  const { fitView } = useReactFlow();
  const ready = useEditorStore((s) => s.canvasReady);
  // An empty flow has nothing to measure or fit.
  const empty = useEditorStore((s) => s.nodes.length === 0);
  useEffect(() => {
    if (ready) return;
    const setReady = () => useEditorStore.getState().setCanvasReady(true);
    if (empty) setReady();
    // Never larger than life: a new flow with one node stays at normal size.
    else if (initialized) void fitView({ padding: 0.08, maxZoom: 1 }).then(setReady);
  }, [initialized, ready, empty, fitView]);
  return ready;
}
