import type { EditorState } from './editorStore.ts';
import type { EditorNode } from './types.ts';

let last: EditorNode[] = [];

/**
 * A selector for what is in the nodes (ids, kinds, data) but not where they are or whether they are selected: it
 * returns the same array as before while only positions, sizes or selection changed, so its subscribers (the live
 * issues, the issue list) do not re-render on every frame of a drag.
 */
export function documentNodes(s: EditorState): EditorNode[] {
  const nodes = s.nodes;
  if (nodes === last) return last;
  const same = nodes.length === last.length && nodes.every((n, i) => n.id === last[i].id && n.type === last[i].type && n.data === last[i].data);
  if (!same) last = nodes;
  return last;
}
