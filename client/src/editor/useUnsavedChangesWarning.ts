import { useEffect } from 'react';
import { useEditorStore } from './store/editorStore.ts';

/** Asks before the page is left (reload, back, closing the tab) while there are unsaved changes. */
export function useUnsavedChangesWarning() {
  const dirty = useEditorStore((s) => s.dirty);
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!useEditorStore.getState().dirty) return;
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);
}
