import type { FlowDraft } from '../../api/fetchFlow.ts';
import { fromFlowDocument, toFlowDocument } from '../store/flowConversion.ts';
import { clearLocalDraft, readLocalDraft, type LocalDraft } from './localDraft.ts';

/** The unsaved changes kept from an earlier visit, when they were made on this very version and differ from it. */
export function draftToOffer(flow: FlowDraft): LocalDraft | null {
  const draft = readLocalDraft(flow.id);
  if (!draft) return null;
  // Compare like with like: the saved flow as the editor would keep it (defaults filled in).
  const { meta, nodes, edges } = fromFlowDocument(flow);
  const saved = toFlowDocument(meta, flow.version, nodes, edges);
  const differs = JSON.stringify([draft.nodes, draft.edges]) !== JSON.stringify([saved.nodes, saved.edges]);
  if (draft.baseVersion === flow.version && differs) return draft;
  clearLocalDraft(flow.id);
  return null;
}
