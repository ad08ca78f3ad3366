import { useState } from 'react';
import { useEditorStore } from '../store/editorStore.ts';
import { fromFlowDocument } from '../store/flowConversion.ts';
import { clearLocalDraft, type LocalDraft } from './localDraft.ts';

/** Offers the changes kept from an earlier visit once: restore them (unsaved, undoable) or discard them. */
export function useDraftOffer(draft: LocalDraft | null) {
  const [offer, setOffer] = useState(draft);
  return {
    open: offer !== null,
    restore() {
      const meta = useEditorStore.getState().meta;
      if (offer && meta) {
        const { nodes, edges } = fromFlowDocument({ ...meta, version: offer.baseVersion, nodes: offer.nodes, edges: offer.edges });
        useEditorStore.getState().restoreDraft(nodes, edges);
      }
      setOffer(null);
    },
    discard() {
      const meta = useEditorStore.getState().meta;
      if (meta) clearLocalDraft(meta.id);
      setOffer(null);
    },
  };
}
