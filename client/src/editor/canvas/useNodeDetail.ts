import { useState } from 'react';
import { useStore } from '@xyflow/react';
import { useEditorStore } from '../store/editorStore.ts';
import type { EditorNode } from '../store/types.ts';
import { DETAIL_ZOOM } from './NodeDetailContext.ts';

/** A node's usual size on the canvas, for guessing the zoom before anything is measured. */
const TYPICAL_NODE = { width: 230, height: 130 };
/** Room the palette, the side panel and the header take from the window. */
const CHROME = { width: 560, height: 120 };

/** The zoom that fitting these nodes into the canvas will give, guessed from their positions alone. */
export function predictFitZoom(nodes: EditorNode[], windowSize: { width: number; height: number }): number {
  if (nodes.length === 0) return 1;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const { position } of nodes) {
    minX = Math.min(minX, position.x);
    minY = Math.min(minY, position.y);
    maxX = Math.max(maxX, position.x + TYPICAL_NODE.width);
    maxY = Math.max(maxY, position.y + TYPICAL_NODE.height);
  }
  const width = Math.max(200, windowSize.width - CHROME.width);
  const height = Math.max(200, windowSize.height - CHROME.height);
  return Math.min(1, width / (maxX - minX), height / (maxY - minY));
}

/**
 * Whether nodes show their details: from the zoom once the flow has been fitted into view, and before that from the
 * zoom the fit will give, so a large flow is not first drawn in full detail only to be redrawn small.
 */
export function useNodeDetail(fitted: boolean): boolean {
  const zoomedIn = useStore((s) => s.transform[2] >= DETAIL_ZOOM);
  const [expected] = useState(
    () => predictFitZoom(useEditorStore.getState().nodes, { width: window.innerWidth, height: window.innerHeight }) >= DETAIL_ZOOM,
  );
  return fitted ? zoomedIn : expected;
}
