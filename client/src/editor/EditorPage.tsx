import { useEffect, useState } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { fetchFlow } from '../api/fetchFlow.ts';
import { FlowCanvas } from './canvas/FlowCanvas.tsx';
import { NodeIssuesContext } from './canvas/NodeIssuesContext.ts';
import { EditorHeader } from './EditorHeader.tsx';
import { useFlowIssues } from './issues/useFlowIssues.ts';
import { useNodeIssues } from './issues/useNodeIssues.ts';
import { Palette } from './palette/Palette.tsx';
import { SidePanel } from './SidePanel.tsx';
import { ConflictModal } from './persistence/ConflictModal.tsx';
import { draftToOffer } from './persistence/draftOffer.ts';
import type { LocalDraft } from './persistence/localDraft.ts';
import { PublishErrorsModal } from './persistence/PublishErrorsModal.tsx';
import { RestoreDraftModal } from './persistence/RestoreDraftModal.tsx';
import { useAutosave } from './persistence/useAutosave.ts';
import { useDraftOffer } from './persistence/useDraftOffer.ts';
import { useFlowPersistence } from './persistence/useFlowPersistence.tsx';
import { useLocalDraft } from './persistence/useLocalDraft.ts';
import { clearHistory, useEditorStore } from './store/editorStore.ts';
import { useEditorShortcuts } from './useEditorShortcuts.ts';
import { useUnsavedChangesWarning } from './useUnsavedChangesWarning.ts';
import { useTunesOnly } from './useAnalystLimits.ts';

type LoadState = { status: 'loading' } | { status: 'ready'; draft: LocalDraft | null } | { status: 'error'; message: string };

/** The flow editor at /flows/<id>: loads the flow into the editor store, then shows the editor. */
export function EditorPage({ flowId }: { flowId: string }) {
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    fetchFlow(flowId, controller.signal).then(
      (flow) => {
        if (controller.signal.aborted) return;
        useEditorStore.getState().load(flow);
        clearHistory();
        setState({ status: 'ready', draft: draftToOffer(flow) });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'error', message: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => controller.abort();
  }, [flowId]);

  if (state.status === 'loading')
    return (
      <p className="notice editor-notice" role="status">
        Loading the flow…
      </p>
    );
  if (state.status === 'error')
    return (
      <div className="notice notice--error editor-notice" role="alert">
        <p>
          Could not load this flow: {state.message}. <a href="/">Go back to all flows</a>.
        </p>
      </div>
    );
  return (
    <ReactFlowProvider>
      <Editor flowId={flowId} draft={state.draft} />
    </ReactFlowProvider>
  );
}

function Editor({ flowId, draft }: { flowId: string; draft: LocalDraft | null }) {
  const draftOffer = useDraftOffer(draft);
  const persistence = useFlowPersistence();
  useLocalDraft();
  const issues = useFlowIssues();
  const issuesByNode = useNodeIssues(issues);
  const autosave = useAutosave({ save: persistence.save, busy: persistence.busy !== null, paused: persistence.conflict.open, issues });
  const tunesOnly = useTunesOnly();
  useEditorShortcuts(() => void persistence.save(), { structure: !tunesOnly });
  useUnsavedChangesWarning();
  const saveFirst = () => persistence.save();
  return (
    <div className="editor">
      <EditorHeader busy={persistence.busy} saveFailure={persistence.saveFailure} saveBlocked={autosave.blocked} onSave={() => void persistence.save()} onPublish={(note) => void persistence.publish(note)} onAskToPublish={tunesOnly ? () => persistence.save() : undefined} />
      <div className={`editor__body${tunesOnly ? ' editor__body--tuning' : ''}`}>
        {!tunesOnly && <Palette />}
        <NodeIssuesContext.Provider value={issuesByNode}>
          <div className="editor__canvas">
            <FlowCanvas />
          </div>
          <SidePanel flowId={flowId} issues={issues} saveFirst={saveFirst} />
        </NodeIssuesContext.Provider>
      </div>
      <ConflictModal {...persistence.conflict} />
      <PublishErrorsModal {...persistence.publishErrors} />
      <RestoreDraftModal {...draftOffer} />
    </div>
  );
}
