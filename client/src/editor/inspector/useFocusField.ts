import { useEffect, type RefObject } from 'react';
import { useEditorStore } from '../store/editorStore.ts';

/** Focuses the form field an issue points at ("data.intents.0" → the first input of intent 1), once the form shows. */
export function useFocusField(form: RefObject<HTMLElement | null>, nodeId: string | undefined) {
  const focusField = useEditorStore((s) => s.focusField);
  useEffect(() => {
    if (!focusField || !form.current) return;
    const path = focusField.replace(/^data\./, '');
    const fields = [...form.current.querySelectorAll<HTMLElement>('[data-field]')];
    const target =
      fields.find((el) => el.dataset.field === path) ??
      fields.find((el) => el.dataset.field!.startsWith(`${path}.`)) ??
      fields.find((el) => path.startsWith(`${el.dataset.field}.`));
    useEditorStore.getState().fieldFocused();
    if (!target) return;
    target.scrollIntoView({ block: 'center' });
    target.focus();
  }, [focusField, nodeId, form]);
}
