import { useEditorStore } from './editorStore.ts';
import type { EditorEdge, EditorNode } from './types.ts';

/** Kept in localStorage so a group copied in one flow can be pasted into another. */
const CLIPBOARD_KEY = 'baton.editor.clipboard';

interface Copied {
  nodes: EditorNode[];
  edges: EditorEdge[];
}

/** The selected nodes and the connections between them. */
function selection(): Copied | null {
  const { nodes, edges } = useEditorStore.getState();
  const picked = nodes.filter((n) => n.selected);
  if (picked.length === 0) return null;
  const ids = new Set(picked.map((n) => n.id));
  return {
    nodes: picked.map(({ id, type, position, data }) => ({ id, type, position, data })),
    edges: edges.filter((e) => ids.has(e.source) && ids.has(e.target)).map(({ id, source, sourceHandle, target }) => ({ id, source, sourceHandle, target })),
  };
}

/** Copies the selected nodes (and the connections between them); returns how many. */
export function copySelection(): number {
  const copied = selection();
  if (!copied) return 0;
  localStorage.setItem(CLIPBOARD_KEY, JSON.stringify(copied));
  return copied.nodes.length;
}

/** Pastes what was copied, a little below and to the right, as new nodes; returns how many. */
export function paste(): number {
  let copied: Copied | null = null;
  try {
    copied = JSON.parse(localStorage.getItem(CLIPBOARD_KEY) ?? 'null') as Copied | null;
  } catch {
    return 0;
  }
  if (!copied?.nodes?.length) return 0;
  useEditorStore.getState().insertCopies(copied.nodes, copied.edges);
  return copied.nodes.length;
}

/** Copies and pastes the selection in one go, without touching the clipboard. */
export function duplicateSelection(): number {
  const copied = selection();
  if (!copied) return 0;
  useEditorStore.getState().insertCopies(copied.nodes, copied.edges);
  return copied.nodes.length;
}
