import { useEffect, useMemo, useState } from 'react';
import { Alert, Badge, Group, Modal, NativeSelect, ScrollArea, Stack, Text } from '@mantine/core';
import { Background, Controls, ReactFlow, ReactFlowProvider } from '@xyflow/react';
import { diffFlows, type FlowDiff, type FlowDocument } from '@baton/shared';
import { fetchJson } from '../../api/fetchJson.ts';
import { fetchFlow } from '../../api/fetchFlow.ts';
import { defaultEdgeOptions } from '../canvas/FlowCanvas.tsx';
import { nodeTypes } from '../canvas/nodeTypes.ts';
import { fromFlowDocument } from '../store/flowConversion.ts';
import type { EditorEdge, EditorNode } from '../store/types.ts';
import { DiffView, detectorsOf, labelsOf } from './DiffView.tsx';

/** A published version by its number, or the draft as last saved. */
export type Which = number | 'draft';

/** What the viewer shows: one version, and the one it is compared with (none: the version alone). */
export interface Viewing {
  shown: Which;
  against: Which | null;
}

const nameOf = (w: Which) => (w === 'draft' ? 'the draft' : `v${w}`);
const valueOf = (w: Which | null) => (w === null ? '' : String(w));
const whichOf = (value: string): Which | null => (value === '' ? null : value === 'draft' ? 'draft' : Number(value));

/**
 * The canvas of `after`, each step and connection marked by what happened to it since `before`: added, changed, or
 * removed (shown faded where it was). Marks are words as well as colours (a badge on the step, its accessible name).
 * `marked`: the steps that changed, which the view opens on.
 */
function markedCanvas(after: FlowDocument, before: FlowDocument | null, diff: FlowDiff | null): { nodes: EditorNode[]; edges: EditorEdge[]; marked: Array<{ id: string }> } {
  const { nodes, edges } = fromFlowDocument(after);
  const locked = { draggable: false, connectable: false, deletable: false } as const;
  if (!before || !diff) return { nodes: nodes.map((n) => ({ ...n, ...locked })), edges, marked: [] };
  const added = new Set(diff.added.map((s) => s.id));
  const changed = new Map(diff.changed.map((s) => [s.id, s.fields.length]));
  const removed = new Set(diff.removed.map((s) => s.id));
  const label = (n: EditorNode) => (typeof n.data.label === 'string' && n.data.label ? n.data.label : n.id);
  const then = fromFlowDocument(before);
  const key = (e: { source: string; sourceHandle?: string | null; target: string }) => `${e.source}|${e.sourceHandle ?? ''}|${e.target}`;
  const newConnections = new Set(diff.connectionsAdded.map((c) => `${c.source}|${c.port}|${c.target}`));
  const goneConnections = new Set(diff.connectionsRemoved.map((c) => `${c.source}|${c.port}|${c.target}`));
  return {
    // The view opens on what changed; the fit button shows the whole flow.
    marked: [...diff.added, ...diff.changed, ...diff.removed].map((s) => ({ id: s.id })),
    nodes: [
      ...nodes.map((n): EditorNode => {
        if (added.has(n.id)) return { ...n, ...locked, className: 'diff--added', ariaLabel: `Added: ${label(n)}` };
        const fields = changed.get(n.id);
        if (fields) return { ...n, ...locked, className: 'diff--changed', ariaLabel: `Changed (${fields} ${fields === 1 ? 'setting' : 'settings'}): ${label(n)}` };
        return { ...n, ...locked };
      }),
      ...then.nodes.filter((n) => removed.has(n.id)).map((n): EditorNode => ({ ...n, ...locked, className: 'diff--removed', ariaLabel: `Removed: ${label(n)}` })),
    ],
    edges: [
      ...edges.map((e): EditorEdge => (newConnections.has(key(e)) ? { ...e, className: 'diff--added' } : e)),
      ...then.edges.filter((e) => goneConnections.has(key(e))).map((e): EditorEdge => ({ ...e, id: `removed:${e.id}`, className: 'diff--removed' })),
    ],
  };
}

/**
 * A published version (or the draft) on a read-only canvas, and, compared with another, what changed: marked on the
 * canvas and listed beside it. Picking a marked step shows its changes in the list.
 */
export function VersionView({ flowId, viewing, versions, onChange, onClose }: { flowId: string; viewing: Viewing | null; versions: number[]; onChange(v: Viewing): void; onClose(): void }) {
  const [flows, setFlows] = useState<{ key: string; after: FlowDocument; before: FlowDocument | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [picked, setPicked] = useState<string | null>(null);
  const shown = viewing?.shown;
  const against = viewing?.against ?? null;
  const key = shown === undefined ? '' : `${shown}|${against}`;

  useEffect(() => {
    if (shown === undefined) return;
    const controller = new AbortController();
    const load = (w: Which) => (w === 'draft' ? fetchFlow(flowId, controller.signal) : fetchJson<{ flow: FlowDocument }>(`/api/flows/${encodeURIComponent(flowId)}/versions/${w}`, controller.signal).then((v) => v.flow));
    setError(null);
    Promise.all([load(shown), against === null ? null : load(against)]).then(
      ([after, before]) => setFlows({ key, after, before }),
      (e: unknown) => controller.signal.aborted || setError(e instanceof Error ? e.message : String(e)),
    );
    return () => controller.abort();
  }, [flowId, shown, against, key]);

  const ready = flows?.key === key ? flows : null;
  const diff = useMemo(() => (ready?.before ? diffFlows(ready.before, ready.after) : null), [ready]);
  const canvas = useMemo(() => (ready ? markedCanvas(ready.after, ready.before, diff) : null), [ready, diff]);

  useEffect(() => {
    if (!picked) return;
    const item = document.querySelector(`.version-view [data-step="${CSS.escape(picked)}"]`);
    item?.scrollIntoView({ block: 'nearest' });
  }, [picked]);

  if (!viewing) return null;
  const choices = [...versions.map((v) => ({ value: String(v), label: `v${v}` })), { value: 'draft', label: 'The draft' }];
  const title = viewing.against === null ? `${nameOf(viewing.shown)}, read only` : `${nameOf(viewing.against)} → ${nameOf(viewing.shown)}`;
  return (
    <Modal opened onClose={onClose} title={title} fullScreen classNames={{ body: 'version-view__body' }} className="version-view">
      <Group gap="sm" mb="xs" align="flex-end">
        <NativeSelect label="Show" data={choices} value={valueOf(viewing.shown)} onChange={(e) => onChange({ ...viewing, shown: whichOf(e.currentTarget.value) ?? 'draft' })} />
        <NativeSelect
          label="Compared with"
          data={[{ value: '', label: 'Nothing: this version alone' }, ...choices.filter((c) => c.value !== valueOf(viewing.shown))]}
          value={valueOf(viewing.against)}
          onChange={(e) => onChange({ ...viewing, against: whichOf(e.currentTarget.value) })}
        />
        <Text size="sm" c="dimmed" maw={420}>
          Read only: to change the flow, close this and edit the draft{viewing.shown === 'draft' ? '' : `, or roll back to ${nameOf(viewing.shown)} in the history`}.
        </Text>
      </Group>
      {error && (
        <Alert color="red" mb="sm">
          Could not open it: {error}
        </Alert>
      )}
      <div className="version-view__panes">
        <div
          className="version-view__canvas"
          aria-busy={!canvas}
          onKeyDown={(e) => {
            // A step picked with the keyboard (Tab to it, Enter) is found in the list too.
            const step = (e.target as HTMLElement).closest<HTMLElement>('.react-flow__node');
            if (step?.dataset.id && (e.key === 'Enter' || e.key === ' ')) setPicked(step.dataset.id);
          }}
        >
          {canvas && (
            <ReactFlowProvider>
              <ReactFlow<EditorNode, EditorEdge>
                key={key}
                nodes={canvas.nodes}
                edges={canvas.edges}
                nodeTypes={nodeTypes}
                nodesDraggable={false}
                nodesConnectable={false}
                edgesReconnectable={false}
                deleteKeyCode={null}
                onNodeClick={(_e, n) => setPicked(n.id)}
                defaultEdgeOptions={defaultEdgeOptions}
                fitView
                fitViewOptions={canvas.marked.length > 0 ? { nodes: canvas.marked, maxZoom: 1, padding: 0.3 } : undefined}
                minZoom={0.1}
                aria-label={`${title}: the flow's steps`}
              >
                <Background gap={20} />
                <Controls showInteractive={false} />
              </ReactFlow>
            </ReactFlowProvider>
          )}
        </div>
        {diff && ready?.before && (
          <ScrollArea className="version-view__changes" component="section" aria-label="What changed">
            <Stack gap="xs" p="xs">
              <Group gap={6}>
                <Badge color="green">Added</Badge>
                <Badge color="orange">Changed</Badge>
                <Badge color="red" variant="outline">
                  Removed
                </Badge>
              </Group>
              <Text size="xs" c="dimmed">
                Marked on the canvas; pick a marked step to find it here.
              </Text>
              <DiffView diff={diff} labels={labelsOf(ready.before, ready.after)} detectorsOf={detectorsOf(ready.after)} picked={picked} />
            </Stack>
          </ScrollArea>
        )}
      </div>
    </Modal>
  );
}
