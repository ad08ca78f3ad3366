import { useEffect, useRef } from 'react';
import type { FlowIssue } from '@baton/shared';
import { useEditorStore } from '../store/editorStore.ts';
import { blocksSaving } from './saveBlocking.ts';

/** How long after the last change the draft is saved on its own. */
export const AUTOSAVE_AFTER_MS = 3000;
const RETRY_BUSY_MS = 500;

interface AutosaveOptions {
  save(options: { auto: true }): Promise<boolean>;
  /** A save or publish is running: wait for it. */
  busy: boolean;
  /** The conflict dialog is open: never save over someone else's version. */
  paused: boolean;
  /** Null while the flow has not been checked yet: nothing is saved on its own before that. */
  issues: FlowIssue[] | null;
}

/**
 * Saves the draft to the server once edits stop for a few seconds, unless the flow has problems that stop saving.
 * It listens to the store rather than subscribing the editor to every change (a drag changes it on every frame).
 */
export function useAutosave({ save, busy, paused, issues }: AutosaveOptions): { blocked: boolean } {
  const blocked = issues === null || blocksSaving(issues);
  const latest = useRef({ save, busy, blocked });
  latest.current = { save, busy, blocked };

  useEffect(() => {
    if (paused || blocked) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const attempt = () => {
      const now = latest.current;
      if (now.blocked || !useEditorStore.getState().dirty) return;
      if (now.busy) timer = setTimeout(attempt, RETRY_BUSY_MS);
      else void now.save({ auto: true });
    };
    const schedule = () => {
      clearTimeout(timer);
      if (useEditorStore.getState().dirty) timer = setTimeout(attempt, AUTOSAVE_AFTER_MS);
    };
    // Changes made while paused or blocked are waiting too.
    schedule();
    const unsubscribe = useEditorStore.subscribe((s, prev) => {
      if (s.revision !== prev.revision || s.dirty !== prev.dirty) schedule();
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [paused, blocked]);

  return { blocked };
}
