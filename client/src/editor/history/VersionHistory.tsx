import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Drawer, Group, Modal, Table, Text } from '@mantine/core';
import { fetchJson, sendJson } from '../../api/fetchJson.ts';
import { notify } from '../notify.ts';
import { useTunesOnly } from '../useAnalystLimits.ts';
import { useEditorStore } from '../store/editorStore.ts';
import { VersionView, type Viewing } from './VersionView.tsx';

interface VersionMeta {
  publishedVersion: number;
  draftVersion: number;
  publishedAt: string;
  rolledBackFrom?: number;
  publishedBy?: string;
  note?: string;
}

const when = (iso: string) => new Date(iso).toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/**
 * The flow's published versions, newest first: who published each and why, each one opened read-only on a canvas,
 * what changed from the one before or from it to the draft (on the canvas and as a list), and a roll back that
 * publishes an earlier version again as the newest.
 */
export function VersionHistory({ flowId, opened, onClose }: { flowId: string; opened: boolean; onClose(): void }) {
  const [versions, setVersions] = useState<VersionMeta[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [viewing, setViewing] = useState<Viewing | null>(null);
  const [confirm, setConfirm] = useState<number | null>(null);
  const [rollingBack, setRollingBack] = useState(false);
  const markPublished = useEditorStore((s) => s.markPublished);
  // Rolling back publishes: an admin's to do.
  const tunesOnly = useTunesOnly();

  const load = useCallback(
    () =>
      fetchJson<VersionMeta[]>(`/api/flows/${encodeURIComponent(flowId)}/versions`).then(
        (list) => setVersions([...list].reverse()),
        (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
      ),
    [flowId],
  );
  useEffect(() => {
    if (opened) void load();
  }, [opened, load]);

  async function rollBack(v: number) {
    setRollingBack(true);
    try {
      const result = await sendJson<{ publishedVersion: number; draftVersion: number }>(`/api/flows/${encodeURIComponent(flowId)}/versions/${v}/rollback`, 'POST');
      markPublished(result.publishedVersion, result.draftVersion);
      notify('green', 'Rolled back', `v${v} is published again as v${result.publishedVersion}. New calls get it from now on; the draft is as it was.`);
      setConfirm(null);
      setViewing(null);
      await load();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setConfirm(null);
    } finally {
      setRollingBack(false);
    }
  }

  const latest = versions?.[0]?.publishedVersion;
  return (
    <Drawer opened={opened} onClose={onClose} closeOnEscape={viewing === null && confirm === null} position="right" size="lg" title="Version history">
      {error && (
        <Alert color="red" mb="sm">
          {error}
        </Alert>
      )}
      {versions?.length === 0 && <Text size="sm">This flow has not been published yet. Each publish becomes a numbered version here.</Text>}
      {versions && versions.length > 0 && (
        <Table aria-label="Published versions" verticalSpacing={6}>
          <Table.Tbody>
            {versions.map((v, i) => (
              <Table.Tr key={v.publishedVersion}>
                <Table.Td>
                  <Text fw={600}>
                    v{v.publishedVersion}
                    {v.publishedVersion === latest ? ' (published)' : ''}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {when(v.publishedAt)}
                    {v.rolledBackFrom ? ` · v${v.rolledBackFrom} published again` : ''}
                    {v.publishedBy ? ` · by ${v.publishedBy}` : ''}
                  </Text>
                  {v.note && (
                    <Text size="xs" fs="italic">
                      {v.note}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    <Button size="compact-xs" variant="light" onClick={() => setViewing({ shown: v.publishedVersion, against: null })}>
                      Open v{v.publishedVersion}
                    </Button>
                    {i < versions.length - 1 && (
                      <Button size="compact-xs" variant="light" onClick={() => setViewing({ shown: v.publishedVersion, against: versions[i + 1].publishedVersion })}>
                        What changed in v{v.publishedVersion}
                      </Button>
                    )}
                    <Button size="compact-xs" variant="light" onClick={() => setViewing({ shown: 'draft', against: v.publishedVersion })}>
                      Compare v{v.publishedVersion} with the draft
                    </Button>
                    {v.publishedVersion !== latest && !tunesOnly && (
                      <Button size="compact-xs" variant="light" color="orange" onClick={() => setConfirm(v.publishedVersion)}>
                        Roll back to v{v.publishedVersion}
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <VersionView flowId={flowId} viewing={viewing} versions={(versions ?? []).map((v) => v.publishedVersion).reverse()} onChange={setViewing} onClose={() => setViewing(null)} />
      <Modal opened={confirm !== null} onClose={() => setConfirm(null)} title={`Roll back to v${confirm}?`}>
        <Text size="sm" mb="md">
          v{confirm} is published again as the newest version, and new calls get it at once. Calls in progress keep the version they started on. The draft stays as it is.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setConfirm(null)}>
            Cancel
          </Button>
          <Button color="orange" loading={rollingBack} onClick={() => confirm !== null && void rollBack(confirm)}>
            Roll back
          </Button>
        </Group>
      </Modal>
    </Drawer>
  );
}
