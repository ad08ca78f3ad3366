import { useEffect, useRef } from 'react';
import { useNodesInitialized, useReactFlow } from '@xyflow/react';

/** Fits the whole flow into view once every node has been measured (the `fitView` prop can run before that). */
export function useFitViewOnLoad() {
  const initialized = useNodesInitialized();
  const { fitView } = useReactFlow();
  const done = useRef(false);
  useEffect(() => {
    if (!initialized || done.current) return;
    done.current = true;
    // Never larger than life: a new flow with one node stays at normal size.
    void fitView({ padding: 0.08, maxZoom: 1 });
  }, [initialized, fitView]);
}
