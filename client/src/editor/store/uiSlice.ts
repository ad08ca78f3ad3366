import type { StateCreator } from 'zustand';
import type { FlowStepFigures } from '@baton/shared';
import type { EditorState } from './editorStore.ts';

/** What the person is looking at; never an undo step. */
export interface UiSlice {
  /** The node the inspector shows: the only selected node, if exactly one is. */
  selectedNodeId: string | null;
  /** A field of the selected node's form to bring into view and focus ("data.intents.0"), e.g. from an issue. */
  focusField: string | null;
  setSelectedNodeIds(ids: string[]): void;
  /** Selects one node on the canvas (and nothing else), optionally pointing at one of its fields. */
  selectOnly(nodeId: string, field?: string): void;
  fieldFocused(): void;
  /** The canvas has measured the flow and fitted it into view (the flow is checked after that, so it shows sooner). */
  canvasReady: boolean;
  setCanvasReady(ready: boolean): void;
  /** Where the test console's call is now and which steps it has been through; null when no test call runs. */
  trail: Trail | null;
  setTrail(trail: Trail | null): void;
  /** Real calls per step, shown over the canvas when the heatmap is on; null when it is off. */
  heatmap: FlowStepFigures | null;
  setHeatmap(heatmap: FlowStepFigures | null): void;
}

export interface Trail {
  active: string | null;
  visited: ReadonlySet<string>;
  /** The steps in the order the call went through them. */
  path: readonly string[];
}

export const createUiSlice: StateCreator<EditorState, [['temporal', unknown]], [], UiSlice> = (set, get) => ({
  selectedNodeId: null,
  focusField: null,
  setSelectedNodeIds: (ids) => {
    const selectedNodeId = ids.length === 1 ? ids[0] : null;
    if (selectedNodeId !== get().selectedNodeId) set({ selectedNodeId });
  },
  selectOnly: (nodeId, field) =>
    set({
      selectedNodeId: nodeId,
      focusField: field ?? null,
      nodes: get().nodes.map((n) => (n.selected === (n.id === nodeId) ? n : { ...n, selected: n.id === nodeId })),
      edges: get().edges.map((e) => (e.selected ? { ...e, selected: false } : e)),
    }),
  fieldFocused: () => set({ focusField: null }),
  canvasReady: false,
  setCanvasReady: (canvasReady) => set({ canvasReady }),
  trail: null,
  setTrail: (trail) => set({ trail }),
  heatmap: null,
  setHeatmap: (heatmap) => set({ heatmap }),
});
