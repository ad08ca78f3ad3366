import { useEffect, useRef } from 'react';
import { copySelection, duplicateSelection, paste } from './store/copyPaste.ts';
import { redo, undo } from './store/editorStore.ts';
import { notify } from './notify.ts';

const isTextField = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

const steps = (n: number) => `${n} ${n === 1 ? 'step' : 'steps'}`;

/** The editor's keyboard shortcuts (listed in `shortcutList`). In a text field, the field's own undo, copy and paste apply. */
export function useEditorShortcuts(save: () => void, { structure = true }: { structure?: boolean } = {}) {
  const saveRef = useRef(save);
  saveRef.current = save;
  // Pasting and duplicating add steps: not for someone who only tunes handoff rules (copying is fine).
  const structureRef = useRef(structure);
  structureRef.current = structure;
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const key = event.key.toLowerCase();
      if (key === 's') {
        event.preventDefault();
        saveRef.current();
        return;
      }
      if (isTextField(event.target)) return;
      if (key === 'z' || key === 'y') {
        event.preventDefault();
        if (key === 'y' || event.shiftKey) redo();
        else undo();
      } else if (key === 'c') {
        const n = copySelection();
        if (n) notify('blue', 'Copied', `Copied ${steps(n)}. Paste with Ctrl+V, here or in another flow.`);
      } else if (!structureRef.current) {
        return;
      } else if (key === 'v') {
        event.preventDefault();
        paste();
      } else if (key === 'd') {
        event.preventDefault();
        duplicateSelection();
      }
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
