import { useCallback, useEffect, useState } from 'react';
import { Alert, Anchor, Badge, Button, Group, Modal, Stack, Text, Textarea, Title } from '@mantine/core';
import { diffFlows, type FlowDocument, type PublishRequest } from '@baton/shared';
import { fetchJson, sendJson } from '../../api/fetchJson.ts';
import { fetchFlow } from '../../api/fetchFlow.ts';
import { whatIfPath } from '../../matchRoute.ts';
import { notify } from '../notify.ts';
import { useEditorStore } from '../store/editorStore.ts';
import { DiffView, detectorsOf, labelsOf } from './DiffView.tsx';
import { VersionView, type Viewing } from './VersionView.tsx';

const requestsUrl = (flowId: string) => `/api/flows/${encodeURIComponent(flowId)}/publish-requests`;
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

function useRequests(flowId: string) {
  const [requests, setRequests] = useState<PublishRequest[]>([]);
  const load = useCallback(() => fetchJson<PublishRequest[]>(requestsUrl(flowId)).then(setRequests, () => undefined), [flowId]);
  useEffect(() => void load(), [load]);
  return { requests, load };
}

/**
 * An analyst's way to publish: save, then ask an admin, with a note; the latest answer shows beside the button
 * (waiting, declined with the admin's note, or published as vN).
 */
export function AskToPublish({ flowId, save }: { flowId: string; save(): Promise<unknown> }) {
  const { requests, load } = useRequests(flowId);
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const latest = requests[0];
  const ask = async () => {
    setBusy(true);
    setError(null);
    try {
      await save();
      await sendJson(requestsUrl(flowId), 'POST', note ? { note } : {});
      notify('green', 'Asked to publish', 'An admin sees your changes and what they do on simulated callers, then publishes them or says why not.');
      setOpen(false);
      setNote('');
      await load();
    } catch (e) {
      setError(message(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      {latest && (
        <Badge variant="light" color={latest.status === 'open' ? 'blue' : latest.status === 'approved' ? 'green' : 'orange'} title={latest.decisionNote ?? latest.note ?? ''} className="editor-header__request">
          {latest.status === 'open' ? 'Waiting for an admin' : latest.status === 'approved' ? `Published as v${latest.publishedVersion}` : `Declined: ${latest.decisionNote ?? ''}`}
        </Badge>
      )}
      <Button onClick={() => setOpen(true)}>Ask to publish</Button>
      <Modal opened={open} onClose={() => setOpen(false)} title="Ask an admin to publish">
        <Stack>
          <Text size="sm">Your changes are saved first. An admin sees what changed since the published version and can try it on simulated callers before publishing it.</Text>
          {error && <Alert color="red">{error}</Alert>}
          <Textarea label="Why (optional)" placeholder="e.g. Frustrated callers were handed over after one bad turn" value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={500} autosize minRows={2} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button loading={busy} onClick={() => void ask()}>
              Ask to publish
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/** For admins: analysts' open requests to publish this flow, each with what changed and a what-if, to approve or decline. */
export function PublishRequestsReview({ flowId }: { flowId: string }) {
  const { requests, load } = useRequests(flowId);
  const open = requests.filter((r) => r.status === 'open');
  const [shown, setShown] = useState(false);
  const [diff, setDiff] = useState<{ before: FlowDocument | null; after: FlowDocument } | null>(null);
  const [declineNote, setDeclineNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [viewing, setViewing] = useState<Viewing | null>(null);
  const markPublished = useEditorStore((s) => s.markPublished);
  const publishedVersion = useEditorStore((s) => s.publishedVersion);

  useEffect(() => {
    if (!shown) return;
    const published = publishedVersion ? fetchJson<{ flow: FlowDocument }>(`/api/flows/${encodeURIComponent(flowId)}/versions/${publishedVersion}`).then((v) => v.flow) : Promise.resolve(null);
    Promise.all([published, fetchFlow(flowId)]).then(([before, after]) => setDiff({ before, after }), (e: unknown) => setError(message(e)));
  }, [shown, flowId, publishedVersion]);

  if (open.length === 0) return null;
  const request = open[0];
  const decide = async (how: 'approve' | 'decline') => {
    setError(null);
    try {
      const decided = await sendJson<PublishRequest>(`${requestsUrl(flowId)}/${encodeURIComponent(request.id)}/${how}`, 'POST', how === 'decline' ? { note: declineNote } : {});
      if (how === 'approve' && decided.publishedVersion) {
        markPublished(decided.publishedVersion, request.draftVersion);
        notify('green', 'Published', `v${decided.publishedVersion} is published; ${request.requestedBy} sees that it was.`);
      } else notify('blue', 'Declined', `${request.requestedBy} sees your note.`);
      setShown(false);
      setDeclineNote('');
      await load();
    } catch (e) {
      setError(message(e));
    }
  };
  return (
    <>
      {/* "1 request" on narrower screens; the whole name stays for screen readers and as the tooltip. */}
      <Button variant="light" color="blue" onClick={() => setShown(true)} aria-label={open.length === 1 ? '1 request to publish' : `${open.length} requests to publish`} title="An analyst asks to publish: see what changed, then approve or decline">
        {open.length === 1 ? '1 request' : `${open.length} requests`}
        <span className="editor-header__word">&nbsp;to publish</span>
      </Button>
      <Modal opened={shown} onClose={() => setShown(false)} closeOnEscape={viewing === null} title={`${request.requestedBy} asks to publish`} size="lg">
        <Stack>
          {request.note && <Text>“{request.note}”</Text>}
          {error && <Alert color="red">{error}</Alert>}
          <Title order={3} size="h5">
            What changed since {publishedVersion ? `v${publishedVersion}` : 'the start (nothing is published yet)'}
          </Title>
          {diff ? diff.before ? <DiffView diff={diffFlows(diff.before, diff.after)} labels={labelsOf(diff.before, diff.after)} detectorsOf={detectorsOf(diff.after)} /> : <Text size="sm">The whole flow: it has never been published.</Text> : <Text role="status">Loading…</Text>}
          <Group gap="md">
            {publishedVersion && (
              <Button variant="light" size="xs" onClick={() => setViewing({ shown: 'draft', against: publishedVersion })}>
                See the changes on the canvas
              </Button>
            )}
            <Anchor href={whatIfPath(flowId)} target="_blank">
              What if… — try the change on simulated callers against the published version
            </Anchor>
          </Group>
          <Textarea label="Note to the analyst (needed to decline)" value={declineNote} onChange={(e) => setDeclineNote(e.currentTarget.value)} maxLength={500} autosize minRows={2} />
          <Group justify="flex-end">
            <Button variant="default" color="orange" disabled={!declineNote.trim()} onClick={() => void decide('decline')}>
              Decline
            </Button>
            <Button onClick={() => void decide('approve')}>Approve and publish</Button>
          </Group>
        </Stack>
      </Modal>
      {/* Published versions are numbered 1, 2, 3… with none missing (a rollback is a new one). */}
      <VersionView flowId={flowId} viewing={viewing} versions={Array.from({ length: publishedVersion ?? 0 }, (_, i) => i + 1)} onChange={setViewing} onClose={() => setViewing(null)} />
    </>
  );
}
