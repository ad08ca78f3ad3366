import { slotNamesOf } from '@baton/shared';
import { documentNodes } from './documentNodes.ts';
import type { EditorState } from './editorStore.ts';
import type { EditorNode } from './types.ts';

let lastNodes: EditorNode[] | null = null;
let lastNames = '';

/**
 * A selector for the names of the values the flow's steps keep (what each kind says it keeps), space-separated (a string, so it compares by
 * value). Worked out again only when what is in the nodes changes, not on every frame of a drag.
 */
export function slotNames(s: EditorState): string {
  const nodes = documentNodes(s);
  if (nodes === lastNodes) return lastNames;
  lastNodes = nodes;
  lastNames = slotNamesOf(nodes.map((n) => ({ kind: n.type ?? '', data: n.data }))).join(' ');
  return lastNames;
}
