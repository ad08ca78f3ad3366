import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Drawer, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { diffFlows, type FieldChange, type FlowDiff, type FlowDocument } from '@baton/shared';
import { fetchJson, sendJson } from '../../api/fetchJson.ts';
import { fetchFlow } from '../../api/fetchFlow.ts';
import { signalNames } from '../inspector/signalNames.ts';
import { notify } from '../notify.ts';
import { useTunesOnly } from '../useAnalystLimits.ts';
import { useEditorStore } from '../store/editorStore.ts';

interface VersionMeta {
  publishedVersion: number;
  draftVersion: number;
  publishedAt: string;
  rolledBackFrom?: number;
  publishedBy?: string;
  note?: string;
}

const when = (iso: string) => new Date(iso).toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const shown = (value: unknown) => (value === undefined ? '(none)' : typeof value === 'string' ? `"${value.length > 80 ? `${value.slice(0, 80)}…` : value}"` : JSON.stringify(value));

/** Settings as the inspector names them. */
const FIELD_WORDS: Record<string, string> = {
  label: 'name',
  deltaDb: 'louder by (dB)',
  threshold: 'at least this sure',
  turns: 'over this many turns',
  atLeast: 'repeats at least',
  streak: 'turns not understood in a row',
  below: 'recognition below',
  text: 'words',
  greeting: 'greeting',
  question: 'question',
  queue: 'queue',
  skills: 'skills',
  priority: 'priority',
  rule: 'rule',
  topics: 'topics',
  examples: 'example phrases',
  busyText: 'when nobody is free',
  closedText: 'when closed',
  connectedText: 'when connected',
};

/**
 * A changed setting's path in words: "detectors[2].deltaDb" of a trigger reads "Raised voice: louder by (dB)",
 * "intents[0].examples[3]" reads "intents 1: example phrases 4".
 */
function fieldName(path: string, detectors: unknown): string {
  const signals = Array.isArray(detectors) ? detectors.map((d: { signal?: string }) => d?.signal) : [];
  const detector = /^detectors\[(\d+)\]\.?(.*)$/.exec(path);
  const words = (rest: string) =>
    rest
      .replace(/\[(\d+)\]/g, (_m, i: string) => ` ${Number(i) + 1}`)
      .split('.')
      .filter(Boolean)
      .map((part) => FIELD_WORDS[part.trim()] ?? part.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase())
      .join(': ');
  if (!detector) return words(path);
  const watched = signalNames[signals[Number(detector[1])] as keyof typeof signalNames] ?? `Detector ${Number(detector[1]) + 1}`;
  return detector[2] ? `${watched}: ${words(detector[2])}` : watched;
}

function Fields({ fields, detectors }: { fields: FieldChange[]; detectors?: unknown }) {
  return (
    <ul className="history__fields">
      {fields.map((f) => (
        <li key={f.field}>
          <span title={f.field}>{fieldName(f.field, detectors)}</span>: {shown(f.before)} → {shown(f.after)}
        </li>
      ))}
    </ul>
  );
}

function StepList({ title, steps }: { title: string; steps: FlowDiff['added'] }) {
  if (steps.length === 0) return null;
  return (
    <section aria-label={title}>
      <Title order={4} size="h6">
        {title}
      </Title>
      <ul>
        {steps.map((s) => (
          <li key={s.id}>
            {s.label} ({s.kind})
          </li>
        ))}
      </ul>
    </section>
  );
}

/** What changed between two versions, in the steps' own names. */
export function DiffView({ diff, labels, detectorsOf }: { diff: FlowDiff; labels: Record<string, string>; detectorsOf: Record<string, unknown> }) {
  if (diff.same) return <Text size="sm">Nothing differs but where steps sit on the canvas.</Text>;
  const name = (id: string) => labels[id] ?? id;
  return (
    <Stack gap="xs">
      <StepList title="Steps added" steps={diff.added} />
      <StepList title="Steps removed" steps={diff.removed} />
      {diff.changed.length > 0 && (
        <section aria-label="Steps changed">
          <Title order={4} size="h6">
            Steps changed
          </Title>
          <ul>
            {diff.changed.map((s) => (
              <li key={s.id}>
                {s.label}
                <Fields fields={s.fields} detectors={detectorsOf[s.id]} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {diff.connectionsAdded.length + diff.connectionsRemoved.length > 0 && (
        <section aria-label="Connections">
          <Title order={4} size="h6">
            Connections
          </Title>
          <ul>
            {diff.connectionsAdded.map((c) => (
              <li key={`+${c.source}|${c.port}|${c.target}`}>
                Added: {name(c.source)} ({c.port}) → {name(c.target)}
              </li>
            ))}
            {diff.connectionsRemoved.map((c) => (
              <li key={`-${c.source}|${c.port}|${c.target}`}>
                Removed: {name(c.source)} ({c.port}) → {name(c.target)}
              </li>
            ))}
          </ul>
        </section>
      )}
      {diff.settings.length > 0 && (
        <section aria-label="Flow settings">
          <Title order={4} size="h6">
            Flow settings
          </Title>
          <Fields fields={diff.settings} />
        </section>
      )}
    </Stack>
  );
}

export const labelsOf = (...flows: FlowDocument[]) =>
  Object.fromEntries(flows.flatMap((f) => f.nodes.map((n) => [n.id, typeof n.data?.label === 'string' && n.data.label ? n.data.label : n.id])));
/** Each trigger's detectors, to name a changed detector by what it watches. */
export const detectorsOf = (flow: FlowDocument) => Object.fromEntries(flow.nodes.map((n) => [n.id, n.data?.detectors]));

/**
 * The flow's published versions, newest first: when each was published, what changed from the one before or from it
 * to the draft, and a roll back that publishes an earlier version again as the newest.
 */
export function VersionHistory({ flowId, opened, onClose }: { flowId: string; opened: boolean; onClose(): void }) {
  const [versions, setVersions] = useState<VersionMeta[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [compared, setCompared] = useState<{ title: string; diff: FlowDiff; labels: Record<string, string>; detectors: Record<string, unknown> } | null>(null);
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

  const versionFlow = async (v: number) => (await fetchJson<{ flow: FlowDocument }>(`/api/flows/${encodeURIComponent(flowId)}/versions/${v}`)).flow;
  async function compare(title: string, before: () => Promise<FlowDocument>, after: () => Promise<FlowDocument>) {
    try {
      setError(null);
      const [a, b] = await Promise.all([before(), after()]);
      setCompared({ title, diff: diffFlows(a, b), labels: labelsOf(a, b), detectors: detectorsOf(b) });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  async function rollBack(v: number) {
    setRollingBack(true);
    try {
      const result = await sendJson<{ publishedVersion: number; draftVersion: number }>(`/api/flows/${encodeURIComponent(flowId)}/versions/${v}/rollback`, 'POST');
      markPublished(result.publishedVersion, result.draftVersion);
      notify('green', 'Rolled back', `v${v} is published again as v${result.publishedVersion}. New calls get it from now on; the draft is as it was.`);
      setConfirm(null);
      setCompared(null);
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
    <Drawer opened={opened} onClose={onClose} position="right" size="lg" title="Version history">
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
                    {i < versions.length - 1 && (
                      <Button
                        size="compact-xs"
                        variant="light"
                        onClick={() => void compare(`v${versions[i + 1].publishedVersion} → v${v.publishedVersion}`, () => versionFlow(versions[i + 1].publishedVersion), () => versionFlow(v.publishedVersion))}
                      >
                        What changed in v{v.publishedVersion}
                      </Button>
                    )}
                    <Button size="compact-xs" variant="light" onClick={() => void compare(`v${v.publishedVersion} → the draft`, () => versionFlow(v.publishedVersion), () => fetchFlow(flowId))}>
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
      {compared && (
        <section aria-label="Comparison">
          <Title order={3} size="h5" mt="md" mb="xs">
            {compared.title}
          </Title>
          <DiffView diff={compared.diff} labels={compared.labels} detectorsOf={compared.detectors} />
        </section>
      )}
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
