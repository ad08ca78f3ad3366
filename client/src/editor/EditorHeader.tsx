import { useState } from 'react';
import { Button, Group } from '@mantine/core';
import { useStore } from 'zustand';
import { DraftStatus, PublishedStatus } from '../flows/PublishedStatus.tsx';
import { FlowSettingsModal } from './FlowSettingsModal.tsx';
import { VersionHistory } from './history/VersionHistory.tsx';
import { AskToPublish, PublishRequestsReview } from './history/PublishRequests.tsx';
import { PublishButton } from './history/PublishButton.tsx';
import { whatIfPath } from '../matchRoute.ts';
import { redo, undo, useEditorStore } from './store/editorStore.ts';
import { ShortcutsHelp } from './ShortcutsHelp.tsx';
import { useTidyUp } from './layout/useTidyUp.ts';
import type { SaveFailure } from './persistence/useFlowPersistence.tsx';

function saveStatus(saving: boolean, dirty: boolean, failure: SaveFailure | null): string {
  if (saving) return 'Saving…';
  if (failure) return `Could not save: ${failure.reason}`;
  return dirty ? 'Unsaved changes' : 'All changes saved';
}

interface EditorHeaderProps {
  busy: 'saving' | 'publishing' | null;
  /** The last save that failed, if the document has not changed since. */
  saveFailure?: SaveFailure | null;
  /** The flow has problems the server will not store, so autosave waits. */
  saveBlocked?: boolean;
  onSave(): void;
  /** With the admin's note for the history, if they wrote one. */
  onPublish(note?: string): void;
  /** Set for analysts: they save and ask an admin to publish instead. */
  onAskToPublish?: () => Promise<unknown>;
}

/** The flow's name and versions, the way back, and the buttons that act on the whole flow. */
export function EditorHeader({ busy, saveFailure, saveBlocked, onSave, onPublish, onAskToPublish }: EditorHeaderProps) {
  const name = useEditorStore((s) => s.meta?.name ?? '');
  const flowId = useEditorStore((s) => s.meta?.id ?? '');
  const version = useEditorStore((s) => s.version);
  const publishedVersion = useEditorStore((s) => s.publishedVersion);
  const publishedFromDraft = useEditorStore((s) => s.publishedFromDraft);
  const dirty = useEditorStore((s) => s.dirty);
  // A boolean, not the revision itself: the revision changes on every frame of a drag.
  const failureCurrent = useEditorStore((s) => saveFailure != null && s.revision === saveFailure.revision);
  const canUndo = useStore(useEditorStore.temporal, (t) => t.pastStates.length > 0);
  const canRedo = useStore(useEditorStore.temporal, (t) => t.futureStates.length > 0);
  const tidyUp = useTidyUp();
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [historyOpen, setHistoryOpen] = useState(false);
  const status = saveStatus(busy === 'saving', dirty, failureCurrent ? (saveFailure ?? null) : null);
  return (
    <header className="editor-header">
      <div className="editor-header__title">
        <a href="/" className="editor-header__back">
          <span aria-hidden="true">← </span>All flows
        </a>
        <h1 id="flow-title" title={name}>
          {name}
        </h1>
        <span className="editor-header__version">
          <DraftStatus version={version} publishedVersion={publishedVersion} publishedFromDraft={publishedFromDraft} />
        </span>
        <PublishedStatus publishedVersion={publishedVersion} />
        <span
          className={`editor-header__saved${dirty ? ' is-dirty' : ''}`}
          role="status"
          title={dirty && saveBlocked ? 'Changes are saved on their own once the errors in the issues panel are fixed.' : status}
        >
          {status}
        </span>
      </div>
      <Group gap={2} wrap="nowrap" className="editor-header__actions">
        <ShortcutsHelp />
        <Button component="a" variant="subtle" href={whatIfPath(flowId)} title="Compare this draft with the published version on simulated callers">What if…</Button>
        <Button variant="subtle" onClick={() => setSettingsOpen(true)} title="What callers hear when handed to a person, the flow's queues, and how it understands callers">
          Flow settings
        </Button>
        <FlowSettingsModal opened={settingsOpen} onClose={() => setSettingsOpen(false)} />
        <Button variant="subtle" onClick={() => setHistoryOpen(true)} title="Published versions: what changed, and rolling back to an earlier one">
          History
        </Button>
        <VersionHistory flowId={flowId} opened={historyOpen} onClose={() => setHistoryOpen(false)} />
        {!onAskToPublish && (
          <Button variant="subtle" onClick={tidyUp} title="Arrange every step in rows, from where calls start">
            Tidy up
          </Button>
        )}
        {/* On narrower screens only the arrows show; the name stays for screen readers and as the tooltip. */}
        <Button variant="subtle" onClick={undo} disabled={!canUndo} title="Undo (Ctrl+Z)" aria-label="Undo">
          <span aria-hidden="true" className="editor-header__icon">↶</span>
          <span className="editor-header__word">Undo</span>
        </Button>
        <Button variant="subtle" onClick={redo} disabled={!canRedo} title="Redo (Shift+Ctrl+Z)" aria-label="Redo">
          <span aria-hidden="true" className="editor-header__icon">↷</span>
          <span className="editor-header__word">Redo</span>
        </Button>
        <Button variant="default" onClick={onSave} loading={busy === 'saving'} disabled={busy !== null} title="Save (Ctrl+S)">
          Save
        </Button>
        {onAskToPublish ? (
          <AskToPublish flowId={flowId} save={onAskToPublish} />
        ) : (
          <>
            <PublishRequestsReview flowId={flowId} />
            <PublishButton busy={busy === 'publishing'} disabled={busy !== null} onPublish={onPublish} />
          </>
        )}
      </Group>
    </header>
  );
}
