import type { FlowEdge, FlowNode } from '@baton/shared';

/** Unsaved changes kept in the browser, so a reload or a crash does not lose them. */
export interface LocalDraft {
  /** The saved version the changes were made on; a draft on an older version is not offered. */
  baseVersion: number;
  nodes: FlowNode[];
  edges: FlowEdge[];
}

const key = (flowId: string) => `baton.editor.draft.${flowId}`;

export function saveLocalDraft(flowId: string, draft: LocalDraft): void {
  try {
    localStorage.setItem(key(flowId), JSON.stringify(draft));
  } catch {
    // Storage full or blocked: the warning before leaving still protects the changes.
  }
}

export function readLocalDraft(flowId: string): LocalDraft | null {
  try {
    const draft = JSON.parse(localStorage.getItem(key(flowId)) ?? 'null') as LocalDraft | null;
    return draft && Array.isArray(draft.nodes) && Array.isArray(draft.edges) ? draft : null;
  } catch {
    return null;
  }
}

export function clearLocalDraft(flowId: string): void {
  localStorage.removeItem(key(flowId));
}
