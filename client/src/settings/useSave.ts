import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/fetchJson.ts';

/**
 * Runs a save and keeps what the page shows about it: busy, saved, the server's message, and its reasons by
 * field path ("businessHours.weekly.sat.0.close"), so each can be shown next to its field. When someone else saved
 * first (412), `conflict` opens instead of an error, for SaveConflictDialog.
 */
export function useSave() {
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<Map<string, string>>(new Map());
  const [conflict, setConflict] = useState(false);
  // Typed as the div Mantine's Stack declares, though it renders the form; only querySelector is used.
  const formRef = useRef<HTMLDivElement>(null);

  // The first field the server refused may be far above the save button: take the admin to it.
  useEffect(() => {
    if (problems.size > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [problems]);

  async function run<T>(save: () => Promise<T>): Promise<T | undefined> {
    setSaving(true);
    setSaved(false);
    setConflict(false);
    setError(null);
    setProblems(new Map());
    try {
      const result = await save();
      setSaved(true);
      return result;
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) {
        setConflict(true);
        // Stays under the form if the dialog is put off; saving again brings the choice back.
        setError('someone else saved a newer version first; save again to choose which version to keep');
        return undefined;
      }
      const found = new Map<string, string>();
      if (e instanceof ApiError)
        for (const issue of e.issues as unknown as Array<{ path?: unknown; message?: unknown }>)
          if (typeof issue.path === 'string' && typeof issue.message === 'string' && !found.has(issue.path)) found.set(issue.path, issue.message);
      setProblems(found);
      // The reasons stand next to their fields; repeating them above the button would say everything twice.
      setError(found.size > 0 ? 'change the fields marked in red and save again' : e instanceof ApiError ? e.message : String(e));
      return undefined;
    } finally {
      setSaving(false);
    }
  }

  /** Called on every edit, so "Saved" does not linger over unsaved changes. */
  const edited = () => setSaved(false);

  /** "Load their version": `load` puts the stored version in the form; the dialog closes either way. */
  async function loadTheirs(load: () => Promise<void>): Promise<void> {
    try {
      await load();
      setError(null);
      setProblems(new Map());
    } catch (e) {
      setError(`their version could not be loaded (${e instanceof ApiError ? e.message : String(e)}); reload the page to see it`);
    } finally {
      setConflict(false);
    }
  }

  return { saving, saved, error, problems, run, edited, formRef, conflict: { open: conflict, close: () => setConflict(false), loadTheirs } };
}
