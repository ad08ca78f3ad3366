import { useEffect, useState } from 'react';
import { Select, Textarea } from '@mantine/core';
import { fetchQueues } from '../settings/staffingApi.ts';
import { DeskActionForm } from './DeskActionForm.tsx';
import { transferCall } from './deskApi.ts';

/**
 * "Transfer": the agent sends the call on to another queue. The caller hears where to and waits there; that queue's
 * agent gets the briefing with this agent's note, so the caller is not asked again.
 */
export function TransferForm({ agentId, callId, fromQueue, onTransferred, onCancel }: { agentId: string; callId: string; fromQueue: string; onTransferred: () => void; onCancel: () => void }) {
  const [queues, setQueues] = useState<Array<{ value: string; label: string }>>([]);
  const [loadError, setLoadError] = useState<string | undefined>();
  const [queueId, setQueueId] = useState<string | null>(null);
  const [note, setNote] = useState('');

  useEffect(() => {
    const abort = new AbortController();
    fetchQueues(abort.signal).then(
      (all) => setQueues(all.filter((q) => q.id !== fromQueue).map((q) => ({ value: q.id, label: q.name }))),
      (e: unknown) => abort.signal.aborted || setLoadError(`The queues could not be loaded (${e instanceof Error ? e.message : String(e)}). Close this and try again.`),
    );
    return () => abort.abort();
  }, [fromQueue]);

  return (
    <DeskActionForm
      name="Transfer the call"
      title="Transfer the call to another team"
      intro="The caller hears where they are going and waits for that team. Their agent gets the briefing and your note."
      submit="Transfer"
      failure="Could not transfer the call"
      disabled={!queueId}
      run={() => transferCall(callId, agentId, queueId!, note.trim())}
      onDone={onTransferred}
      onCancel={onCancel}
    >
      <Select label="Team" placeholder="Choose a queue" data={queues} value={queueId} onChange={setQueueId} allowDeselect={false} required error={loadError} data-autofocus />
      <Textarea label="Note for the next agent" description="What you found out, and why they are the right team." value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={2} maxLength={2000} />
    </DeskActionForm>
  );
}
