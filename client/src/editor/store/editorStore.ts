import { temporal } from 'zundo';
import { create } from 'zustand';
import { createDocumentSlice, type DocumentSlice } from './documentSlice.ts';
import { sameDocument, type TrackedDocument } from './sameDocument.ts';
import type { FlowMeta } from './types.ts';
import { createUiSlice, type UiSlice } from './uiSlice.ts';

export type EditorState = DocumentSlice & UiSlice;

/** What undo restores: the canvas and the flow's settings (kept in `meta`, replaced whole on every change). */
type TrackedState = TrackedDocument & { meta: FlowMeta | null };

const tracked = (s: EditorState): TrackedState => ({ nodes: s.nodes, edges: s.edges, meta: s.meta });
const sameTracked = (a: TrackedState, b: TrackedState) => a.meta === b.meta && sameDocument(a, b);

/** The editor's one store: slices combined, undo history (zundo) over the document only. */
export const useEditorStore = create<EditorState>()(
  temporal((...a) => ({ ...createDocumentSlice(...a), ...createUiSlice(...a) }), {
    partialize: tracked,
    equality: sameTracked,
    limit: 200,
  }),
);

let batch: { owner: string; before: TrackedState } | null = null;

/**
 * Starts one undo step made of many changes (a drag, typing in a field): changes until `endUndoStep` with the same
 * owner are recorded as one. A step already under way (another owner's) is left alone.
 */
export function beginUndoStep(owner: string): void {
  if (batch) return;
  batch = { owner, before: tracked(useEditorStore.getState()) };
  useEditorStore.temporal.getState().pause();
}

export function endUndoStep(owner: string): void {
  if (!batch || batch.owner !== owner) return;
  const { before } = batch;
  batch = null;
  const history = useEditorStore.temporal;
  history.getState().resume();
  if (sameTracked(before, tracked(useEditorStore.getState()))) return;
  history.setState((h) => ({ pastStates: [...h.pastStates, before].slice(-200), futureStates: [] }));
}

/** Undo and redo also count as unsaved changes. */
export function undo(): void {
  if (!useEditorStore.temporal.getState().pastStates.length) return;
  useEditorStore.temporal.getState().undo();
  useEditorStore.setState((s) => ({ dirty: true, revision: s.revision + 1 }));
}

export function redo(): void {
  if (!useEditorStore.temporal.getState().futureStates.length) return;
  useEditorStore.temporal.getState().redo();
  useEditorStore.setState((s) => ({ dirty: true, revision: s.revision + 1 }));
}

/** Forgets the undo history, e.g. after loading another version. */
export function clearHistory(): void {
  useEditorStore.temporal.getState().clear();
}
