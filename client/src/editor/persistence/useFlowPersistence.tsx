import { useRef, useState } from 'react';
import { fetchFlow } from '../../api/fetchFlow.ts';
import { ApiError } from '../../api/fetchJson.ts';
import { publishFlow } from '../../api/publishFlow.ts';
import { saveFlow } from '../../api/saveFlow.ts';
import { flowPath } from '../../matchRoute.ts';
import { clearHistory, useEditorStore } from '../store/editorStore.ts';
import { toFlowDocument } from '../store/flowConversion.ts';
import { copyFlow } from './copyFlow.ts';
import { IssueList } from './IssueList.tsx';
import type { PublishRefusal } from './PublishErrorsModal.tsx';
import { notify } from '../notify.ts';

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function currentDocument() {
  const s = useEditorStore.getState();
  return s.meta ? toFlowDocument(s.meta, s.version, s.nodes, s.edges) : null;
}

/** The last save that did not go through, for the header; stale once the document changed again. */
export interface SaveFailure {
  revision: number;
  reason: string;
}

/** Save (with If-Match), publish, and the way out of a save conflict; nothing is ever silently overwritten. */
export function useFlowPersistence() {
  const [busy, setBusy] = useState<'saving' | 'publishing' | null>(null);
  const [conflict, setConflict] = useState(false);
  const [publishErrors, setPublishErrors] = useState<PublishRefusal | null>(null);
  const [saveFailure, setSaveFailure] = useState<SaveFailure | null>(null);
  // One save at a time (the button, Ctrl+S and autosave share it); and the revision whose save last failed, so
  // autosave does not try the same document again and again.
  const saving = useRef(false);
  const failedRevision = useRef<number | null>(null);

  /** Saves the draft with If-Match; `auto` is the autosave: no toast on success, and never twice for a failed revision. */
  async function save(options: { auto?: boolean } = {}): Promise<boolean> {
    const { auto = false } = options;
    const flow = currentDocument();
    if (!flow || saving.current) return false;
    // Saving nothing would only make a new draft version that differs from the last in nothing.
    if (!useEditorStore.getState().dirty) {
      if (!auto) notify('blue', 'Nothing to save', 'All changes are already saved.');
      return true;
    }
    const revision = useEditorStore.getState().revision;
    if (auto && (failedRevision.current === revision || conflict)) return false;
    saving.current = true;
    setBusy('saving');
    try {
      const saved = await saveFlow(flow, flow.version);
      useEditorStore.getState().markSaved(saved.version, revision);
      failedRevision.current = null;
      setSaveFailure(null);
      if (!auto) notify('green', 'Saved', 'Your changes are saved in the draft. Publish to give them to callers.');
      return true;
    } catch (error) {
      failedRevision.current = revision;
      if (error instanceof ApiError && error.status === 412) {
        setConflict(true);
        setSaveFailure({ revision, reason: 'someone else saved this flow first' });
      } else {
        const issues = error instanceof ApiError ? error.issues : [];
        setSaveFailure({ revision, reason: issues[0]?.message ?? reason(error) });
        if (issues.length > 0) notify('red', 'Not saved', <IssueList issues={issues} />);
        else notify('red', 'Not saved', `Could not save: ${reason(error)}.`);
      }
      return false;
    } finally {
      saving.current = false;
      setBusy(null);
    }
  }

  async function publish(note?: string): Promise<void> {
    if (useEditorStore.getState().dirty && !(await save())) return;
    const flowId = useEditorStore.getState().meta?.id;
    if (!flowId) return;
    setBusy('publishing');
    try {
      const result = await publishFlow(flowId, note);
      useEditorStore.getState().markPublished(result.publishedVersion, result.draftVersion);
      notify('green', 'Published', `Published v${result.publishedVersion}. New calls use it from now on.`);
    } catch (error) {
      if (error instanceof ApiError && error.issues.length > 0) setPublishErrors({ code: error.code, message: error.message, issues: error.issues });
      else notify('red', 'Not published', `Could not publish: ${reason(error)}.`);
    } finally {
      setBusy(null);
    }
  }

  async function loadTheirVersion(): Promise<void> {
    const flowId = useEditorStore.getState().meta?.id;
    if (!flowId) return;
    try {
      useEditorStore.getState().load(await fetchFlow(flowId));
      clearHistory();
      setConflict(false);
      notify('blue', 'Their version is loaded', 'You are now editing the latest saved version.');
    } catch (error) {
      notify('red', 'Could not load their version', `${reason(error)}.`);
    }
  }

  async function saveMineAsCopy(): Promise<void> {
    const flow = currentDocument();
    if (!flow) return;
    try {
      const copy = await copyFlow(flow);
      // The copy holds every change, so leaving this page loses nothing.
      useEditorStore.setState({ dirty: false });
      window.location.assign(flowPath(copy.id));
    } catch (error) {
      notify('red', 'Could not save a copy', `${reason(error)}.`);
    }
  }

  return {
    busy,
    saveFailure,
    save,
    publish,
    conflict: { open: conflict, close: () => setConflict(false), loadTheirVersion, saveMineAsCopy },
    publishErrors: { refusal: publishErrors, close: () => setPublishErrors(null) },
  };
}
