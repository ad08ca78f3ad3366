import { useEffect, useRef } from 'react';
import { useNodesInitialized, useReactFlow, useUpdateNodeInternals } from '@xyflow/react';

/**
 * Once every node has been measured: re-measures all their handles in one round (nodes do not each ask on
 * mount, which costs a round per node with a thousand) and fits the whole flow into view.
 */
export function useFitViewOnLoad() {
  const initialized = useNodesInitialized();
  const { fitView, getNodes } = useReactFlow();
  const updateNodeInternals = useUpdateNodeInternals();
  const done = useRef(false);
  useEffect(() => {
    if (!initialized || done.current) return;
    done.current = true;
    updateNodeInternals(getNodes().map((n) => n.id));
    // Never larger than life: a new flow with one node stays at normal size.
    void fitView({ padding: 0.08, maxZoom: 1 });
  }, [initialized, fitView, getNodes, updateNodeInternals]);
}
