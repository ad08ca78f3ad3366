import { useEffect } from 'react';
import { useEditorStore } from '../store/editorStore.ts';
import { toFlowDocument } from '../store/flowConversion.ts';
import { clearLocalDraft, saveLocalDraft } from './localDraft.ts';

const WRITE_AFTER_MS = 1000;

function writeNow() {
  const { meta, version, nodes, edges, dirty } = useEditorStore.getState();
  if (!meta) return;
  if (!dirty) return clearLocalDraft(meta.id);
  const doc = toFlowDocument(meta, version, nodes, edges);
  saveLocalDraft(meta.id, { baseVersion: version, nodes: doc.nodes, edges: doc.edges });
}

/** Keeps unsaved changes in the browser: a second after the last change, and when the page goes away. */
export function useLocalDraft() {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = useEditorStore.subscribe((s, prev) => {
      if (s.revision === prev.revision && s.dirty === prev.dirty) return;
      clearTimeout(timer);
      if (!s.dirty) writeNow();
      else timer = setTimeout(writeNow, WRITE_AFTER_MS);
    });
    window.addEventListener('pagehide', writeNow);
    return () => {
      unsubscribe();
      clearTimeout(timer);
      window.removeEventListener('pagehide', writeNow);
    };
  }, []);
}
